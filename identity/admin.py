from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse

from identity.models import SiteIdentity


@admin.register(SiteIdentity)
class SiteIdentityAdmin(admin.ModelAdmin):
    """One logo: the list page goes straight to it, and it cannot be deleted or duplicated."""

    fields = ["logo"]

    def changelist_view(self, request, extra_context=None):
        identity, _ = SiteIdentity.objects.get_or_create(pk=SiteIdentity.SINGLETON_ID)
        return HttpResponseRedirect(
            reverse("admin:identity_siteidentity_change", args=[identity.pk])
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
