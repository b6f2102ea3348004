from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from config import health, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("privacy/", views.privacy, name="privacy"),
    path(settings.ADMIN_URL, admin.site.urls),
    path("media-contact/", include("contact.urls")),
    path("fundraise/", include("fundraising.urls")),
    path("", include("stories.urls")),
]

handler400 = "config.views.bad_request"
handler403 = "config.views.permission_denied"
handler404 = "config.views.page_not_found"
