import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from config import health, timezones, views
from stories.urls import site_patterns

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("language/<str:code>/", views.switch_language, name="switch_language"),
    *site_patterns,
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
    # English at today's addresses, French under /fr/ with French words
    # (locale/fr/LC_MESSAGES/django.po, the block for URL paths); README, Languages.
    *i18n_patterns(
        path(_("privacy/"), views.privacy, name="privacy"),
        path(_("media-contact/"), include("contact.urls")),
        path(_("fundraise/"), include("fundraising.urls")),
        path("", include("stories.urls")),
        prefix_default_language=False,
    ),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"

if settings.SERVE_MEDIA and settings.MEDIA_URL.startswith("/"):
    # django.views.static.serve refuses paths outside MEDIA_ROOT; a front web
    # server serving /media/ directly is faster (see README, Deploying).
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.insert(0, re_path(rf"^{prefix}(?P<path>.+)$", views.media_file))
