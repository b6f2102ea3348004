"""One attempt, in this process, against a real SMTP server; the retry
schedule; the sweep that finds messages no task will deliver."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import given
from hypothesis import strategies as st

from outbox import delivery, tasks
from outbox.delivery import Outcome, retry_delay
from outbox.models import OutboundEmail
from outbox.services import queue_email
from outbox.tasks import deliver_email, keep_one_sweep_waiting, sweep, sweep_outbox

from .factories import OutboundEmailFactory

State = OutboundEmail.State


def tasks_for(email, **filters):
    return DBTaskResult.objects.filter(
        task_path=deliver_email.module_path, args_kwargs__args__0=email.pk, **filters
    )


# ------------------------------------------------------------ header injection


@pytest.mark.django_db
def test_line_breaks_in_names_and_subject_never_add_a_header_or_recipient(smtp_sink):
    with transaction.atomic():
        email = queue_email(
            "outbox_test",
            "Eve\r\nBcc: evil@example.org <eve@example.org>",
            {
                "name": "Eve\r\nBcc: evil@example.org",
                "subject": "Hi\r\nBcc: evil@example.org\nX-Evil: 1",
            },
            reply_to="Mal\r\nCc: evil@example.org <mal@example.org>",
        )
    assert deliver_email.call(email.pk) == "sent"

    [message] = smtp_sink.wait_for(1)
    [envelope] = smtp_sink.envelopes
    assert envelope.rcpt_tos == ["eve@example.org"]
    assert message["Bcc"] is None and message["Cc"] is None and message["X-Evil"] is None
    assert message["Subject"] == "Hi Bcc: evil@example.org X-Evil: 1"
    assert [addr.addr_spec for addr in message["To"].addresses] == ["eve@example.org"]
    assert [addr.addr_spec for addr in message["Reply-To"].addresses] == ["mal@example.org"]
    header_names = {name.lower() for name in message}
    assert header_names <= {
        "content-type", "mime-version", "subject", "from", "to", "reply-to", "date",
        "message-id", "auto-submitted", "x-peer", "x-mailfrom", "x-rcptto",
    }  # fmt: skip


# ------------------------------------------------------------ one attempt


@pytest.mark.django_db
def test_smtp_down_puts_the_message_back_with_a_retry_within_a_minute(
    smtp_sink, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_RETRY_SCALE = 1.0
    smtp_sink.stop()
    email = OutboundEmailFactory()
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):  # the retry is enqueued on commit
        assert deliver_email.call(email.pk) == "retrying"
    email.refresh_from_db()
    assert (email.state, email.attempts) == (State.QUEUED, 1)
    assert "Connection" in email.last_error or "refused" in email.last_error.lower()
    assert email.next_attempt_at - before <= timedelta(seconds=60)
    assert tasks_for(email, status="READY", run_after=email.next_attempt_at).exists()


@pytest.mark.django_db
def test_a_temporary_4xx_rejection_is_retried(smtp_sink):
    smtp_sink.reject_rcpt["busy@example.org"] = "450 4.2.1 Mailbox busy, try later"
    email = OutboundEmailFactory(to="busy@example.org")
    assert deliver_email.call(email.pk) == "retrying"
    email.refresh_from_db()
    assert email.state == State.QUEUED and "450" in email.last_error


@pytest.mark.django_db
def test_after_a_day_of_failures_the_message_fails_and_staff_are_told(smtp_sink, settings):
    settings.OUTBOX_RETRY_SCALE = 1.0
    smtp_sink.reject_rcpt["busy@example.org"] = "451 4.3.0 Try again later"
    email = OutboundEmailFactory(to="busy@example.org", attempts=40)
    OutboundEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - timedelta(hours=24, minutes=1)
    )
    assert deliver_email.call(email.pk) == "failed"
    email.refresh_from_db()
    assert email.state == State.FAILED and "451" in email.last_error
    notice = OutboundEmail.objects.get(template=tasks.FAILURE_NOTICE_TEMPLATE)
    assert notice.to == "webmaster@example.org" and notice.source == email
    assert "451 4.3.0 Try again later" in notice.body_text
    assert f"/outbox/outboundemail/{email.pk}/change/" in notice.body_text


@pytest.mark.django_db
def test_a_failed_notice_does_not_notify_about_itself(smtp_sink):
    smtp_sink.reject_rcpt["webmaster@example.org"] = "550 no"
    notice = OutboundEmailFactory(
        template=tasks.FAILURE_NOTICE_TEMPLATE, to="webmaster@example.org"
    )
    assert deliver_email.call(notice.pk) == "failed"
    assert OutboundEmail.objects.count() == 1


@pytest.mark.django_db
def test_a_missing_attachment_fails_for_good(smtp_sink):
    email = OutboundEmailFactory(attachments=["guides/gone.pdf"])
    assert deliver_email.call(email.pk) == "failed"
    email.refresh_from_db()
    assert "gone.pdf" in email.last_error
    assert smtp_sink.messages == []


@pytest.mark.django_db
@pytest.mark.parametrize("state", [State.SENT, State.FAILED])
def test_a_finished_message_is_never_sent_again(smtp_sink, state):
    email = OutboundEmailFactory(state=state, sent_at=timezone.now(), attempts=1)
    assert deliver_email.call(email.pk) == "skipped"
    assert smtp_sink.messages == []


@pytest.mark.django_db
def test_a_message_another_worker_is_sending_is_left_alone(smtp_sink):
    email = OutboundEmailFactory(state=State.SENDING, attempts=1, sending_started_at=timezone.now())
    assert deliver_email.call(email.pk) == "skipped"
    assert smtp_sink.messages == []


# ------------------------------------------------------------ schedule


def test_first_retry_comes_within_a_minute(settings):
    settings.OUTBOX_RETRY_SCALE = 1.0
    for jitter in (-0.1, 0, 0.1):
        assert retry_delay(1, timedelta(0), jitter=jitter) <= timedelta(seconds=60)


@given(
    queued_at=st.floats(min_value=0, max_value=600),
    jitters=st.lists(st.floats(min_value=-0.1, max_value=0.1), min_size=80, max_size=80),
)
def test_after_a_ten_minute_outage_every_message_is_tried_within_four_minutes(queued_at, jitters):
    """Messages queued during an outage of up to 10 minutes arrive within 4
    minutes of its end (docs/architecture.md, "Email"). Attempts during the
    outage fail; the first attempt after it must come early enough to leave
    room for the worker to pick it up."""
    # The property is about production's schedule, not the tests' shrunk one.
    assert _production_delay(1, timedelta(0), 0) == timedelta(seconds=delivery.FIRST_RETRY_SECONDS)
    outage_end = 600.0
    attempt_at, failures = queued_at, 0
    while attempt_at < outage_end:
        failures += 1
        age = timedelta(seconds=attempt_at - queued_at)
        attempt_at += _production_delay(failures, age, jitters[failures]).total_seconds()
    assert attempt_at - outage_end <= 200  # ≤ 3 min 20 s, leaving 40 s for the worker


def _production_delay(failures, age, jitter):
    from django.test import override_settings

    with override_settings(OUTBOX_RETRY_SCALE=1.0):
        return retry_delay(failures, age, jitter=jitter)


def test_retries_continue_for_at_least_a_day_then_stop(settings):
    settings.OUTBOX_RETRY_SCALE = 1.0
    created = timezone.now()
    email = OutboundEmail(created_at=created, attempts=0)
    now = created
    while True:
        email.attempts += 1
        if delivery.gives_up(email, now):
            break
        now += retry_delay(email.attempts, now - created, jitter=0)
    assert now - created >= timedelta(hours=24)
    assert now - created < timedelta(hours=25)
    assert email.attempts < 80  # backing off: not hammering the server all day


# ------------------------------------------------------------ sweep


@pytest.mark.django_db
def test_sweep_reenqueues_a_due_message_that_lost_its_task_once():
    email = OutboundEmailFactory(next_attempt_at=timezone.now() - timedelta(minutes=5))
    assert not tasks_for(email).exists()
    assert sweep() == {"stuck": 0, "enqueued": 1}
    assert tasks_for(email, status="READY").count() == 1
    assert sweep() == {"stuck": 0, "enqueued": 0}  # the task it added counts as pending
    assert tasks_for(email).count() == 1


@pytest.mark.django_db
def test_sweep_leaves_future_and_finished_messages_alone():
    OutboundEmailFactory(next_attempt_at=timezone.now() + timedelta(minutes=5))
    OutboundEmailFactory(state=State.SENT, sent_at=timezone.now())
    OutboundEmailFactory(state=State.FAILED)
    assert sweep() == {"stuck": 0, "enqueued": 0}
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_sweep_recovers_a_message_stuck_in_sending_after_the_timeout(settings):
    settings.OUTBOX_SENDING_TIMEOUT = 120
    now = timezone.now()
    stuck = OutboundEmailFactory(
        state=State.SENDING, attempts=1, sending_started_at=now - timedelta(seconds=121)
    )
    busy = OutboundEmailFactory(
        state=State.SENDING, attempts=1, sending_started_at=now - timedelta(seconds=30)
    )
    assert sweep(now) == {"stuck": 1, "enqueued": 1}
    stuck.refresh_from_db()
    busy.refresh_from_db()
    assert stuck.state == State.QUEUED and "stopped" in stuck.last_error
    assert tasks_for(stuck, status="READY").exists()
    assert busy.state == State.SENDING and not tasks_for(busy).exists()


@pytest.mark.django_db
def test_one_sweep_waits_however_often_it_is_asked_for():
    assert keep_one_sweep_waiting(delay=0) is True
    assert keep_one_sweep_waiting(delay=0) is False
    assert keep_one_sweep_waiting() is False
    assert DBTaskResult.objects.filter(task_path=sweep_outbox.module_path).count() == 1


@pytest.mark.django_db
def test_a_sweep_enqueues_its_successor_before_its_pass(settings, monkeypatch):
    """A worker killed during a sweep must not end the chain."""
    settings.OUTBOX_SWEEP_INTERVAL = 60

    def killed_mid_pass(*args, **kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(tasks, "sweep", killed_mid_pass)
    before = timezone.now()
    with pytest.raises(SystemExit):
        sweep_outbox.call()
    [successor] = DBTaskResult.objects.filter(task_path=sweep_outbox.module_path, status="READY")
    assert successor.run_after - before >= timedelta(seconds=60)


@pytest.mark.django_db
def test_an_attempt_only_says_what_happened_the_task_records_it(smtp_sink, settings):
    """delivery.attempt() decides; it neither records the failure nor enqueues a retry."""
    settings.OUTBOX_RETRY_SCALE = 1.0
    smtp_sink.stop()
    email = OutboundEmailFactory()
    before = timezone.now()
    outcome = delivery.attempt(email.pk)
    assert (outcome.status, outcome.attempt) == (Outcome.RETRY, 1)
    assert before < outcome.retry_at <= timezone.now() + timedelta(seconds=60)
    email.refresh_from_db()
    assert (email.state, email.last_error) == (State.SENDING, "")
    assert not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_the_outbox_sweep_command_recovers_strays(capsys):
    from django.core.management import call_command

    email = OutboundEmailFactory(next_attempt_at=timezone.now() - timedelta(minutes=1))
    call_command("outbox_sweep")
    assert "1 re-enqueued" in capsys.readouterr().out
    assert tasks_for(email, status="READY").exists()
