"""Whatever is posted to the media form: never a 500, never an injected email header."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from contact.models import MediaInquiry
from tests.hostile import (
    control_characters,
    header_attacks,
    hostile,
    many_posts,
    post_and_check_mail,
)

pytestmark = pytest.mark.django_db
noise = st.one_of(st.text(max_size=30), control_characters)


def noisy(valid: str):
    """A sensible value with arbitrary characters inside it: mostly still valid."""
    return st.builds(lambda inside: f"{valid} {inside} {valid}", noise)


future = timezone.localtime(timezone.now() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")

FIELDS = ["name", "email", "outlet", "topic", "message", "phone", "deadline", "website"]
mostly_valid = st.fixed_dictionaries(
    {
        "name": noisy("Alex"),
        "email": st.one_of(st.just("alex@example.org"), st.emails(), header_attacks("alex")),
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


@many_posts(120)
@given(data=submissions)
def test_any_post_is_answered_without_500_or_header_injection(
    client, open_form, immediate_tasks, smtp_sink, django_capture_on_commit_callbacks, data
):
    received = post_and_check_mail(
        client,
        smtp_sink,
        django_capture_on_commit_callbacks,
        "/media-contact/",
        data,
        MediaInquiry,
        "media@example.org",
    )
    for message in received:
        assert "no-reply@example.org" in str(message["From"])
