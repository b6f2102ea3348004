"""The journalists' form as a visitor and the media team experience it."""

from datetime import timedelta
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from contact.models import MediaContact, MediaInquiry
from outbox.models import OutboundEmail
from tests.contact.factories import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("open_form")]
URL = "/media-contact/"


def local_input(delta: timedelta) -> str:
    """What a datetime-local input sends for now + delta, in the site's time zone."""
    return timezone.localtime(timezone.now() + delta).strftime("%Y-%m-%dT%H:%M")


def test_page_has_intro_form_and_card_in_the_layout(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<main id="main"' in html and "<h1>Media contact</h1>" in html
    assert "get back to you soon" in html
    # The card from the data migration: made-up person, example.org, a 555 number.
    card = MediaContact.objects.get()
    assert card.title == "Director of Marketing and Public Relations"
    assert card.name in html
    assert 'href="mailto:media@example.org"' in html
    assert 'href="tel:+1-555-010-0199;ext=204"' in html
    assert "+1 555-010-0199, ext. 204" in html
    for field, autocomplete in [
        ("name", "name"),
        ("email", "email"),
        ("outlet", "organization"),
        ("phone", "tel"),
    ]:
        assert f'autocomplete="{autocomplete}"' in html
        assert f'<label for="id_{field}">' in html
    assert 'type="datetime-local"' in html
    assert 'maxlength="5000"' in html
    assert 'class="hp-field" aria-hidden="true"' in html
    assert response["Cache-Control"].startswith("max-age=0")


def test_card_edits_show_on_the_page(client):
    card = MediaContact.load()
    card.name, card.phone, card.extension = "Sam Lee", "(555) 010-0123", ""
    card.save()
    html = client.get(URL).content.decode()
    assert "Sam Lee" in html and 'href="tel:555-010-0123"' in html


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_get_405_in_the_layout(client, method):
    response = getattr(client, method)(URL)
    assert response.status_code == 405
    assert '<main id="main"' in response.content.decode()


def test_valid_submission_saves_and_queues_both_emails(client, settings):
    settings.SITE_URL = "https://hope.example.org"
    deadline = local_input(timedelta(days=2))
    response = client.post(URL, form_data(deadline=deadline))

    assert response.status_code == 303
    assert response["Location"] == "/media-contact/thanks/"
    inquiry = MediaInquiry.objects.get()
    assert inquiry.state == "new" and inquiry.spam_reason == ""
    assert inquiry.message == "Hello,\nCould we speak with someone this week?\nThanks"
    assert timezone.localtime(inquiry.deadline).strftime("%Y-%m-%dT%H:%M") == deadline
    assert timezone.localtime(inquiry.deadline).tzinfo == ZoneInfo("America/Toronto")

    emails = {e.template: e for e in OutboundEmail.objects.for_source(inquiry)}
    assert set(emails) == {"contact_notification", "contact_acknowledgement"}
    notification, acknowledgement = (
        emails["contact_notification"],
        emails["contact_acknowledgement"],
    )
    assert notification.to == "media@example.org"
    assert notification.reply_to == "alex@example.org"
    assert "Interview about the new report" in notification.subject
    for value in ["Alex Reporter", "The Example Times", "+1 555-010-0142", "this week?"]:
        assert value in notification.body_text
    admin_link = f"https://hope.example.org/admin/contact/mediainquiry/{inquiry.pk}/change/"
    assert admin_link in notification.body_text
    assert admin_link in notification.body_html
    assert acknowledgement.to == "alex@example.org"
    assert "Jordan Avery" in acknowledgement.body_text
    assert "Director of Marketing and Public Relations" in acknowledgement.body_text
    assert acknowledgement.state == "queued"


def test_media_team_email_setting_overrides_the_card(client, settings):
    settings.MEDIA_TEAM_EMAIL = "press-desk@example.org"
    client.post(URL, form_data())
    assert OutboundEmail.objects.filter(
        template="contact_notification", to="press-desk@example.org"
    ).exists()


def test_thanks_page(client):
    response = client.get("/media-contact/thanks/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thank you" in html and 'href="mailto:media@example.org"' in html
    assert client.post("/media-contact/thanks/").status_code == 405


REQUIRED_MESSAGES = {
    "name": "Please tell us your name.",
    "email": "Please enter your email address, so we can reply.",
    "outlet": "Please tell us which media outlet you work for.",
    "topic": "Please tell us the topic of your inquiry.",
    "message": "Please write your message.",
}


@pytest.mark.parametrize("field", REQUIRED_MESSAGES)
def test_each_required_field_missing_is_explained_and_values_are_kept(client, field):
    data = form_data(**{field: "   "})
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not MediaInquiry.objects.exists()
    message = escape(REQUIRED_MESSAGES[field])
    # In the summary at the top, linked to the input, and beside the field.
    assert f'href="#id_{field}"' in html
    assert html.count(message) == 2
    assert 'aria-invalid="true"' in html and f'aria-describedby="id_{field}_error' in html
    for other, value in data.items():
        if other not in (field, "form_token", "website", "deadline", "message") and value:
            assert f'value="{escape(value)}"' in html
    if field != "message":
        assert escape("Could we speak with someone this week?") in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "alex@"}, "email", "Please enter an email address like name@example.org."),
        ({"email": "not an email"}, "email", "Please enter an email address like"),
        ({"email": '"a\x01b"@example.org'}, "email", "Please enter an email address like"),
        ({"email": "alex@\xad.example.org"}, "email", "the part of your email address after the @"),
        ({"deadline": "2001-01-01T10:00"}, "deadline", "The deadline must be in the future."),
        ({"deadline": "tomorrow-ish"}, "deadline", "Please enter a date and time"),
        ({"deadline": "9999-12-31T23:59"}, "deadline", "within the next two years"),
        ({"name": "N" * 201}, "name", "Please keep this to 200 characters or fewer."),
        ({"outlet": "O" * 201}, "outlet", "Please keep this to 200 characters or fewer."),
        ({"topic": "T" * 201}, "topic", "Please keep this to 200 characters or fewer."),
        ({"phone": "5" * 41}, "phone", "Please keep this to 40 characters or fewer."),
        ({"message": "M" * 5001}, "message", "Please keep this to 5,000 characters or fewer."),
        ({"email": "a" * 250 + "@example.org"}, "email", "254 characters or fewer"),
    ],
)
def test_invalid_values_are_explained_and_kept(client, overrides, field, message):
    response = client.post(URL, form_data(**overrides))
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(message) in html
    assert f'href="#id_{field}"' in html
    assert escape(overrides[field])[:200] in html  # what they typed is still there
    assert not MediaInquiry.objects.exists()


def test_past_deadline_a_minute_ago_is_refused(client):
    response = client.post(URL, form_data(deadline=local_input(-timedelta(minutes=1))))
    assert "The deadline must be in the future." in response.content.decode()


def test_line_breaks_in_single_line_fields_become_spaces(client):
    client.post(URL, form_data(name="Alex\r\nBcc: victim@example.org", topic="A\tB\x07C"))
    inquiry = MediaInquiry.objects.get()
    assert inquiry.name == "Alex Bcc: victim@example.org"
    assert inquiry.topic == "A BC"
    notification = OutboundEmail.objects.get(template="contact_notification")
    assert "\n" not in notification.subject


def test_a_tampered_token_asks_to_send_again_and_keeps_values(client):
    response = client.post(URL, form_data(form_token="forged"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "send the form again" in html and 'value="Alex Reporter"' in html
    assert not MediaInquiry.objects.exists()


def test_no_ip_address_is_stored(client):
    client.post(URL, form_data(), REMOTE_ADDR="203.0.113.77")
    row = MediaInquiry.objects.values().get()
    assert not any("203.0.113.77" in str(value) for value in row.values())
