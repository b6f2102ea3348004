import re

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from config import health, timezones, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    # Invited staff choose their password here (Django's reset views, admin look).
    path(
        f"{settings.ADMIN_URL}password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=f"/{settings.ADMIN_URL}password/done/"
        ),
        name="staff_password_set",
    ),
    path(
        f"{settings.ADMIN_URL}password/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(f"{settings.ADMIN_URL}time-zone/", timezones.choose_time_zone, name="staff_time_zone"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("media-contact/", include("contact.urls")),
    path("fundraise/", include("fundraising.urls")),
    path("", include("stories.urls")),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    # django.views.static.serve refuses paths outside MEDIA_ROOT; a front web
    # server serving /media/ directly is faster (see README, Deploying).
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.insert(0, re_path(rf"^{prefix}(?P<path>.+)$", views.media_file))
