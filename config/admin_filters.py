"""A list filter written as a table: each choice's value, its label, and what
it keeps of the list, so a filter states its choices once, not once in
``lookups()`` and again in a chain of ifs in ``queryset()``."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin


class TableFilter(admin.SimpleListFilter):
    # value in the URL -> (label, function of the queryset); an unknown value
    # in the URL (typed, or from an old bookmark) leaves the list whole.
    options: dict[str, tuple[str, Callable]] = {}

    def lookups(self, request, model_admin):
        return [(value, label) for value, (label, _) in self.options.items()]

    def queryset(self, request, queryset):
        chosen = self.options.get(self.value())
        return chosen[1](queryset) if chosen else queryset
