"""Over the rate limit, a person's words are not lost: the form comes back,
filled in, with a 429 that says when to try again, and nothing is saved."""

import pytest

from contact.models import MediaInquiry
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
