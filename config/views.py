from pathlib import PurePosixPath

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from config.locale import language_codes, language_of_path
from config.uploads import SERVED_TYPES

# Error pages have no other-language version to announce: the switcher leads
# to the other language's home page (config/locale.py).
NO_VERSIONS = {"counterparts": {}}


def page_not_found(request, exception=None):
    return render(request, "404.html", NO_VERSIONS, status=404)


@requires_csrf_token
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", NO_VERSIONS, status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", NO_VERSIONS, status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", NO_VERSIONS, status=403)


def privacy(request):
    from django.conf import settings

    days = settings.PERSONAL_DATA_RETENTION_DAYS
    return render(
        request,
        "privacy.html",
        {
            "retention_days": days,
            "retention_years": round(days / 365, 1),
            "privacy_email": settings.PRIVACY_EMAIL,
            "language_cookie_name": settings.LANGUAGE_COOKIE_NAME,
            "language_cookie_days": settings.LANGUAGE_COOKIE_AGE // (24 * 60 * 60),
        },
    )


# Media never run script, whatever slips through: no resource may load, and the
# document is sandboxed (no script, no forms, its own opaque origin).
MEDIA_CSP = "default-src 'none'; sandbox"


@require_safe
def media_file(request, path):
    """An uploaded file from MEDIA_ROOT (read at request time, so tests can move it),
    served as the type its extension names, from the few uploads may have; any
    other file is a download. The README's nginx block does the same."""
    from django.conf import settings
    from django.views.static import serve

    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    content_type = SERVED_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type:
        response["Content-Type"] = content_type
    else:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    response["Cache-Control"] = settings.MEDIA_CACHE_CONTROL
    return response


@require_safe
def switch_language(request, code):
    """The language switcher's link: remember the visitor's choice in Django's
    language cookie and go to ``next``, the same page in that language. Only
    an address on this site, in that language, is followed; anything else
    leads to that language's home page. The address, not the cookie, decides
    a page's language (config/locale.py), so pages stay the same for everyone."""
    if code not in language_codes():
        raise Http404("No such language")
    target = request.GET.get("next", "")
    if not (
        target.startswith("/")
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
        and language_of_path(target) == code
    ):
        with translation.override(code):
            target = reverse("stories:home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE or settings.SITE_IS_HTTPS,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE or "Lax",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
