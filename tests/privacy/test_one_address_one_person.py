"""One address is one person: addresses are compared in canonical form (the
domain in IDNA, ASCII letters in lower case), never with SQL UPPER(), which
PostgreSQL applies to the dotless ı as to i, so two domains became one."""

import importlib
import json
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

from contact.models import MediaInquiry
from formguard.cleaning import canonical_email
from fundraising.models import FundraiserSignup
from outbox.models import OutboundEmail
from tests.contact.factories import MediaInquiryFactory
from tests.fundraising.factories import SignupFactory, form_data

pytestmark = pytest.mark.django_db

DANA = "dana@kitchen-sink.example"
DOTLESS_DANA = "dana@kıtchen-sink.example"  # another domain: xn--ktchen-sink-…


@pytest.mark.parametrize(
    ("address", "canonical"),
    [
        ("Dana@Kitchen-Sink.Example", "dana@kitchen-sink.example"),
        (DOTLESS_DANA, "dana@xn--ktchen-sink-zzb.example"),
        ("dana@KITCHEN-SİNK.example", "dana@xn--kitchen-sink-v4g.example"),  # capital dotted İ
        ("Dana@bücher.example", "dana@xn--bcher-kva.example"),
        ("Dana@xn--bcher-kva.example", "dana@xn--bcher-kva.example"),
        ("ıda@example.org", "ıda@example.org"),  # non-ASCII local part kept as typed
        ("İDA@example.org", "İda@example.org"),
    ],
)
def test_canonical_address(address, canonical):
    assert canonical_email(address) == canonical


def test_the_two_danas_are_two_people_and_case_is_not():
    assert canonical_email(DANA) != canonical_email(DOTLESS_DANA)
    assert canonical_email("DANA@kitchen-sink.EXAMPLE") == canonical_email(DANA)


def consenting(email):
    return SignupFactory(
        email=email,
        news_consent=True,
        consent_wording="Send me news",
        consent_given_at=timezone.now() - timezone.timedelta(days=1),
        received_at=timezone.now() - timezone.timedelta(days=1),
    )


def test_the_other_dana_is_not_welcomed_back(client, settings):
    settings.FORM_MIN_SECONDS = 0
    consenting(DANA)
    assert client.post("/fundraise/", form_data(email=DOTLESS_DANA)).status_code == 303
    guide = OutboundEmail.objects.get(template="fundraising_guide")
    assert "welcome back" not in (guide.subject + guide.body_text).lower()

    assert (
        client.post("/fundraise/", form_data(email="DANA@Kitchen-Sink.example")).status_code == 303
    )
    again = OutboundEmail.objects.filter(template="fundraising_guide").latest("created_at")
    assert "Welcome back" in again.subject


def test_the_other_danas_unsubscribe_link_leaves_the_first_subscribed(client, settings):
    settings.FORM_MIN_SECONDS = 0
    first = consenting(DANA)
    client.post("/fundraise/", form_data(email=DOTLESS_DANA, news_consent="on"))
    body = OutboundEmail.objects.get(template="fundraising_guide", to=DOTLESS_DANA).body_text
    link = re.search(r"https?://[^/\s]+(/fundraise/unsubscribe/\S+/)", body).group(1)
    assert client.post(link).status_code == 200

    first.refresh_from_db()
    assert first.wants_news
    assert not FundraiserSignup.objects.get(email=DOTLESS_DANA).wants_news


def test_export_and_erasure_find_one_dana_only():
    first = consenting(DANA)
    MediaInquiryFactory(email="Dana@KITCHEN-SINK.example")
    OutboundEmail.objects.create(
        template="t", to=f"Dana <{DANA}>", subject="s", body_text="b", message_id="<1@example.org>"
    )
    other = consenting(DOTLESS_DANA)
    OutboundEmail.objects.create(
        template="t", to=DOTLESS_DANA, subject="s", body_text="b", message_id="<2@example.org>"
    )

    out = StringIO()
    call_command("export_personal_data", DANA, stdout=out)
    by_kind = {part["kind"]: part["records"] for part in json.loads(out.getvalue())["data"]}
    assert [r["pk"] for r in by_kind["fundraising.FundraiserSignup"]] == [first.pk]
    assert len(by_kind["contact.MediaInquiry"]) == 1
    assert [r["fields"]["to"] for r in by_kind["outbox.OutboundEmail"]] == [f"Dana <{DANA}>"]

    call_command("export_personal_data", DANA, "--delete", stdout=StringIO(), stderr=StringIO())
    assert list(FundraiserSignup.objects.all()) == [other]
    assert not MediaInquiry.objects.exists()
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == [DOTLESS_DANA]


@pytest.mark.parametrize(
    ("migration", "model"),
    [
        ("contact.migrations.0003_spam_flag_and_canonical_email", MediaInquiry),
        ("fundraising.migrations.0004_canonical_email_and_singleton_shape", FundraiserSignup),
    ],
)
def test_rows_saved_before_the_column_existed_are_filled_in(migration, model):
    factory = MediaInquiryFactory if model is MediaInquiry else SignupFactory
    row = factory(email=DOTLESS_DANA)
    model.objects.update(email_canonical="")  # as the new column was, on old rows
    module = importlib.import_module(migration)
    backfill = next(
        op.code for op in module.Migration.operations if getattr(op, "code", None) is not None
    )
    backfill(apps, None)
    row.refresh_from_db()
    assert row.email_canonical == "dana@xn--ktchen-sink-zzb.example"


# Staff pages compare addresses the same way: a domain written in Unicode or in
# IDNA, in any case, is one domain; the dotless ı is another.
BUCHER_DANA = "Dana@Bücher.example"
BUCHER_DANA_IDNA = "dana@xn--bcher-kva.example"


def test_an_invitation_to_someone_with_an_account_is_refused_however_it_is_written(client):
    from django.contrib.auth import get_user_model

    from tests.factories import StaffUserFactory

    get_user_model().objects.create_user("first-dana", BUCHER_DANA_IDNA)
    get_user_model().objects.create_user("kitchen-dana", DANA)
    client.force_login(StaffUserFactory())
    again = client.post("/admin/invite/", {"email": BUCHER_DANA, "team": "Media team"})
    assert "already has an account" in again.content.decode()
    other = client.post("/admin/invite/", {"email": DOTLESS_DANA, "team": "Media team"})
    assert other.status_code == 302  # another domain, so another person
    assert get_user_model().objects.filter(email=DOTLESS_DANA).exists()


def test_the_invitation_refuses_an_address_the_public_forms_refuse(client):
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory())
    refused = client.post("/admin/invite/", {"email": "kim@\xad.example.org", "team": "Media team"})
    assert "the part of your email address after the @" in refused.content.decode()


def failed_email(source, to, template, reason="550 5.1.2 Host or domain name not found"):
    """An email the outbox gave up on after the receiving server refused ``to``."""
    return OutboundEmail.objects.create(
        source=source,
        to=to,
        template=template,
        subject="s",
        body_text="b",
        message_id=f"<{template}@example.org>",
        state=OutboundEmail.State.FAILED,
        attempts=1,
        last_error=f"{to} refused: {reason}",
    )


def test_an_address_staff_may_correct_is_the_records_however_its_domain_is_written(client):
    from tests.workspace.factories import team_member

    inquiry = MediaInquiryFactory(email=BUCHER_DANA_IDNA)
    email = failed_email(inquiry, BUCHER_DANA, "contact_acknowledgement")
    client.force_login(team_member("Media team"))
    page = client.get(f"/admin/contact/mediainquiry/{inquiry.pk}/change/").content.decode()
    assert "Correct address and resend" in page
    correct = f"/admin/contact/mediainquiry/{inquiry.pk}/delivery/{email.pk}/correct/"
    refused = client.post(correct, {"address": "dana@\xad.example.org"}, follow=True)
    assert "Not resent: Please check the part of your email address after the @" in (
        refused.content.decode()
    )
    done = client.post(correct, {"address": "dana@example.org"}, follow=True)
    assert "a new copy is queued" in done.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.email == "dana@example.org"


def test_a_teams_bouncing_notification_is_not_reported_to_the_same_inbox(settings):
    from outbox import explain

    settings.ADMINS = [("Operators", "webmaster@example.org")]
    settings.EVENTS_TEAM_EMAIL = "Events@Bücher.example"
    signup = SignupFactory()
    bounced = failed_email(
        signup, "events@xn--bcher-kva.example", "fundraising_notification", "550 5.1.1 User unknown"
    )
    recipients = [address for address, _ in explain.failure_notice_recipients(bounced, "/admin/")]
    assert recipients == ["webmaster@example.org"]
