from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from config.teams import OWNERS


class DeliveryProblemFilter(admin.SimpleListFilter):
    title = "problem"
    parameter_name = "problem"

    def lookups(self, request, model_admin):
        return [("any", "failed or retrying"), ("failed", "failed"), ("retrying", "retrying")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "any":
            return queryset.needing_attention()
        if value == "failed":
            return queryset.needing_attention().filter(state=queryset.model.State.FAILED)
        if value == "retrying":
            return queryset.retrying()
        return queryset


class OwnerFilter(admin.SimpleListFilter):
    """Whose record an email belongs to: each team's, or no team's (invitations, notices)."""

    title = "belongs to"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [
            *(
                (label, f"{owner.team} ({owner.record.removeprefix('the ')})")
                for label, owner in OWNERS.items()
            ),
            ("other", "no team"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        owned = [ContentType.objects.get_by_natural_key(*label.split(".")) for label in OWNERS]
        if value == "other":
            return queryset.exclude(source_type__in=owned)
        if value in OWNERS:
            return queryset.filter(source_type=owned[list(OWNERS).index(value)])
        return queryset
