"""The sign-up form at /fundraise/, as a supporter and the events team see it."""

import re
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from formguard.forms import new_token
from fundraising.forms import CONSENT_WORDING
from fundraising.models import FundraiserSignup
from fundraising.services import GUIDE_EMAIL, NOTIFICATION_EMAIL
from outbox.models import OutboundEmail
from tests.fundraising.factories import SignupFactory, form_data, signed_up_as
from tests.hostile import assert_refused_on_our_page, post_twice

pytestmark = pytest.mark.django_db
URL = "/fundraise/"


@pytest.fixture(autouse=True)
def _open_form_on_our_site(open_form, settings):
    settings.SITE_URL = "https://hope.example.org"


def test_page_explains_invites_and_offers_help(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Make an impact</h1>" in html
    assert "birthday" in html and "polar dip" in unescape(html).lower()
    assert "Need help?" in html
    assert 'href="mailto:events@example.org"' in html
    assert '<form method="post" action="/fundraise/"' in html
    # Autocomplete hints let browsers and assistive tech fill the form in.
    for hint in ["given-name", "family-name", "email", "tel", "address-level2", "address-level1"]:
        assert f'autocomplete="{hint}"' in html
    # The consent box is its own field and starts unticked.
    consent = re.search(r'<input[^>]*name="news_consent"[^>]*>', html).group(0)
    assert 'type="checkbox"' in consent and "checked" not in consent
    assert str(CONSENT_WORDING) in unescape(html)  # the English page: the English wording
    # Every province and territory, and "outside Canada".
    for name in ["Nunavut", "Prince Edward Island", "Quebec", "Yukon", "Outside Canada"]:
        assert name in html


def test_valid_signup_is_saved_emails_queued_and_redirected_with_303(client):
    response = client.post(URL, form_data())
    assert response.status_code == 303
    assert response["Location"] == "/fundraise/thanks/"

    signup = FundraiserSignup.objects.get()
    assert signed_up_as(signup) == ("Robin", "robin@example.org", "MB", "birthday")
    assert str(signup.goal_amount) == "750.00"
    assert not signup.is_spam and signup.follow_up == "new"

    emails = {e.template: e for e in OutboundEmail.objects.for_source(signup)}
    assert set(emails) == {GUIDE_EMAIL, NOTIFICATION_EMAIL}
    guide = emails[GUIDE_EMAIL]
    assert guide.to == "robin@example.org"
    assert "Hello Robin," in guide.body_text
    assert "https://hope.example.org/fundraise/guide/" in guide.body_text
    assert "events@example.org" in guide.body_text
    assert "welcome back" not in guide.body_text.lower()
    assert "/fundraise/unsubscribe/" not in guide.body_text  # no consent given
    notification = emails[NOTIFICATION_EMAIL]
    assert notification.to == "events@example.org"
    assert notification.reply_to == "robin@example.org"
    assert "Robin Example" in notification.subject
    assert "Winnipeg" in notification.body_text and "Birthday" in notification.body_text


def test_thanks_page_thanks_and_links_the_guide(client):
    html = client.get("/fundraise/thanks/").content.decode()
    assert "Thank you" in html and "in touch soon" in html
    assert 'href="/fundraise/guide/"' in html


def test_only_names_and_email_are_required(client):
    data = form_data(
        phone="", city="", province="", kind="", planned_date="", goal_amount="", message=""
    )
    assert client.post(URL, data).status_code == 303
    signup = FundraiserSignup.objects.get()
    assert signup.goal_amount is None and signup.planned_date is None


def errors_for(client, **overrides):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200, "an invalid form is shown again, not redirected"
    assert not FundraiserSignup.objects.exists()
    assert not OutboundEmail.objects.exists()
    return unescape(response.content.decode())


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"first_name": ""}, "Please enter your first name."),
        ({"last_name": "  "}, "Please enter your last name."),
        ({"email": ""}, "Please enter your email address"),
        ({"email": "robin-at-example.org"}, "Please enter an email address like"),
        ({"phone": "call me maybe"}, "Please enter a phone number"),
        ({"province": "ZZ"}, "Select a valid choice"),
        ({"kind": "bake-off"}, "Select a valid choice"),
        ({"planned_date": "2020-01-01"}, "The planned date is in the past"),
        ({"planned_date": "next Tuesday"}, "Please enter a date like"),
        ({"goal_amount": "0"}, "more than 0 dollars"),
        ({"goal_amount": "-20"}, "more than 0 dollars"),
        ({"goal_amount": "1000000.01"}, "at most 1,000,000 dollars"),
        ({"goal_amount": "99999999"}, "at most 1,000,000 dollars"),
        ({"goal_amount": "12.345"}, "at most 2 digits after the decimal point"),
        ({"goal_amount": "lots"}, "Please enter an amount in dollars"),
        ({"first_name": "R" * 101}, "Please keep this to 100 characters or fewer."),
        ({"message": "m" * 3001}, "Please keep this to 3,000 characters or fewer."),
    ],
)
def test_each_rule_has_a_clear_message_and_keeps_the_values(client, overrides, message):
    html = errors_for(client, **overrides)
    assert message in html
    assert 'class="error-summary"' in html and 'aria-invalid="true"' in html
    # What the supporter typed is still there.
    assert 'value="Winnipeg"' in html or "city" in overrides
    assert 'value="robin@example.org"' in html or "email" in overrides
    assert "I'd like to ask for gifts" in html or "message" in overrides


def test_a_goal_of_exactly_one_million_and_todays_date_are_accepted(client):
    data = form_data(goal_amount="1000000", planned_date=timezone.localdate().isoformat())
    assert client.post(URL, data).status_code == 303
    assert FundraiserSignup.objects.get().goal_amount == 1_000_000


def test_consent_ticked_stores_the_exact_wording_and_time(client):
    before = timezone.now()
    client.post(URL, form_data(news_consent="on"))
    signup = FundraiserSignup.objects.get()
    assert signup.news_consent is True
    assert signup.consent_wording == CONSENT_WORDING
    assert before <= signup.consent_given_at <= timezone.now()
    assert signup.consent_withdrawn_at is None
    guide = OutboundEmail.objects.get(template=GUIDE_EMAIL)
    assert "https://hope.example.org/fundraise/unsubscribe/" in guide.body_text
    assert "/fundraise/unsubscribe/" in guide.body_html


def test_consent_unticked_stores_no_wording_or_time(client):
    client.post(URL, form_data())
    signup = FundraiserSignup.objects.get()
    assert (signup.news_consent, signup.consent_wording, signup.consent_given_at) == (
        False,
        "",
        None,
    )


def test_signing_up_again_says_welcome_back(client):
    SignupFactory(email="Robin@Example.org", received_at=timezone.now() - timedelta(days=200))
    assert client.post(URL, form_data()).status_code == 303
    assert FundraiserSignup.objects.count() == 2
    latest = FundraiserSignup.objects.latest("received_at")
    guide = OutboundEmail.objects.for_source(latest).get(template=GUIDE_EMAIL)
    assert "Welcome back" in guide.subject
    assert "Welcome back" in guide.body_text


def test_refresh_or_double_click_makes_one_signup_and_one_guide_email(client):
    assert post_twice(client, URL, form_data()) == "/fundraise/thanks/"
    assert FundraiserSignup.objects.count() == 1
    assert OutboundEmail.objects.filter(template=GUIDE_EMAIL).count() == 1
    assert OutboundEmail.objects.filter(template=NOTIFICATION_EMAIL).count() == 1


@pytest.mark.parametrize(
    ("overrides", "reason"), [({"website": "http://cheap.example"}, "honeypot")]
)
def test_honeypot_is_kept_as_spam_and_not_emailed(client, overrides, reason):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 303
    signup = FundraiserSignup.objects.get()
    assert signup.is_spam and signup.spam_reason == reason
    assert not OutboundEmail.objects.exists()


def test_too_fast_is_kept_as_spam_and_not_emailed(client, settings):
    settings.FORM_MIN_SECONDS = 3
    assert client.post(URL, form_data()).status_code == 303
    assert FundraiserSignup.objects.get().spam_reason == "too fast"
    assert not OutboundEmail.objects.exists()


def test_tampered_token_is_refused_and_the_values_kept(client):
    html = errors_for(client, form_token=new_token() + "x")
    assert "send the form again" in html
    assert 'value="Robin"' in html


def test_sixth_submission_in_the_window_gets_429(client, settings):
    settings.FORM_RATE_LIMIT = "5/10m"
    assert [client.post(URL, form_data()).status_code for _ in range(5)] == [303] * 5
    response = client.post(URL, form_data())
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    assert "try again in about" in response.content.decode()
    assert FundraiserSignup.objects.count() == 5
    assert client.get(URL).status_code == 200


def test_three_megabyte_body_is_refused_with_413(client):
    response = client.post(URL, form_data(message="x" * (3 * 1024 * 1024)))
    assert_refused_on_our_page(response, 413, FundraiserSignup)


def test_malformed_bodies_are_4xx_not_500(client):
    response = client.post(
        URL, data=b"first_name=%FF%FE&email=\xff", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code < 500
    response = client.post(URL, data=b"\x00\x01", content_type="multipart/form-data; boundary=")
    assert response.status_code < 500
    assert client.put(URL).status_code == 405
    assert not FundraiserSignup.objects.exists()


def test_no_ip_address_is_stored(client):
    client.post(URL, form_data(), REMOTE_ADDR="203.0.113.77")
    row = FundraiserSignup.objects.values().get()
    assert not any("203.0.113.77" in str(value) for value in row.values())
