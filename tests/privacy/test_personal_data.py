"""Personal data is kept no longer than needed, and a person can get or erase theirs."""

import json
import uuid
from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from contact.models import MediaInquiry
from fundraising.models import FundraiserSignup
from outbox.models import OutboundEmail

pytestmark = pytest.mark.django_db


def inquiry(email="reporter@example.org", **fields):
    return MediaInquiry.objects.create(
        name="Dana Reporter",
        email=email,
        outlet="Example Daily",
        topic="Convictions",
        message="Could we talk about the Bolivia team?",
        **fields,
    )


def signup(email="supporter@example.org", **fields):
    return FundraiserSignup.objects.create(
        first_name="Sam", last_name="Supporter", email=email, **fields
    )


def email_about(source, to):
    return OutboundEmail.objects.create(
        template="test",
        to=to,
        subject="About your form",
        body_text="Hello",
        source_type=ContentType.objects.get_for_model(source),
        source_id=str(source.pk),
        message_id=f"<{uuid.uuid4()}@example.org>",
    )


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_purge_deletes_only_what_is_older_than_the_retention_period(settings, time_machine):
    settings.PERSONAL_DATA_RETENTION_DAYS = 730
    time_machine.move_to(timezone.now() - timedelta(days=800))
    old_inquiry = inquiry("old@example.org")
    old_signup = signup("old@example.org")
    email_about(old_inquiry, "old@example.org")
    time_machine.move_to(timezone.now() + timedelta(days=790))  # 10 days ago
    recent = inquiry("recent@example.org")
    email_about(recent, "recent@example.org")
    time_machine.move_to(timezone.now() + timedelta(days=10))

    dry, _ = run("purge_personal_data", "--dry-run")
    assert "would delete 1 contact.MediaInquiry" in dry
    assert "would delete 1 fundraising.FundraiserSignup" in dry
    assert MediaInquiry.objects.count() == 2  # a dry run changes nothing

    done, _ = run("purge_personal_data")
    assert "deleted 1 contact.MediaInquiry" in done
    assert "deleted 1 outbox.OutboundEmail" in done
    assert list(MediaInquiry.objects.all()) == [recent]
    assert not FundraiserSignup.objects.filter(pk=old_signup.pk).exists()
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["recent@example.org"]

    again, _ = run("purge_personal_data")  # idempotent
    assert "deleted 0 contact.MediaInquiry" in again


def test_retention_period_is_configurable(settings, time_machine):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    time_machine.move_to(timezone.now() - timedelta(days=31))
    inquiry()
    time_machine.move_to(timezone.now() + timedelta(days=31))
    run("purge_personal_data")
    assert MediaInquiry.objects.count() == 0


def test_export_gives_everything_held_about_one_address():
    mine = inquiry("ana@example.org")
    signup("ANA@example.org", city="Halifax")
    email_about(mine, "ana@example.org")
    inquiry("someone.else@example.org")

    out, _ = run("export_personal_data", "ana@example.org")
    data = json.loads(out)
    by_kind = {part["kind"]: part["records"] for part in data["data"]}
    assert len(by_kind["contact.MediaInquiry"]) == 1
    assert by_kind["fundraising.FundraiserSignup"][0]["fields"]["city"] == "Halifax"
    assert len(by_kind["outbox.OutboundEmail"]) == 1
    assert "someone.else" not in out
    assert MediaInquiry.objects.count() == 2  # exporting erases nothing


def test_delete_erases_one_persons_data_and_nothing_else():
    mine = inquiry("ana@example.org")
    signup("ana@example.org")
    email_about(mine, "ana@example.org")
    other = inquiry("someone.else@example.org")

    _, err = run("export_personal_data", "ana@example.org", "--delete")
    assert (
        "Erased: 1 outbox.OutboundEmail, 1 contact.MediaInquiry, 1 fundraising.FundraiserSignup"
        in err
    )
    assert list(MediaInquiry.objects.all()) == [other]
    assert not FundraiserSignup.objects.exists()
    assert not OutboundEmail.objects.exists()


def test_export_refuses_a_non_address():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("export_personal_data", "nobody")


def test_no_raw_ip_address_is_stored_anywhere(client, settings):
    """Send both forms and fail a login from one address, then search every table for it."""
    from django.apps import apps
    from django.core import serializers

    from formguard.forms import new_token

    settings.FORM_MIN_SECONDS = 0
    settings.AXES_ENABLED = True
    address = "203.0.113.77"
    contact = client.post(
        "/media-contact/",
        {
            "name": "Dana",
            "email": "dana@example.org",
            "outlet": "Example Daily",
            "topic": "Interview",
            "message": "Hello",
            "form_token": new_token(),
        },
        REMOTE_ADDR=address,
    )
    assert contact.status_code == 303
    fundraise = client.post(
        "/fundraise/",
        {
            "first_name": "Sam",
            "last_name": "Lee",
            "email": "sam@example.org",
            "form_token": new_token(),
            "news_consent": "on",
        },
        REMOTE_ADDR=address,
    )
    assert fundraise.status_code == 303
    client.post("/admin/login/", {"username": "nobody", "password": "wrong"}, REMOTE_ADDR=address)
    assert MediaInquiry.objects.count() == 1 and FundraiserSignup.objects.count() == 1

    dump = "".join(
        serializers.serialize("json", model._default_manager.all()) for model in apps.get_models()
    )
    assert "nobody" in dump  # the failed login was recorded…
    assert address not in dump  # …but the address appears in no table


def test_export_matches_the_address_exactly_and_finds_notices_about_it():
    mine = inquiry("ana@example.org")
    message = email_about(mine, "Ana Lima <ana@example.org>")
    notice = email_about(message, "webmaster@example.org")  # an operator notice quoting it
    hana = email_about(inquiry("hana@example.org"), "hana@example.org")

    out, _ = run("export_personal_data", "ana@example.org")
    records = {
        record["pk"]
        for part in json.loads(out)["data"]
        if part["kind"] == "outbox.OutboundEmail"
        for record in part["records"]
    }
    assert records == {message.pk, notice.pk}
    assert hana.pk not in records


@pytest.mark.parametrize(
    ("path", "field"), [("/media-contact/", "message"), ("/fundraise/", "message")]
)
def test_error_reports_carry_no_address_and_no_form_text(rf, path, field):
    """A 500's report is emailed to the operators and kept; it must hold neither
    the visitor's address nor what they wrote."""
    import sys

    from django.urls import resolve
    from django.views.debug import ExceptionReporter

    request = rf.post(
        path,
        {field: "My private words", "name": "Dana"},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
        HTTP_CF_CONNECTING_IP="198.51.100.5",
        HTTP_X_REAL_IP="198.51.100.6",
        HTTP_AUTHORIZATION="Basic c3RhZ2luZzpodW50ZXIy",
    )
    resolve(path).func(request)  # the view marks its POST data as sensitive
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        report = ExceptionReporter(request, *sys.exc_info()).get_traceback_text()
    assert "boom" in report
    for secret in (
        "203.0.113.9",
        "198.51.100.4",
        "198.51.100.5",
        "198.51.100.6",
        "c3RhZ2luZzpodW50ZXIy",
        "My private words",
    ):
        assert secret not in report


def test_export_gives_the_staff_notes_about_the_persons_inquiry():
    from contact.models import InquiryNote
    from tests.factories import StaffUserFactory

    author = StaffUserFactory(username="desk", first_name="Robin", last_name="Desk")
    mine = inquiry("ana@example.org")
    InquiryNote.objects.create(
        inquiry=mine,
        author=author,
        text="Asked for the Bolivia figures.",
        created_at=timezone.make_aware(datetime(2030, 5, 14, 9, 30)),
    )
    theirs = inquiry("someone.else@example.org")
    InquiryNote.objects.create(inquiry=theirs, author=author, text="Not about Ana.")

    out, _ = run("export_personal_data", "ana@example.org")
    by_kind = {part["kind"]: part["records"] for part in json.loads(out)["data"]}
    [record] = by_kind["contact.MediaInquiry"]
    assert record["notes"] == [
        {
            "written_at": "2030-05-14 09:30",
            "author": "Robin Desk",
            "text": "Asked for the Bolivia figures.",
        }
    ]
    assert "Not about Ana." not in out

    run("export_personal_data", "ana@example.org", "--delete")
    assert list(InquiryNote.objects.values_list("text", flat=True)) == ["Not about Ana."]
