"""The signed unsubscribe link in the guide email."""

import re

import pytest
from django.utils import timezone

from fundraising.models import FundraiserSignup
from fundraising.services import unsubscribe_token
from outbox.models import OutboundEmail
from tests.fundraising.factories import SignupFactory, form_data

pytestmark = pytest.mark.django_db


def consenting(**kwargs):
    return SignupFactory(
        news_consent=True,
        consent_wording="Send me news",
        consent_given_at=timezone.now(),
        **kwargs,
    )


def test_link_from_the_email_withdraws_consent_after_confirming(client, settings):
    settings.FORM_MIN_SECONDS = 0
    client.post("/fundraise/", form_data(news_consent="on"))
    body = OutboundEmail.objects.get(template="fundraising_guide").body_text
    url = re.search(r"https?://\S+/fundraise/unsubscribe/\S+/", body).group(0)
    path = url.split("://", 1)[1].split("/", 1)[1]

    # Opening the link (or a mail scanner prefetching it) changes nothing.
    page = client.get("/" + path)
    assert page.status_code == 200
    assert "Unsubscribe me" in page.content.decode()
    assert FundraiserSignup.objects.get().wants_news

    done = client.post("/" + path)
    assert done.status_code == 200
    assert "You are unsubscribed" in done.content.decode()
    signup = FundraiserSignup.objects.get()
    assert signup.consent_withdrawn_at is not None
    assert signup.consent_wording  # the proof of the original consent stays
    assert "already unsubscribed" in client.get("/" + path).content.decode()


def test_one_click_post_without_a_csrf_token_works(settings):
    """RFC 8058: a mail client POSTs to the link itself, with no form or cookie."""
    from django.test import Client

    signup = consenting()
    response = Client(enforce_csrf_checks=True).post(
        f"/fundraise/unsubscribe/{unsubscribe_token(signup)}/",
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    signup.refresh_from_db()
    assert signup.consent_withdrawn_at is not None


def test_withdrawal_covers_every_signup_with_that_address(client):
    first = consenting(email="kim@example.org")
    second = consenting(email="KIM@example.org")
    stranger = consenting(email="lee@example.org")
    client.post(f"/fundraise/unsubscribe/{unsubscribe_token(second)}/")
    first.refresh_from_db()
    second.refresh_from_db()
    stranger.refresh_from_db()
    assert not first.wants_news and not second.wants_news
    assert stranger.wants_news


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_link_is_refused_in_the_site_layout(client, method):
    signup = consenting()
    token = unsubscribe_token(signup)
    forged = token.replace(token.split(":")[0], "999", 1)
    for bad in [token[:-2] + "xx", forged, "nonsense"]:
        response = getattr(client, method)(f"/fundraise/unsubscribe/{bad}/")
        assert response.status_code == 400
        html = response.content.decode()
        assert '<main id="main"' in html and "doesn" in html
    signup.refresh_from_db()
    assert signup.wants_news


def test_link_for_a_deleted_signup_is_refused(client):
    signup = consenting()
    token = unsubscribe_token(signup)
    signup.delete()
    assert client.post(f"/fundraise/unsubscribe/{token}/").status_code == 400


def test_guide_email_offers_one_click_unsubscribe_in_its_headers(
    client, settings, smtp_sink, immediate_tasks, django_capture_on_commit_callbacks
):
    settings.FORM_MIN_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fundraise/", form_data(news_consent="on"))
    guide = next(m for m in smtp_sink.wait_for(2) if "guide" in m["Subject"].lower())
    link = guide["List-Unsubscribe"].strip("<>")
    assert "/fundraise/unsubscribe/" in link
    assert guide["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Following the header's link the way a mail client does withdraws consent.
    from django.test import Client

    Client(enforce_csrf_checks=True).post(
        "/" + link.split("://", 1)[1].split("/", 1)[1], {"List-Unsubscribe": "One-Click"}
    )
    assert FundraiserSignup.objects.get().consent_withdrawn_at is not None


def test_no_unsubscribe_header_without_consent(client, settings):
    settings.FORM_MIN_SECONDS = 0
    client.post("/fundraise/", form_data())
    assert OutboundEmail.objects.get(template="fundraising_guide").extra_headers == {}
