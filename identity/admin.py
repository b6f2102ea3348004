from django.contrib import admin

from config.singleton_admin import SingletonAdmin
from identity.models import SiteIdentity


@admin.register(SiteIdentity)
class SiteIdentityAdmin(SingletonAdmin):
    """One logo: the list page goes straight to it, and it cannot be deleted or duplicated."""

    fields = ["logo"]

    # An empty row is "no logo yet", made when staff first open the list, so
    # there is never anything to add (and no query on every admin page to ask).
    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        SiteIdentity.load()
        return super().changelist_view(request, extra_context)
