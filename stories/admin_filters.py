from django.contrib import admin

from stories.workspace import ATTENTION


class NeedsAttentionFilter(admin.SimpleListFilter):
    """The story list behind each panel of the admin home page."""

    title = "needs attention"
    parameter_name = "show"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _rows) in ATTENTION.items()]

    def queryset(self, request, queryset):
        entry = ATTENTION.get(self.value())
        if entry is None:
            return queryset
        return queryset.filter(pk__in=entry[1](request).values("pk"))
