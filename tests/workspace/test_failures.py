"""Failed emails staff can act on: plain words, the owning team told once,
and "Resend" / "Correct address and resend" on the record itself, through a
real SMTP server that refuses the address with a 550."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from fundraising.models import FundraiserSignup
from outbox import explain
from outbox.models import OutboundEmail
from tests.contact.factories import MediaInquiryFactory
from tests.fundraising.factories import form_data
from tests.outbox.factories import OutboundEmailFactory
from tests.workspace.factories import team_member

State = OutboundEmail.State
UNKNOWN_USER = (
    "550 5.1.1 <robni@example.org>: Recipient address rejected: "
    "User unknown in virtual mailbox table"
)
NO_SUCH_DOMAIN = "550 5.1.2 Host or domain name not found"


@pytest.mark.parametrize(
    ("error", "summary", "next_step", "address_problem"),
    [
        (
            f"robni@example.org refused: {UNKNOWN_USER}",
            "The address does not exist",
            "Correct the address on the sign-up, then resend the guide.",
            True,
        ),
        (
            f"x@example.org refused: {NO_SUCH_DOMAIN}",
            "not a mail domain",
            "Correct the address",
            True,
        ),
        (
            "x@example.org refused: 552 5.2.2 Mailbox full",
            "mailbox is full",
            "Wait a few days",
            False,
        ),
        (
            "SMTPDataError: 554 5.7.1 Message rejected as spam",
            "by its policy",
            "SPF and DKIM",
            False,
        ),
        (
            "ConnectionRefusedError: [Errno 111] Connection refused",
            "could not be reached",
            "keeps trying by itself",
            False,
        ),
        (
            "x@example.org refused: 451 4.3.0 Try again later",
            "try again later",
            "keeps trying by itself",
            False,
        ),
    ],
)
def test_common_smtp_replies_are_explained_with_the_next_step(
    error, summary, next_step, address_problem
):
    explanation = explain.explain_error(error, "the sign-up", "resend the guide")
    assert summary in explanation.summary
    assert next_step in explanation.next_step
    assert explanation.address_problem is address_problem


@pytest.mark.django_db
def test_states_read_plainly(settings):
    settings.OUTBOX_RETRY_SCALE = 1.0
    now = timezone.now()
    next_try = timezone.localtime(now).replace(hour=13, minute=45, second=0, microsecond=0)
    retrying = OutboundEmailFactory(state=State.QUEUED, attempts=1, next_attempt_at=next_try)
    assert explain.plain_state(retrying, now) == "retrying, attempt 2, next try 13:45"

    gave_up = OutboundEmailFactory(state=State.FAILED, attempts=31)
    OutboundEmail.objects.filter(pk=gave_up.pk).update(
        created_at=now - datetime.timedelta(hours=24, minutes=5)
    )
    gave_up.refresh_from_db()
    assert explain.plain_state(gave_up, now) == "failed after 24 hours (31 attempts)"

    refused = OutboundEmailFactory(state=State.FAILED, attempts=1, last_error=UNKNOWN_USER)
    assert explain.plain_state(refused, now) == "failed: refused at once (1 attempt)"


@pytest.mark.django_db
def test_a_refused_guide_is_explained_on_the_signup_corrected_and_resent(
    client, settings, smtp_sink, immediate_tasks, django_capture_on_commit_callbacks
):
    settings.FORM_MIN_SECONDS = 0
    settings.EVENTS_TEAM_EMAIL = "events@example.org"
    settings.ADMINS = [("Operators", "webmaster@example.org")]
    smtp_sink.reject_rcpt["robni@example.org"] = UNKNOWN_USER

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/fundraise/", form_data(email="robni@example.org")).status_code == 303
    signup = FundraiserSignup.objects.get()
    guide = OutboundEmail.objects.get(template="fundraising_guide")
    assert guide.state == State.FAILED

    # The operators and the events team are each told once, in plain words.
    notices = smtp_sink.to("webmaster@example.org") + [
        m for m in smtp_sink.to("events@example.org") if "could not be delivered" in m["Subject"]
    ]
    assert len(notices) == 2
    team_notice = notices[1].get_body(("plain",)).get_content()
    assert "The address does not exist" in team_notice
    assert "Correct the address on the sign-up, then resend the guide." in team_notice
    assert f"/admin/fundraising/fundraisersignup/{signup.pk}/change/" in team_notice

    member = team_member("Events team")
    client.force_login(member)
    page = client.get(f"/admin/fundraising/fundraisersignup/{signup.pk}/change/")
    html = page.content.decode()
    assert 'id="delivery-problems"' in html
    assert "failed: refused at once (1 attempt)" in html
    assert "Correct address and resend" in html

    correct_url = f"/admin/fundraising/fundraisersignup/{signup.pk}/delivery/{guide.pk}/correct/"
    assert client.get(correct_url).status_code == 405
    refused = client.post(correct_url, {"address": "robin@"}, follow=True)
    assert "Not resent: Enter an email address" in refused.content.decode()
    signup.refresh_from_db()
    assert signup.email == "robni@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(correct_url, {"address": "robin@example.org"}, follow=True)
    assert "a new copy is queued" in done.content.decode()
    signup.refresh_from_db()
    assert signup.email == "robin@example.org"
    [delivered] = smtp_sink.to("robin@example.org")
    assert "Hello Robin," in delivered.get_body(("plain",)).get_content()
    assert 'id="delivery-problems"' not in done.content.decode()
    # No second notice: the failure was reported once.
    assert len(smtp_sink.to("webmaster@example.org")) == 1


def acknowledgement_of(inquiry, refusal: str, **delivery):
    """The acknowledgement to ``inquiry``'s journalist, refused by their mail server
    with the SMTP reply ``refusal``: failed at the first attempt unless ``delivery``
    says how far it got."""
    return OutboundEmailFactory(
        source=inquiry,
        to=inquiry.email,
        template="contact_acknowledgement",
        last_error=f"{inquiry.email} refused: {refusal}",
        **{"state": State.FAILED, "attempts": 1, **delivery},
    )


@pytest.mark.django_db
def test_inquiry_page_offers_resend_and_only_its_team_may_use_it(
    client, smtp_sink, immediate_tasks, django_capture_on_commit_callbacks
):
    inquiry = MediaInquiryFactory(email="kim@example.org")
    email = acknowledgement_of(
        inquiry,
        "452 4.2.2 Mailbox full",
        state=State.QUEUED,
        attempts=2,
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=1),
    )
    resend_url = f"/admin/contact/mediainquiry/{inquiry.pk}/delivery/{email.pk}/resend/"

    client.force_login(team_member("Events team"))
    assert client.post(resend_url).status_code == 403

    client.force_login(team_member("Media team"))
    html = client.get(f"/admin/contact/mediainquiry/{inquiry.pk}/change/").content.decode()
    assert "retrying, attempt 3, next try" in html
    assert "The recipient&#x27;s mailbox is full." in html
    assert "Correct address and resend" not in html  # the address is not the problem
    with django_capture_on_commit_callbacks(execute=True):
        client.post(resend_url)
    assert len(smtp_sink.to("kim@example.org")) == 1
    assert OutboundEmail.objects.get(resent_from=email).state == State.SENT


@pytest.mark.django_db
def test_correcting_an_inquirys_address_is_written_in_its_notes(
    client, smtp_sink, immediate_tasks, django_capture_on_commit_callbacks
):
    inquiry = MediaInquiryFactory(email="kim@exmaple.org")
    email = acknowledgement_of(inquiry, NO_SUCH_DOMAIN)
    member = team_member("Media team")
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/contact/mediainquiry/{inquiry.pk}/delivery/{email.pk}/correct/",
            {"address": "kim@example.org"},
        )
    inquiry.refresh_from_db()
    assert inquiry.email == "kim@example.org"
    [note] = inquiry.notes.all()
    assert note.author == member and "from kim@exmaple.org to kim@example.org" in note.text
    assert len(smtp_sink.to("kim@example.org")) == 1
