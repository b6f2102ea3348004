from django.utils.functional import SimpleLazyObject

from identity.caching import header_logo


def identity(request):
    # Lazy: only pages whose header shows the logo look it up (not the admin's).
    return {"SITE_LOGO": SimpleLazyObject(header_logo)}
