from django.contrib import admin
from django.contrib.contenttypes.models import ContentType

from config.admin_filters import TableFilter
from config.teams import OWNERS


class DeliveryProblemFilter(TableFilter):
    title = "problem"
    parameter_name = "problem"
    options = {
        "any": ("failed or retrying", lambda qs: qs.needing_attention()),
        "failed": (
            "failed",
            lambda qs: qs.needing_attention().filter(state=qs.model.State.FAILED),
        ),
        "retrying": ("retrying", lambda qs: qs.retrying()),
    }


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
