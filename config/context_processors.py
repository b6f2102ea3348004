from django.conf import settings

from config.locale import html_lang, site_name


def site(request):
    return {
        "SITE_NAME": site_name(),
        "SITE_URL": settings.SITE_URL,
        "ORGANIZATION_NAME": settings.ORGANIZATION_NAME,
        "SOCIAL_LINKS": settings.SOCIAL_LINKS,
        "DONATE_URL": settings.DONATE_URL,
        "EVENTS_TEAM_EMAIL": settings.EVENTS_TEAM_EMAIL,
    }


def languages(request):
    """``html_lang``: the page's language as ``<html lang>`` names it (en-CA, fr-CA)."""
    return {"html_lang": html_lang()}
