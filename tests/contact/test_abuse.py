"""Spam, resubmission, flooding and oversized bodies on the media form."""

import pytest

from contact.models import MediaInquiry
from outbox.models import OutboundEmail
from tests.contact.factories import form_data
from tests.hostile import assert_refused_on_our_page, post_twice

pytestmark = pytest.mark.django_db
URL = "/media-contact/"


def test_honeypot_is_saved_as_spam_without_email(client, settings):
    settings.FORM_MIN_SECONDS = 0
    response = client.post(URL, form_data(website="http://cheap-pills.example"))
    assert response.status_code == 303 and response["Location"] == "/media-contact/thanks/"
    inquiry = MediaInquiry.objects.get()
    assert (inquiry.is_spam, inquiry.spam_reason) == (True, "honeypot")
    assert not OutboundEmail.objects.exists()


def test_too_fast_is_saved_as_spam_without_email(client, settings):
    assert settings.FORM_MIN_SECONDS == 3  # the default
    response = client.post(URL, form_data())  # a token served a moment ago
    assert response.status_code == 303
    inquiry = MediaInquiry.objects.get()
    assert (inquiry.is_spam, inquiry.spam_reason) == (True, "too fast")
    assert not OutboundEmail.objects.exists()


def test_a_form_filled_in_at_human_speed_is_not_spam(client, time_machine):
    import time

    time_machine.move_to(time.time(), tick=True)
    data = form_data()
    time_machine.shift(20)
    client.post(URL, data)
    assert not MediaInquiry.objects.get().is_spam
    assert OutboundEmail.objects.count() == 2


def test_refresh_or_double_click_makes_one_inquiry(client, settings):
    settings.FORM_MIN_SECONDS = 0
    assert post_twice(client, URL, form_data()) == "/media-contact/thanks/"
    assert MediaInquiry.objects.count() == 1
    assert OutboundEmail.objects.count() == 2


def test_sixth_submission_in_the_window_gets_429(client, settings):
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "5/10m"
    statuses = [client.post(URL, form_data()).status_code for _ in range(5)]
    assert statuses == [303] * 5
    response = client.post(URL, form_data())
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    html = response.content.decode()
    assert '<main id="main"' in html and "try again in about" in html
    assert MediaInquiry.objects.count() == 5
    # Reading the page is never limited.
    assert client.get(URL).status_code == 200


def test_three_megabyte_body_is_refused_with_413(client):
    data = form_data(message="x" * (3 * 1024 * 1024))
    assert_refused_on_our_page(client.post(URL, data), 413, MediaInquiry)


def test_missing_csrf_token_is_a_403_page(settings):
    from django.test import Client

    settings.FORM_MIN_SECONDS = 0
    response = Client(enforce_csrf_checks=True).post(URL, form_data())
    assert_refused_on_our_page(response, 403, MediaInquiry)


def test_invalid_utf8_is_a_4xx_not_a_500(client):
    response = client.post(
        URL, data=b"name=%FF%FE&email=\xff\xfe", content_type="application/x-www-form-urlencoded"
    )
    assert 200 <= response.status_code < 500
    assert not MediaInquiry.objects.exists()
