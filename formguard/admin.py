from django.contrib import admin
from django.utils.translation import ngettext

from formguard.models import Submission


@admin.action(description="Mark the selected as spam (kept, never emailed)", permissions=["change"])
def mark_spam(modeladmin, request, queryset):
    """The one way staff mark a submission of any public form as spam."""
    count = queryset.mark_spam(Submission.STAFF_SPAM_REASON)
    opts = queryset.model._meta
    modeladmin.message_user(
        request,
        ngettext("%(n)d %(one)s marked as spam.", "%(n)d %(many)s marked as spam.", count)
        % {"n": count, "one": opts.verbose_name, "many": opts.verbose_name_plural},
    )
