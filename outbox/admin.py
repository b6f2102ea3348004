from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from outbox import explain, services
from outbox.admin_filters import DeliveryProblemFilter, OwnerFilter
from outbox.models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """Read-only: a message is a record of what was sent. Staff act on it only
    through the two actions, which never edit a message in place."""

    # At 1366 px: the state phrase carries attempts and send time; the rest is on the detail page.
    list_display = ["created_at", "to", "subject", "status", "source_link"]
    list_filter = [DeliveryProblemFilter, OwnerFilter, "state", "template", "created_at", "sent_at"]
    search_fields = ["to", "subject", "message_id", "last_error"]
    date_hierarchy = "created_at"
    list_select_related = ["source_type", "resent_from"]
    actions = ["retry_now", "resend"]
    fieldsets = [
        (None, {"fields": ["to", "reply_to", "subject", "template", "source_link"]}),
        (
            "Delivery",
            {
                "fields": [
                    "state",
                    "attempts",
                    "last_error",
                    "next_attempt_at",
                    "sending_started_at",
                    "created_at",
                    "sent_at",
                    "message_id",
                    "resent_from",
                ]
            },
        ),
        ("Content", {"classes": ["collapse"], "fields": ["body_text", "body_html", "attachments"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("source")
        if request.user.is_superuser:
            return queryset
        # Each team sees the emails of what it may see: the media team those
        # about inquiries, the events team those about sign-ups. Messages that
        # belong to nothing (staff invitations, failure notices) are for superusers.
        # Failure notices (whose source is another email) go to the operators
        # and describe any team's message, so they are for superusers too.
        visible_types = [
            content_type.pk
            for content_type in ContentType.objects.filter(
                pk__in=queryset.values("source_type").distinct()
            ).exclude(app_label="outbox")
            if request.user.has_perm(f"{content_type.app_label}.view_{content_type.model}")
        ]
        return queryset.filter(source_type__in=visible_types)

    def get_readonly_fields(self, request, obj=None):
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The change form is view-only; "change" permission is what the actions require.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="state", ordering="state")
    def status(self, obj):
        state = explain.plain_state(obj)
        explanation = explain.explain(obj) if obj.state == OutboundEmail.State.FAILED else None
        if explanation is None:
            return state
        return format_html("{}<br><small>{}</small>", state, explanation.summary)

    @admin.display(description="belongs to")
    def source_link(self, obj):
        if obj.source_type_id is None:
            return "—"
        source = obj.source
        if source is None:
            return f"{obj.source_type.name} #{obj.source_id} (deleted)"
        try:
            url = reverse(
                f"admin:{obj.source_type.app_label}_{obj.source_type.model}_change",
                args=[obj.source_id],
            )
        except NoReverseMatch:
            return str(source)
        return format_html('<a href="{}">{}</a>', url, source)

    @admin.action(description="Retry now", permissions=["change"])
    def retry_now(self, request, queryset):
        with transaction.atomic():
            retried = sum(services.retry_now(email) for email in queryset)
        skipped = queryset.count() - retried
        self.message_user(request, f"{retried} message(s) will be tried again now.")
        if skipped:
            self.message_user(
                request,
                f"{skipped} message(s) were already sent or being sent; use Resend for a new copy.",
                messages.WARNING,
            )

    @admin.action(description="Resend as a new message", permissions=["change"])
    def resend(self, request, queryset):
        with transaction.atomic():
            copies = [services.resend(email) for email in queryset]
        self.message_user(request, f"{len(copies)} new message(s) queued.")
