"""Whatever is posted to the sign-up form: never a 500, never an injected email header."""

import pytest
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from formguard.forms import new_token
from fundraising.models import FundraiserSignup
from tests.hostile import EMAIL_HEADERS, hostile

pytestmark = pytest.mark.django_db

EXPECTED_HEADERS = EMAIL_HEADERS


def valid_or_hostile(valid):
    return st.one_of(st.just(valid), hostile)


header_attacks = st.sampled_from(
    [
        "robin@example.org\r\nBcc: victim@example.org",
        "robin@example.org\nBcc: victim@example.org",
        "Robin <robin@example.org>, victim@example.org",
        '"robin\r\nBcc: victim@example.org"@example.org',
        "robin@example.org%0ABcc:victim@example.org",
        "robin@ex\u2028ample.org",
    ]
)

fields = st.fixed_dictionaries(
    {
        "first_name": st.one_of(
            st.just("Robin"), hostile, st.just("Robin\r\nBcc: victim@example.org")
        ),
        "last_name": valid_or_hostile("Example"),
        "email": st.one_of(st.just("robin@example.org"), st.emails(), header_attacks, hostile),
        "phone": valid_or_hostile("555-555-0123"),
        "city": valid_or_hostile("Iqaluit"),
        "province": st.one_of(st.sampled_from(["", "NU", "XX"]), hostile),
        "kind": st.one_of(st.sampled_from(["", "polar_dip", "other"]), hostile),
        "planned_date": st.one_of(st.just(""), st.just("2099-12-31"), hostile),
        "goal_amount": st.one_of(
            st.sampled_from(["", "1", "1000000", "NaN", "-0", "1e6", "Infinity", "0.001"]),
            st.decimals(allow_nan=True, allow_infinity=True).map(str),
            hostile,
        ),
        "message": valid_or_hostile("See you at the lake!"),
        "news_consent": st.one_of(st.just(""), st.just("on"), hostile),
        "website": st.one_of(st.just(""), st.just(""), hostile),
    }
)


VALID = {
    "first_name": "Robin",
    "last_name": "Example",
    "email": "robin@example.org",
    "phone": "555-555-0123",
    "city": "Iqaluit",
    "province": "NU",
    "kind": "polar_dip",
    "planned_date": "2099-12-31",
    "goal_amount": "500",
    "message": "See you at the lake!",
    "news_consent": "on",
    "website": "",
}
# All fields hostile at once is nearly always refused; one hostile field in an
# otherwise valid form is what reaches the database and the SMTP server.
one_field_hostile = fields.flatmap(
    lambda drawn: st.sampled_from(sorted(drawn)).map(lambda name: {**VALID, name: drawn[name]})
)
submissions = st.one_of(fields, one_field_hostile)


@pytest.fixture
def open_form(settings):
    # Set once per test, not per example: each change to pytest-django's
    # ``settings`` stacks another override layer.
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "1000000/1h"
    settings.EVENTS_TEAM_EMAIL = "events@example.org"


@hypothesis_settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=submissions)
def test_any_post_is_answered_without_500_or_header_injection(
    client, open_form, immediate_tasks, smtp_sink, django_capture_on_commit_callbacks, data
):
    before = len(smtp_sink.messages)
    signups_before = FundraiserSignup.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fundraise/", {**data, "form_token": new_token()})

    assert response.status_code in (200, 303, 413)
    if response.status_code != 303:
        event(f"answered {response.status_code}")
        assert FundraiserSignup.objects.count() == signups_before
        assert len(smtp_sink.messages) == before
        return

    signup = FundraiserSignup.objects.order_by("-pk").first()
    event("spam" if signup.is_spam else "saved")
    if signup.is_spam:
        assert len(smtp_sink.messages) == before
        return
    received = smtp_sink.wait_for(before + 2, timeout=10)[before:]
    envelopes = smtp_sink.envelopes[before:]
    assert len(received) == 2
    assert {tuple(e.rcpt_tos) for e in envelopes} == {("events@example.org",), (signup.email,)}
    for message in received:
        names = [name.lower() for name in message]
        assert set(names) <= EXPECTED_HEADERS, names
        assert len(names) == len(set(names)), names
        for value in message.values():
            assert "\n" not in str(value) and "\r" not in str(value)
        assert "victim@example.org" not in (str(message["To"]) + str(message["Reply-To"]))
