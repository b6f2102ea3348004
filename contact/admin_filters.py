from django.contrib import admin
from django.db.models import F
from django.utils import timezone

from contact.models import MediaInquiry


class DeadlineFilter(admin.SimpleListFilter):
    """Open inquiries by how soon they must be answered; the list is then
    sorted by deadline, so the overdue come first (see ``ordering``)."""

    title = "deadline"
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [
            ("open", "open, soonest first"),
            ("overdue", "overdue"),
            ("due_soon", "due within 24 hours"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value not in {"open", "overdue", "due_soon"}:
            return queryset
        queryset = queryset.filter(state__in=MediaInquiry.OPEN_STATES, is_spam=False)
        if value == "overdue":
            return queryset.filter(deadline__lt=now)
        if value == "due_soon":
            return queryset.filter(deadline__gte=now, deadline__lte=now + MediaInquiry.DUE_SOON)
        return queryset

    @classmethod
    def ordering(cls, request):
        """Deadline order while this filter is on (None: the list's usual order)."""
        if request.GET.get(cls.parameter_name) and "o" not in request.GET:
            return [F("deadline").asc(nulls_last=True), "received_at"]
        return None
