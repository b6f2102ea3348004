from django.shortcuts import render
from django.views.decorators.http import require_safe

from contact.forms import MediaInquiryForm
from contact.models import MediaContact
from contact.services import submit_inquiry
from formguard.views import form_page, public_form


@public_form(MediaInquiryForm)
def media_contact(request):
    return form_page(
        request,
        MediaInquiryForm,
        submit=submit_inquiry,
        thanks="contact:thanks",
        template="contact/media_contact.html",
        context=lambda: {"card": MediaContact.load()},
    )


@require_safe
def thanks(request):
    return render(request, "contact/thanks.html", {"card": MediaContact.load()})
