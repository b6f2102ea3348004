"""queue_email(), resend() and the record they leave, as the calling apps see them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from outbox.models import OutboundEmail
from outbox.services import queue_email, resend
from outbox.tasks import deliver_email, sweep_outbox

from .factories import OutboundEmailFactory

pytestmark = pytest.mark.django_db


def delivery_tasks_for(email):
    return DBTaskResult.objects.filter(
        task_path=deliver_email.module_path, args_kwargs__args__0=email.pk
    )


def test_message_and_its_delivery_task_exist_only_once_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = queue_email("outbox_test", "sam@example.org", {"name": "Sam"})
        assert not delivery_tasks_for(email).exists()  # nothing runs before the commit
    assert len(callbacks) == 1
    assert delivery_tasks_for(email).filter(status="READY").count() == 1
    # The sweep is the worker's business (it starts one when it starts), not each message's.
    assert not DBTaskResult.objects.filter(task_path=sweep_outbox.module_path).exists()
    assert email.state == OutboundEmail.State.QUEUED
    assert email.message_id.startswith("<") and email.message_id.endswith("@example.org>")


def test_a_rolled_back_submission_leaves_no_message_and_no_task():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email("outbox_test", "sam@example.org", {"name": "Sam"})
        raise RuntimeError("the form's save failed")
    assert not OutboundEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_rendering_uses_the_templates_site_url_and_a_single_line_subject(settings):
    email = queue_email(
        "outbox_test", "sam@example.org", {"name": "Ana <b>", "subject": "Line one\r\nBcc: x"}
    )
    assert email.subject == "Line one Bcc: x"
    assert "Hello Ana <b>," in email.body_text
    assert "Hello Ana &lt;b&gt;," in email.body_html
    assert f'href="{settings.SITE_URL}/fundraise/"' in email.body_html
    assert settings.ORGANIZATION_NAME in email.body_text  # the shared footer


def test_an_overlong_subject_is_shortened_not_rejected():
    email = queue_email("outbox_test", "sam@example.org", {"subject": "word " * 100})
    assert len(email.subject) <= 255 and email.subject.endswith("…")


@pytest.mark.parametrize(
    "recipient",
    [
        "",
        "not an address",
        "sam@example.org\r\nBcc: eve@example.org",
        "a@example.org, b@example.org",
    ],
)
def test_a_bad_recipient_is_refused_before_anything_is_recorded(recipient):
    with pytest.raises(ValueError):
        queue_email("outbox_test", recipient, {})
    assert not OutboundEmail.objects.exists()


def test_a_name_with_line_breaks_cannot_choose_the_address():
    email = queue_email(
        "outbox_test",
        "Eve\r\nBcc: evil@example.org <eve@example.org>",
        {},
        reply_to="Mallory\nTo: evil@example.org <mallory@example.org>",
    )
    assert email.to == '"Eve Bcc: evil@example.org" <eve@example.org>'
    assert email.reply_to.endswith("<mallory@example.org>")


def test_messages_are_found_by_the_object_they_belong_to():
    user_model = get_user_model()
    mine, other = (
        user_model.objects.create(username="mine"),
        user_model.objects.create(username="o"),
    )
    first = queue_email("outbox_test", "a@example.org", {}, source=mine)
    queue_email("outbox_test", "b@example.org", {}, source=other)
    second = queue_email("outbox_test", "c@example.org", {}, source=mine)
    assert list(OutboundEmail.objects.for_source(mine)) == [second, first]
    assert first.source == mine


def test_resend_is_a_new_message_recorded_as_a_resend(django_capture_on_commit_callbacks):
    original = OutboundEmailFactory(
        state=OutboundEmail.State.FAILED, attempts=4, last_error="550 no", attachments=["a.pdf"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        copy = resend(original)
    assert copy.pk != original.pk and copy.resent_from == original
    assert (copy.to, copy.subject, copy.body_text, copy.body_html, copy.attachments) == (
        original.to,
        original.subject,
        original.body_text,
        original.body_html,
        ["a.pdf"],
    )
    assert copy.message_id != original.message_id
    assert (copy.state, copy.attempts) == (OutboundEmail.State.QUEUED, 0)
    assert delivery_tasks_for(copy).exists()
    assert list(original.resends.all()) == [copy]


@pytest.mark.parametrize(
    ("state", "attempts", "error", "summary"),
    [
        ("queued", 0, "", "queued"),
        ("queued", 1, "Connection refused", "queued (attempt 2)"),
        ("sending", 3, "", "sending (attempt 3)"),
        ("sent", 1, "", "sent"),
        ("failed", 1, "550 no such user", "failed: 550 no such user"),
    ],
)
def test_staff_see_state_attempt_and_error_in_one_phrase(state, attempts, error, summary):
    email = OutboundEmail(state=state, attempts=attempts, last_error=error)
    assert email.status_summary == summary
