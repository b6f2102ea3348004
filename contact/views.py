from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from config.http import HttpResponseSeeOther
from contact.forms import MediaInquiryForm
from contact.models import MediaContact
from contact.services import submit_inquiry
from formguard.ratelimit import limit_submissions


# never_cache: the page carries a one-time token and a CSRF token, so a shared
# cache must never hand one visitor's form to another.
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@sensitive_post_parameters()  # an error report to the operators carries none of it
@limit_submissions(MediaInquiryForm)
def media_contact(request):
    if request.method == "POST":
        form = MediaInquiryForm(request.POST, request=request)
        if form.is_valid():
            # None means this token was already used (refresh, double click):
            # the first send was saved, so the answer is the same confirmation.
            submit_inquiry(form)
            return HttpResponseSeeOther(reverse("contact:thanks"))
    else:
        form = MediaInquiryForm(request=request)
    return render(
        request, "contact/media_contact.html", {"form": form, "card": MediaContact.load()}
    )


@require_safe
def thanks(request):
    return render(request, "contact/thanks.html", {"card": MediaContact.load()})
