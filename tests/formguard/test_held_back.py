"""Over the rate limit, a person's words are not lost: the form comes back,
filled in, with a 429 that says when to try again, and nothing is saved."""

import pytest
from django.test import RequestFactory

from contact.forms import MediaInquiryForm
from contact.models import MediaInquiry
from fundraising.forms import SignupForm
from fundraising.models import FundraiserSignup
from tests.contact.factories import form_data as inquiry_data
from tests.fundraising.factories import form_data as signup_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "data", "model", "typed"),
    [
        ("/media-contact/", inquiry_data, MediaInquiry, "message"),
        ("/fundraise/", signup_data, FundraiserSignup, "message"),
    ],
)
def test_over_the_limit_the_form_comes_back_filled_in(client, settings, url, data, model, typed):
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "2/10m"
    for _ in range(2):
        assert client.post(url, data()).status_code == 303
    words = "Three long paragraphs I would hate to type again"
    response = client.post(url, data(**{typed: words}))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    html = response.content.decode()
    assert "try again in about" in html and '<main id="main"' in html
    assert words in html  # still in the form
    assert model.objects.count() == 2


def test_far_over_the_limit_gets_the_plain_429_page(client, settings):
    """Rendering the form again is for people; a script hammering the form gets the short page."""
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "1/10m"
    client.post("/media-contact/", inquiry_data())
    held = client.post("/media-contact/", inquiry_data(message="Still mine"))
    assert held.status_code == 429 and "Still mine" in held.content.decode()
    assert "<title>Please wait:" in held.content.decode()
    client.post("/media-contact/", inquiry_data())
    flood = client.post("/media-contact/", inquiry_data(message="Still mine"))
    assert flood.status_code == 429 and "Still mine" not in flood.content.decode()
    assert "try again in about" in flood.content.decode()


@pytest.mark.parametrize(
    ("form_class", "data", "model"),
    [
        (MediaInquiryForm, inquiry_data, MediaInquiry),
        (SignupForm, signup_data, FundraiserSignup),
    ],
)
def test_a_form_using_the_guard_cannot_save_over_the_limit_whatever_its_view_does(
    settings, form_class, data, model
):
    """A view with no rate-limit decorator and no check of its own, which saves
    whenever it is allowed to and even tries when it is not."""
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "2/10m"

    def careless_view(request):
        form = form_class(request.POST, request=request)
        if form.is_valid():
            form.save()
            return "saved"
        try:
            form.save()
        except ValueError:  # a ModelForm refuses to save an invalid form
            return "refused"
        return "saved anyway"

    def post():
        return RequestFactory().post("/", data(), REMOTE_ADDR="203.0.113.5")

    answers = [careless_view(post()) for _ in range(4)]
    assert answers == ["saved", "saved", "refused", "refused"]
    assert model.objects.count() == 2
    request = post()
    held = form_class(request.POST, request=request)
    assert not held.is_valid()
    assert "try again in about 10 minutes" in str(held.non_field_errors())
    assert held.has_error("__all__", code="rate_limited")


def test_a_form_whose_clean_forgets_super_is_still_held_back(settings):
    """The limit is part of validating any form that uses the guard, not a
    step of clean() that an override could leave out."""
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "2/10m"

    class ForgetfulForm(MediaInquiryForm):
        def clean(self):
            return self.cleaned_data  # no super().clean()

    forms = []
    for _ in range(3):
        request = RequestFactory().post("/", inquiry_data(), REMOTE_ADDR="203.0.113.7")
        forms.append(ForgetfulForm(request.POST, request=request))
    assert [form.is_valid() for form in forms] == [True, True, False]
    assert forms[2].has_error("__all__", code="rate_limited")
    with pytest.raises(ValueError):
        forms[2].save()
    forms[0].save()
    assert MediaInquiry.objects.count() == 1
