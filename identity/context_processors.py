from django.utils.functional import SimpleLazyObject

from identity.models import SiteIdentity


def identity(request):
    # Lazy: only pages whose header shows the logo look it up (not the admin's).
    return {"SITE_LOGO": SimpleLazyObject(SiteIdentity.header_logo)}
