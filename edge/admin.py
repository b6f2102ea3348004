from django.contrib import admin, messages
from django.db import transaction

from edge.models import Purge
from edge.tasks import enqueue_attempt


@admin.register(Purge)
class PurgeAdmin(admin.ModelAdmin):
    """Read-only record of what the edge was told; a failed purge can be retried."""

    list_display = ["created_at", "short_keys", "reason", "state", "attempts", "done_at"]
    list_filter = ["state", "created_at"]
    search_fields = ["keys", "reason", "last_error"]
    actions = ["retry_now"]
    readonly_fields = [f.name for f in Purge._meta.fields]

    @admin.display(description="keys")
    def short_keys(self, purge):
        text = " ".join(purge.keys)
        return text if len(text) <= 80 else text[:79] + "…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Retry now", permissions=["view"])
    def retry_now(self, request, queryset):
        retried = 0
        for purge in queryset.exclude(state=Purge.State.DONE):
            Purge.objects.filter(pk=purge.pk).update(state=Purge.State.QUEUED, next_attempt_at=None)
            transaction.on_commit(lambda pk=purge.pk: enqueue_attempt(pk))
            retried += 1
        self.message_user(request, f"{retried} purge(s) queued again.", messages.SUCCESS)
