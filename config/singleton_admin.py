"""The admin for a ``SingletonModel``: its list opens the one row."""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse


class SingletonAdmin(admin.ModelAdmin):
    """The list of one row opens the row; it can be added once and never deleted."""

    def has_add_permission(self, request):
        return not self.model.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        row = self.model.objects.first()
        if row is not None and self.has_view_or_change_permission(request, row):
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
            )
        if row is None and self.has_add_permission(request):
            messages.info(request, f"There is no {self.model._meta.verbose_name} yet; add it.")
        return super().changelist_view(request, extra_context)
