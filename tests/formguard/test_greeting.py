"""Anyone can type someone else's address into a form, so the emails sent to
that address carry the visitor's text only when it looks like a name: the
forms are never a relay for a stranger's sentence, sent from our domain."""

import pytest

from formguard.cleaning import name_for_greeting
from tests.contact.factories import form_data as inquiry_data
from tests.fundraising.factories import form_data as signup_data

pytestmark = pytest.mark.django_db

PHISHING = "URGENT: your account is locked, visit http://evil.example/verify now"


@pytest.fixture
def delivered(client, settings, smtp_sink, immediate_tasks, django_capture_on_commit_callbacks):
    """POST a form and return the plain and HTML bodies that reached ``to`` over SMTP."""
    settings.FORM_MIN_SECONDS = 0
    settings.MEDIA_TEAM_EMAIL = "media@example.org"
    settings.EVENTS_TEAM_EMAIL = "events@example.org"

    def post(url, data, to):
        before = len(smtp_sink.messages)
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, data).status_code == 303
        smtp_sink.wait_for(before + 2, timeout=15)
        [message] = [m for m in smtp_sink.messages[before:] if m["To"] == to]
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        return text, html

    return post


FORMS = [
    ("/fundraise/", lambda name, to: signup_data(first_name=name, email=to)),
    ("/media-contact/", lambda name, to: inquiry_data(name=name, email=to)),
]


@pytest.mark.parametrize(("url", "data"), FORMS, ids=["guide email", "media acknowledgement"])
def test_a_sentence_typed_as_a_name_never_reaches_the_address(delivered, url, data):
    text, html = delivered(
        url, data(PHISHING, "someone.else@example.org"), "someone.else@example.org"
    )
    assert text.startswith("Hello,\r\n")
    assert "<p>Hello,</p>" in html
    for body in (text, html):
        assert "evil.example" not in body and "URGENT" not in body


@pytest.mark.parametrize(("url", "data"), FORMS, ids=["guide email", "media acknowledgement"])
def test_a_name_is_greeted_in_any_script(delivered, url, data):
    text, html = delivered(url, data("Zoë O’Brien-Nakamura", "zoe@example.org"), "zoe@example.org")
    assert text.startswith("Hello Zoë O’Brien-Nakamura,\r\n")
    assert "<p>Hello Zoë O’Brien-Nakamura,</p>" in html


@pytest.mark.parametrize(
    "name",
    [
        "Robin",
        "Zoë",
        "Anne-Marie",
        "D’Arcy",
        "O'Neil",
        "J. R. Smith",
        "Айгерим",
        "محمد",
        "प्रिया",
        "李小龙",
    ],
)
def test_names_pass(name):
    assert name_for_greeting(name) == name


@pytest.mark.parametrize(
    "text",
    [
        PHISHING,
        "Robin2",  # digits
        "robin@example.org",
        "www.evil.example",
        "Visit evil.example",  # a period inside a word is a domain, not an initial
        "http://x",
        "A" * 41,  # over 40 characters
        "Call 555-0100",
        "Win a prize!",
        "-Robin",  # must start with a letter
        "",
    ],
)
def test_anything_else_gets_the_generic_greeting(text):
    assert name_for_greeting(text) == ""


def test_forty_characters_is_still_a_name():
    assert name_for_greeting("A" * 40) == "A" * 40
