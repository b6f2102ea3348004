from django.conf import settings


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "ORGANIZATION_NAME": settings.ORGANIZATION_NAME,
        "SOCIAL_LINKS": settings.SOCIAL_LINKS,
        "DONATE_URL": settings.DONATE_URL,
        "EVENTS_TEAM_EMAIL": settings.EVENTS_TEAM_EMAIL,
    }
