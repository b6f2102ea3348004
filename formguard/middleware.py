from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render


class RequestSizeLimitMiddleware:
    """Answer an oversized public request with a 413 page in the site layout.

    Django itself refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE only when
    the form is read, with a bare 400; checking Content-Length first also
    spares the server from reading the body. Staff uploads in the admin
    (images, clips) are exempt: their limits are checked by their forms.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        if not request.path.startswith(self.admin_prefix):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return render(request, "400.html", status=400)
            if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return self.too_large(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return self.too_large(request)
        return None

    @staticmethod
    def too_large(request):
        return render(request, "413.html", status=413)
