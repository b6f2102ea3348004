from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token


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


def media_file(request, path):
    """An uploaded file from MEDIA_ROOT (read at request time, so tests can move it)."""
    from django.conf import settings
    from django.views.static import serve

    return serve(request, path, document_root=settings.MEDIA_ROOT)
