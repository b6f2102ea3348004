from __future__ import annotations

import csv

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Subquery
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.utils import timezone

from config.spreadsheets import formula_safe
from fundraising.models import FundraiserSignup, Guide, GuideSection, GuideTip
from fundraising.services import GUIDE_EMAIL, resend_guide
from outbox.models import OutboundEmail


def guide_email_subquery(field: str):
    """The latest guide email's ``field`` for each sign-up, as one subquery,
    so the list costs the same number of queries for 10 rows or 100."""
    return Subquery(
        OutboundEmail.objects.filter(
            source_type=ContentType.objects.get_for_model(FundraiserSignup),
            source_id=Cast(OuterRef("pk"), CharField()),
            template=GUIDE_EMAIL,
        )
        .order_by("-created_at")
        .values(field)[:1]
    )


class GuideEmailStateFilter(admin.SimpleListFilter):
    title = "guide email"
    parameter_name = "guide_email"

    def lookups(self, request, model_admin):
        return [*OutboundEmail.State.choices, ("none", "not sent (spam)")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "none":
            return queryset.filter(guide_email_state__isnull=True)
        if value in OutboundEmail.State.values:
            return queryset.filter(guide_email_state=value)
        return queryset


class ConsentFilter(admin.SimpleListFilter):
    title = "news consent"
    parameter_name = "consent"

    def lookups(self, request, model_admin):
        return [("yes", "agreed"), ("withdrawn", "withdrawn"), ("no", "not agreed")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "yes":
            return queryset.filter(news_consent=True, consent_withdrawn_at__isnull=True)
        if value == "withdrawn":
            return queryset.filter(news_consent=True, consent_withdrawn_at__isnull=False)
        if value == "no":
            return queryset.filter(news_consent=False)
        return queryset


CSV_COLUMNS = [
    ("received_at", "Received"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("city", "City"),
    ("province", "Province or region"),
    ("kind", "Kind"),
    ("planned_date", "Planned date"),
    ("goal_amount", "Goal"),
    ("news", "News consent"),
    ("follow_up", "Follow-up"),
    ("guide_email", "Guide email"),
    ("message", "Message"),
    ("internal_notes", "Internal notes"),
]


@admin.register(FundraiserSignup)
class FundraiserSignupAdmin(admin.ModelAdmin):
    list_display = [
        "received_at",
        "full_name",
        "email",
        "kind",
        "place",
        "planned_date",
        "goal_amount",
        "consent",
        "guide_email",
        "follow_up",
    ]
    list_display_links = ["received_at", "full_name"]
    list_filter = [
        "kind",
        "province",
        ConsentFilter,
        GuideEmailStateFilter,
        "follow_up",
        "is_spam",
    ]
    date_hierarchy = "received_at"  # drill down by year, month and day
    search_fields = ["first_name", "last_name", "email", "city", "message", "internal_notes"]
    actions = ["resend_guide_action", "export_csv"]
    list_per_page = 50
    readonly_fields = [
        "received_at",
        "news_consent",
        "consent_wording",
        "consent_given_at",
        "consent_withdrawn_at",
        "is_spam",
        "spam_reason",
        "email_history",
    ]
    fieldsets = [
        ("Follow-up", {"fields": ["follow_up", "internal_notes"]}),
        (
            "Supporter",
            {"fields": ["first_name", "last_name", "email", "phone", "city", "province"]},
        ),
        ("Fundraiser", {"fields": ["kind", "planned_date", "goal_amount", "message"]}),
        (
            "Consent to news",
            {
                "fields": [
                    "news_consent",
                    "consent_wording",
                    "consent_given_at",
                    "consent_withdrawn_at",
                ]
            },
        ),
        ("Emails", {"fields": ["email_history"]}),
        ("Record", {"fields": ["received_at", "is_spam", "spam_reason"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                guide_email_state=guide_email_subquery("state"),
                guide_email_attempts=guide_email_subquery("attempts"),
            )
        )

    @admin.display(description="name", ordering="last_name")
    def full_name(self, signup):
        return signup.full_name

    @admin.display(description="city / province", ordering="city")
    def place(self, signup):
        return ", ".join(p for p in [signup.city, signup.province] if p) or "-"

    @admin.display(description="news", boolean=True, ordering="news_consent")
    def consent(self, signup):
        return signup.wants_news

    @admin.display(description="guide email", ordering="guide_email_state")
    def guide_email(self, signup):
        state = getattr(signup, "guide_email_state", None)
        if state is None:
            return "not sent (spam)" if signup.is_spam else "-"
        attempts = signup.guide_email_attempts or 0
        return f"{state}, {attempts} attempt{'s' if attempts != 1 else ''}"

    @admin.display(description="emails for this sign-up")
    def email_history(self, signup):
        emails = OutboundEmail.objects.for_source(signup)
        if not emails:
            return "none"
        return "\n".join(
            f"{e.created_at:%Y-%m-%d %H:%M} · {e.subject} → {e.to}: {e.status_summary} "
            f"({e.attempts} attempt{'s' if e.attempts != 1 else ''})"
            for e in emails
        )

    @admin.action(description="Resend the guide email to the selected supporters")
    def resend_guide_action(self, request, queryset):
        sent = 0
        for signup in queryset.filter(is_spam=False):
            resend_guide(signup)
            sent += 1
        skipped = queryset.filter(is_spam=True).count()
        self.message_user(
            request, f"Queued the guide email again for {sent} supporter(s).", messages.SUCCESS
        )
        if skipped:
            self.message_user(
                request,
                f"Skipped {skipped} sign-up(s) marked as spam: un-mark them first.",
                messages.WARNING,
            )

    @admin.action(description="Export the selected sign-ups as CSV")
    def export_csv(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="fundraiser-signups-{stamp}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the file as UTF-8
        writer = csv.writer(response)
        writer.writerow([label for _, label in CSV_COLUMNS])
        for signup in queryset:
            row = {
                "received_at": timezone.localtime(signup.received_at).strftime("%Y-%m-%d %H:%M"),
                "province": signup.get_province_display(),
                "kind": signup.get_kind_display(),
                "news": "yes" if signup.wants_news else "no",
                "follow_up": signup.get_follow_up_display(),
                "guide_email": self.guide_email(signup),
            }
            writer.writerow(
                [
                    formula_safe(row[name] if name in row else getattr(signup, name))
                    for name, _ in CSV_COLUMNS
                ]
            )
        return response


class GuideSectionInline(admin.TabularInline):
    model = GuideSection
    fields = ["order", "title"]
    extra = 0
    show_change_link = True  # the tips are edited on the section's own page


class GuideTipInline(admin.StackedInline):
    model = GuideTip
    fields = ["order", "title", "text"]
    extra = 0


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    fields = ["title", "intro", "pdf"]
    inlines = [GuideSectionInline]

    def has_add_permission(self, request):
        return not Guide.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GuideSection)
class GuideSectionAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "tip_count"]
    list_editable = ["order"]
    fields = ["guide", "order", "title"]
    inlines = [GuideTipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_tips=Count("tips"))

    @admin.display(description="tips", ordering="n_tips")
    def tip_count(self, section):
        return section.n_tips
