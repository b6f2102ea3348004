from django.conf import settings
from django.shortcuts import render


class SecurityHeadersMiddleware:
    """Headers Django has no setting for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class MethodNotAllowedPageMiddleware:
    """Give a 405 from ``require_http_methods`` a page in the site layout
    (Django's own is an empty body), keeping its Allow header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not response.content:
            page = render(request, "405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


class RejectNulBytesMiddleware:
    """A NUL byte in the address is never a real visitor's request, and
    PostgreSQL refuses it in any text value: answer 400 before a view passes
    it to a query. (Form fields already refuse NUL with a message.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "%00" in query or "\x00" in query:
            return render(request, "400.html", status=400)
        return self.get_response(request)
