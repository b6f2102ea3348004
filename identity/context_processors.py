from identity.models import SiteIdentity


def identity(request):
    return {"SITE_LOGO": SiteIdentity.header_logo()}
