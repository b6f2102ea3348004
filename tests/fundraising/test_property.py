"""Whatever is posted to the sign-up form: never a 500, never an injected email header."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fundraising.models import FundraiserSignup
from tests.hostile import header_attacks, hostile, many_posts, post_and_check_mail

pytestmark = pytest.mark.django_db


def valid_or_hostile(valid):
    return st.one_of(st.just(valid), hostile)


fields = st.fixed_dictionaries(
    {
        "first_name": st.one_of(
            st.just("Robin"), hostile, st.just("Robin\r\nBcc: victim@example.org")
        ),
        "last_name": valid_or_hostile("Example"),
        "email": st.one_of(
            st.just("robin@example.org"), st.emails(), header_attacks("robin"), hostile
        ),
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


@many_posts(200)
@given(data=submissions)
def test_any_post_is_answered_without_500_or_header_injection(
    client, open_form, immediate_tasks, smtp_sink, django_capture_on_commit_callbacks, data
):
    post_and_check_mail(
        client,
        smtp_sink,
        django_capture_on_commit_callbacks,
        "/fundraise/",
        data,
        FundraiserSignup,
        "events@example.org",
    )
