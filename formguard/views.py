"""The one shape of a public form's page, shared by every form on the site.

GET shows an empty form; a POST that passes the form's checks is handed to
the app's ``submit`` service and answered with a 303 to its thank-you page, so
a refresh there never sends again; any other POST shows the form again with
what the person typed and the errors. ``public_form`` puts the decorators
every such view needs around it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from config.http import HttpResponseSeeOther
from formguard.ratelimit import limit_submissions


def public_form(form_class):
    """View decorator for a page that shows ``form_class``.

    never_cache: the page carries a one-time token and a CSRF token, so no
    shared cache may hand one visitor's form to another, and the Back button
    must fetch a fresh token, or a corrected form would reuse a spent one.
    sensitive_post_parameters: an error report to the operators carries none
    of what was typed. Every POST counts toward the rate limit.
    """

    def decorator(view):
        view = limit_submissions(form_class)(view)
        view = sensitive_post_parameters()(view)
        view = never_cache(view)
        return require_http_methods(["GET", "HEAD", "POST"])(view)

    return decorator


def form_page(
    request,
    form_class,
    *,
    submit: Callable,
    thanks: str,
    template: str,
    context: Callable[[], dict] = dict,
):
    """The form page's answer; ``thanks`` is the URL name of the confirmation,
    and ``context()`` what else the page shows (only read when it is shown)."""
    if request.method == "POST":
        form = form_class(request.POST, request=request)
        if form.is_valid():
            # submit() returns None when this token was already used (a refresh,
            # a double click): the first send stands, so the answer is the same.
            submit(form)
            return HttpResponseSeeOther(reverse(thanks))
    else:
        form = form_class(request=request)
    return render(request, template, {"form": form, **context()})
