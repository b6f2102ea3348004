from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from config.singleton_admin import SingletonAdmin
from config.spreadsheets import columns_for, csv_download
from config.translated_forms import TranslatedModelForm
from contact.admin_filters import DeadlineFilter
from contact.admin_notes import NotesLogMixin, notes_cell
from contact.models import MediaContact, MediaInquiry
from formguard.admin import mark_spam
from formguard.cleaning import tel_uri
from outbox.admin_record import DeliveryProblemsMixin
from outbox.explain import attempt_count
from outbox.models import OutboundEmail

MEDIA_TEAM = "Media team"
ADMIN_CSS = {"all": ["css/contact.css"]}
DEADLINE_FLAGS = {"overdue": "overdue", "due-soon": "due within 24 h"}
EMAIL_LABELS = {
    "contact_notification": "Notification to the media team",
    "contact_acknowledgement": "Acknowledgement to the journalist",
}
# What the journalist sent (and how it was judged): shown, never edited.
SENT_FIELDS = [
    "name",
    "email_link",
    "outlet",
    "phone_link",
    "topic",
    "message",
    "deadline",
    "language",
    "received_at",
    "is_spam",
    "spam_reason",
]
CSV_COLUMNS = columns_for(
    MediaInquiry,
    [
        ("Received", "received_at"),
        "name",
        "email",
        "outlet",
        "phone",
        "topic",
        "message",
        "deadline",
        "state",
        ("Spam", "is_spam"),
        "assignee",
        ("Internal notes", notes_cell),
    ],
)


@admin.register(MediaInquiry)
class MediaInquiryAdmin(NotesLogMixin, DeliveryProblemsMixin, admin.ModelAdmin):
    list_display = [
        "received_at",
        "name",
        "outlet",
        "topic",
        "deadline_display",
        "state",
        "assignee",
        "is_spam",
    ]
    list_display_links = ["received_at", "name"]
    list_filter = [
        DeadlineFilter,
        "state",
        "is_spam",
        ("assignee", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "email", "outlet", "topic", "message"]
    list_select_related = ["assignee"]
    date_hierarchy = "received_at"
    list_per_page = 50
    actions = ["export_csv", mark_spam, "mark_answered"]
    # What the journalist sent is their record; staff triage around it.
    readonly_fields = [*SENT_FIELDS, "email_delivery", "notes_log"]
    fieldsets = [
        ("Triage", {"fields": ["state", "assignee", "notes_log", "add_note"]}),
        (
            "The inquiry",
            {"fields": SENT_FIELDS},
        ),
        ("Emails", {"fields": ["email_delivery"]}),
    ]

    class Media:
        css = ADMIN_CSS

    def has_add_permission(self, request):
        return False  # inquiries come only from the public form

    def get_ordering(self, request):
        return DeadlineFilter.ordering(request) or super().get_ordering(request)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            # Only the media team answers journalists.
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_staff=True, is_active=True, groups__name=MEDIA_TEAM)
                .order_by("first_name", "username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="email")
    def email_link(self, inquiry):
        return format_html('<a href="mailto:{}">{}</a>', inquiry.email, inquiry.email)

    @admin.display(description="phone")
    def phone_link(self, inquiry):
        if not inquiry.phone:
            return "–"
        try:
            href = tel_uri(inquiry.phone)
        except ValidationError:
            return inquiry.phone  # kept as sent (a spam row, an older rule): no link to dial
        return format_html('<a href="{}">{}</a>', href, inquiry.phone)

    @admin.display(description="deadline", ordering="deadline")
    def deadline_display(self, inquiry):
        if inquiry.deadline is None:
            return "–"
        when = timezone.localtime(inquiry.deadline).strftime("%Y-%m-%d %H:%M")
        status = inquiry.deadline_status()
        if not status:
            return when
        return format_html(
            '<span class="deadline deadline--{}">{}<span class="deadline__flag">{}</span></span>',
            status,
            when,
            DEADLINE_FLAGS[status],
        )

    @admin.display(description="delivery of the notification and the acknowledgement")
    def email_delivery(self, inquiry):
        emails = OutboundEmail.objects.for_source(inquiry) if inquiry.pk else []
        if not emails:
            return "No emails (spam is never emailed)." if inquiry.is_spam else "No emails."
        linked = admin.site.is_registered(OutboundEmail)
        items = format_html_join(
            "",
            "<li>{} to {}: <strong>{}</strong>, {}{}</li>",
            (
                (
                    self._email_label(email, linked),
                    email.to,
                    email.status_summary,
                    attempt_count(email.attempts),
                    f", sent {timezone.localtime(email.sent_at):%Y-%m-%d %H:%M}"
                    if email.sent_at
                    else "",
                )
                for email in emails
            ),
        )
        return format_html('<ul class="email-delivery">{}</ul>', items)

    @staticmethod
    def _email_label(email, linked):
        label = EMAIL_LABELS.get(email.template, email.template)
        if not linked:
            return label
        url = reverse("admin:outbox_outboundemail_change", args=[email.pk])
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.action(description="Download the selected inquiries as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        inquiries = (
            queryset.select_related("assignee")
            .prefetch_related("notes__author")
            .order_by("-received_at")
        )
        return csv_download("media-inquiries", CSV_COLUMNS, inquiries)

    @admin.action(description="Mark the selected inquiries as answered", permissions=["change"])
    def mark_answered(self, request, queryset):
        count = queryset.update(state=MediaInquiry.State.ANSWERED, updated_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(n)d inquiry marked as answered.", "%(n)d inquiries marked as answered.", count
            )
            % {"n": count},
        )


@admin.register(MediaContact)
class MediaContactAdmin(SingletonAdmin):
    list_display = ["name", "title", "email", "phone_display"]
    form = TranslatedModelForm
    fields = ["name", ("title_en", "title_fr"), "email", "phone", "extension"]
