"""One rule for each kind of typed input, the same on every form."""

import pytest
from django.core.exceptions import ValidationError

from contact.models import MediaInquiry
from formguard.cleaning import (
    EmailAddressField,
    multi_line,
    single_line,
    split_phone_number,
    tel_uri,
)
from fundraising.models import FundraiserSignup
from tests.contact.factories import form_data as inquiry_data
from tests.fundraising.factories import form_data as signup_data


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Robin\r\nBcc: victim@example.org", "Robin Bcc: victim@example.org"),
        ("Win\x1bnipeg", "Winnipeg"),
        ("  A\tB\u2028C\x00D  ", "A B CD"),
        ("Zoë  O’Brien", "Zoë O’Brien"),
    ],
)
def test_single_line(typed, kept):
    assert single_line(typed) == kept


def test_a_message_keeps_its_lines_and_tabs_only():
    assert multi_line("Hi\r\nthere\u2028you\rall\x00\x07\n\tbye ") == "Hi\nthere\nyou\nall\n\tbye"


@pytest.mark.parametrize(
    ("typed", "number", "extension"),
    [
        ("+1 555-010-0199", "+1 555-010-0199", ""),
        ("(555) 010.0199", "(555) 010.0199", ""),
        ("555-555-0123 ext. 204", "555-555-0123", "204"),
        ("555 555 0123x12", "555 555 0123", "12"),
        ("+44 20 7946 0958", "+44 20 7946 0958", ""),
    ],
)
def test_phone_numbers(typed, number, extension):
    assert split_phone_number(typed) == (number, extension)


@pytest.mark.parametrize(
    "typed",
    ["call me maybe", "555-01", "+1 555 010 0199 0199 0199", "555-010-0199 ext", "++1 555 0100"],
)
def test_not_phone_numbers(typed):
    with pytest.raises(ValidationError, match="7 to 15 digits"):
        split_phone_number(typed)


def test_tel_uri_takes_the_extension_from_its_field_or_the_number():
    assert tel_uri("+1 555-010-0199", "204") == "tel:+1-555-010-0199;ext=204"
    assert tel_uri("+1 (555) 010-0199 x7") == "tel:+1-555-010-0199;ext=7"


@pytest.mark.parametrize(
    "typed",
    ['"a b"@example.org', "a\\b@example.org", "ana@exa\x07mple.org", f"ana@{'x' * 64}.example"],
)
def test_addresses_no_one_needs_are_refused(typed):
    with pytest.raises(ValidationError):
        EmailAddressField().clean(typed)


def test_an_international_domain_is_accepted_as_typed():
    assert EmailAddressField().clean(" dana@kıtchen-sink.example ") == "dana@kıtchen-sink.example"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data", "model", "fields"),
    [
        ("/media-contact/", inquiry_data, MediaInquiry, {"name": "name", "phone": "phone"}),
        ("/fundraise/", signup_data, FundraiserSignup, {"name": "first_name", "phone": "phone"}),
    ],
)
def test_both_forms_clean_typed_text_the_same_way(client, settings, url, data, model, fields):
    """The media form dropped control characters and the sign-up form refused
    them; both now keep what a person can see, on one line."""
    settings.FORM_MIN_SECONDS = 0
    typed = {
        fields["name"]: "Robin\r\nBcc: victim@example.org\x1b",
        fields["phone"]: "555-555-0123 ext. 4",
        "message": "First line\r\nSecond\x00 line",
    }
    assert client.post(url, data(**typed)).status_code == 303
    saved = model.objects.get()
    assert getattr(saved, fields["name"]) == "Robin Bcc: victim@example.org"
    assert saved.phone == "555-555-0123 ext. 4"
    assert saved.message == "First line\nSecond line"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "data"), [("/media-contact/", inquiry_data), ("/fundraise/", signup_data)]
)
def test_both_forms_refuse_a_phone_number_with_the_same_message(client, settings, url, data):
    settings.FORM_MIN_SECONDS = 0
    response = client.post(url, data(phone="call me on Tuesday"))
    assert response.status_code == 200
    assert "Please enter a phone number of 7 to 15 digits" in response.content.decode()
