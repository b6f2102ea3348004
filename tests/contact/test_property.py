"""Whatever is posted to the media form: never a 500, never an injected email header."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contact.models import MediaInquiry
from formguard.forms import new_token
from tests.hostile import EMAIL_HEADERS, control_characters, hostile

pytestmark = pytest.mark.django_db

EXPECTED_HEADERS = EMAIL_HEADERS
noise = st.one_of(st.text(max_size=30), control_characters)


def noisy(valid: str):
    """A sensible value with arbitrary characters inside it: mostly still valid."""
    return st.builds(lambda inside: f"{valid} {inside} {valid}", noise)


header_attacks = st.sampled_from(
    [
        "alex@example.org\r\nBcc: victim@example.org",
        "alex@example.org\nBcc: victim@example.org",
        "Alex <alex@example.org>, victim@example.org",
        '"alex\r\nBcc: victim@example.org"@example.org',
        "alex@example.org%0ABcc:victim@example.org",
        "alex@ex\u2028ample.org",
    ]
)
future = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

FIELDS = ["name", "email", "outlet", "topic", "message", "phone", "deadline", "website"]
mostly_valid = st.fixed_dictionaries(
    {
        "name": noisy("Alex"),
        "email": st.one_of(st.just("alex@example.org"), st.emails(), header_attacks),
        "outlet": noisy("Times"),
        "topic": st.one_of(noisy("Interview"), st.just("Hi\r\nBcc: victim@example.org")),
        "message": noisy("Could we talk?"),
        "phone": st.one_of(st.just(""), noisy("555")),
        "deadline": st.sampled_from(["", future]),
        "website": st.sampled_from(["", "", "", "http://spam.example"]),
    }
)
# Each submission is mostly sensible with one field (or none) replaced by
# anything at all, so both the refusal and the email paths are exercised.
submissions = st.builds(
    lambda base, field, value: {**base, field: value} if field else base,
    mostly_valid,
    st.one_of(st.none(), st.sampled_from(FIELDS)),
    hostile,
)


@pytest.fixture
def open_form(settings):
    # Set once per test, not per example: each change to pytest-django's
    # ``settings`` stacks another override layer.
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "1000000/1h"
    settings.MEDIA_TEAM_EMAIL = ""


@hypothesis_settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=submissions)
def test_any_post_is_answered_without_500_or_header_injection(
    client, open_form, immediate_tasks, smtp_sink, django_capture_on_commit_callbacks, data
):
    before = len(smtp_sink.messages)
    inquiries_before = MediaInquiry.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/media-contact/", {**data, "form_token": new_token()})

    assert response.status_code < 500
    assert response.status_code in (200, 303, 413)
    if response.status_code != 303:
        event(f"answered {response.status_code}")
        assert MediaInquiry.objects.count() == inquiries_before
        assert len(smtp_sink.messages) == before
        return

    inquiry = MediaInquiry.objects.order_by("-pk").first()
    event("spam" if inquiry.is_spam else "saved")
    if inquiry.is_spam:
        assert len(smtp_sink.messages) == before
        return
    received = smtp_sink.wait_for(before + 2, timeout=10)[before:]
    envelopes = smtp_sink.envelopes[before:]
    assert len(received) == 2
    assert {tuple(e.rcpt_tos) for e in envelopes} == {("media@example.org",), (inquiry.email,)}
    for message in received:
        names = [name.lower() for name in message]
        assert set(names) <= EXPECTED_HEADERS, names
        assert len(names) == len(set(names)), names
        assert "no-reply@example.org" in str(message["From"])
        for value in message.values():
            assert "\n" not in str(value) and "\r" not in str(value)
        assert "victim@example.org" not in (str(message["To"]) + str(message["Reply-To"]))
