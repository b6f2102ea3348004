from pathlib import PurePosixPath

from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from config.uploads import SERVED_TYPES


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@requires_csrf_token
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


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
