from django.conf import settings
from django.contrib import admin
from django.core.exceptions import RequestDataTooBig
from django.db import models
from django.shortcuts import render
from django.urls import Resolver404, resolve

# A story clip may be 200 MB; the rest of a multipart body is a few fields.
STAFF_UPLOAD_MAX_BYTES = 210 * 1024 * 1024


class RequestSizeLimitMiddleware:
    """Answer an oversized request with a 413 page in the site layout.

    Every request is held to DATA_UPLOAD_MAX_MEMORY_SIZE (1 MB), checked on
    Content-Length before anything reads the body; Django itself refuses an
    oversized form only when it is read, with a bare 400. The one exception is
    a signed-in staff member posting to an admin form that takes files (images,
    clips, the guide PDF), whose own validators check each file's size. It
    runs after the session and authentication middleware so it knows who asks;
    neither reads the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return render(request, "400.html", status=400)
        if length > self.limit_for(request):
            return self.too_large(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return self.too_large(request)
        return None

    @staticmethod
    def limit_for(request) -> int:
        if request.method == "POST" and is_staff_upload(request):
            return STAFF_UPLOAD_MAX_BYTES
        return settings.DATA_UPLOAD_MAX_MEMORY_SIZE

    @staticmethod
    def too_large(request):
        return render(request, "413.html", status=413)


def is_staff_upload(request) -> bool:
    """A multipart POST, from staff the admin lets in, to a model admin's form
    for a model with a file field."""
    if request.content_type != "multipart/form-data":
        return False
    if not request.path.startswith("/" + settings.ADMIN_URL):
        return False
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not admin.site.has_permission(request):
        return False
    try:
        model_admin = getattr(resolve(request.path_info).func, "model_admin", None)
    except Resolver404:
        return False
    if model_admin is None:
        return False
    return any(isinstance(field, models.FileField) for field in model_admin.model._meta.fields)
