from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils.html import format_html

from config.admin_filters import TableFilter
from config.admin_widgets import LabelledTabularInline
from config.singleton_admin import SingletonAdmin
from config.spreadsheets import columns_for, csv_download, yes_no
from config.translated_forms import TranslatedModelForm
from formguard.admin import mark_spam
from fundraising.admin_actions import ResendGuideMixin
from fundraising.admin_guide import GuideOnePageMixin
from fundraising.models import FundraiserSignup, Guide, GuideSection, GuideTip
from fundraising.services import GUIDE_EMAIL, resend_guide
from outbox.admin_record import DeliveryProblemsMixin
from outbox.explain import attempt_count
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


class ConsentFilter(TableFilter):
    title = "news consent"
    parameter_name = "consent"
    options = {
        "yes": (
            "agreed",
            lambda qs: qs.filter(news_consent=True, consent_withdrawn_at__isnull=True),
        ),
        "withdrawn": (
            "withdrawn",
            lambda qs: qs.filter(news_consent=True, consent_withdrawn_at__isnull=False),
        ),
        "no": ("not agreed", lambda qs: qs.filter(news_consent=False)),
    }


def guide_email_summary(signup) -> str:
    state = getattr(signup, "guide_email_state", None)
    if state is None:
        return "not sent (spam)" if signup.is_spam else "-"
    attempts = signup.guide_email_attempts or 0
    return f"{state}, {attempt_count(attempts)}"


CSV_COLUMNS = columns_for(
    FundraiserSignup,
    [
        ("Received", "received_at"),
        *FundraiserSignup.ABOUT_SUPPORTER,
        ("Kind", "kind"),
        "planned_date",
        ("Goal", "goal_amount"),
        ("News consent", lambda s: yes_no(s.wants_news)),
        "follow_up",
        ("Guide email", guide_email_summary),
        ("Spam", "is_spam"),
        "message",
        "internal_notes",
    ],
)


@admin.register(FundraiserSignup)
class FundraiserSignupAdmin(ResendGuideMixin, DeliveryProblemsMixin, admin.ModelAdmin):
    list_display = [
        "received_at",
        "full_name",
        "email_link",
        "guide_email",
        "follow_up",
        "kind",
        "planned_date",
        "consent",
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
    actions = ["resend_guide_action", "export_csv", mark_spam]
    list_per_page = 50
    readonly_fields = [
        "received_at",
        "language",
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
            {"fields": FundraiserSignup.ABOUT_SUPPORTER},
        ),
        ("Fundraiser", {"fields": ["kind", "planned_date", "goal_amount", "message", "language"]}),
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

    @admin.display(description="email", ordering="email")
    def email_link(self, signup):
        return format_html('<a href="mailto:{}">{}</a>', signup.email, signup.email)

    @admin.display(description="city / province", ordering="city")
    def place(self, signup):
        return ", ".join(p for p in [signup.city, signup.province] if p) or "-"

    @admin.display(description="news", boolean=True, ordering="news_consent")
    def consent(self, signup):
        return signup.wants_news

    @admin.display(description="guide email", ordering="guide_email_state")
    def guide_email(self, signup):
        return guide_email_summary(signup)

    @admin.display(description="emails for this sign-up")
    def email_history(self, signup):
        emails = OutboundEmail.objects.for_source(signup)
        if not emails:
            return "none"
        return "\n".join(
            f"{e.created_at:%Y-%m-%d %H:%M} · {e.subject} → {e.to}: {e.status_summary} "
            f"({attempt_count(e.attempts)})"
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
        return csv_download("fundraiser-signups", CSV_COLUMNS, queryset)


class GuideSectionInline(LabelledTabularInline):
    model = GuideSection
    form = TranslatedModelForm
    fields = ["order", "title_en", "title_fr"]
    extra = 0
    # Each saved section's tips follow on the same page (GuideOnePageMixin).


class GuideTipInline(admin.StackedInline):
    model = GuideTip
    form = TranslatedModelForm
    fields = ["order", ("title_en", "title_fr"), ("text_en", "text_fr")]
    extra = 0


@admin.register(Guide)
class GuideAdmin(GuideOnePageMixin, SingletonAdmin):
    form = TranslatedModelForm
    fields = [("title_en", "title_fr"), ("intro_en", "intro_fr"), "pdf"]
    inlines = [GuideSectionInline]


@admin.register(GuideSection)
class GuideSectionAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "tip_count"]
    list_editable = ["order"]
    form = TranslatedModelForm
    fields = ["guide", "order", ("title_en", "title_fr")]
    inlines = [GuideTipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_tips=Count("tips"))

    @admin.display(description="tips", ordering="n_tips")
    def tip_count(self, section):
        return section.n_tips
