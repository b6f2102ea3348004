"""The outbox's background work, and the one place it is scheduled.

``deliver_email`` makes one attempt (``delivery.attempt``) and records its
outcome on the message here: sent; queued again with a task deferred to the
retry time; or failed, with a notice to the operators. ``deliver_after_commit``
is how every new message gets its first task.

``sweep_outbox`` is the safety net for messages no task will deliver (a task
lost between commit and enqueue, a worker killed mid-attempt). Its one
starting point is a ``db_worker`` starting (``OutboxConfig.ready`` names
``start_sweeping`` to ``config.worker_start``); each sweep then enqueues its successor
``OUTBOX_SWEEP_INTERVAL`` later, first thing, so one chain of sweeps runs for
as long as any worker does. ``manage.py outbox_sweep`` runs one pass by hand.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from outbox import compose, delivery, explain
from outbox.delivery import Outcome
from outbox.models import OutboundEmail

logger = logging.getLogger(__name__)

State = OutboundEmail.State

FAILURE_NOTICE_TEMPLATE = "outbox_failed"

# Arbitrary constant naming the pg_advisory lock under which "is a sweep waiting?" is asked.
SWEEP_LOCK_KEY = 0x0B0E_5EE9


# ------------------------------------------------------------------ delivery


@task()
def deliver_email(email_id: int) -> str:
    """One attempt at one message; returns what became of it, for the task result."""
    outcome = delivery.attempt(email_id)
    if outcome.status == Outcome.SKIPPED:
        return "skipped"
    if outcome.status == Outcome.SENT:
        record_sent(outcome)
        return "sent"
    if not record_failure(outcome):
        return "superseded"
    return "failed" if outcome.status == Outcome.FAILED else "retrying"


def record_failure(outcome: Outcome) -> bool:
    """Queue the message again for ``outcome.retry_at``, or fail it and tell
    staff; False when the sweep already gave this attempt up for a newer one."""
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().get(pk=outcome.email_id)
        if email.attempts != outcome.attempt or email.state != State.SENDING:
            return False
        failed = outcome.status == Outcome.FAILED
        email.state = State.FAILED if failed else State.QUEUED
        email.next_attempt_at = None if failed else outcome.retry_at
        email.last_error = outcome.error
        email.sending_started_at = None
        email.save(update_fields=["state", "last_error", "next_attempt_at", "sending_started_at"])
        if failed:
            notify_staff_of_failure(email)
            logger.warning(
                "email %s to %s failed for good: %s", email.pk, email.to, email.last_error
            )
        else:
            transaction.on_commit(
                lambda: enqueue_delivery(outcome.email_id, run_after=outcome.retry_at)
            )
            logger.info(
                "email %s attempt %s failed, retrying at %s: %s",
                email.pk,
                outcome.attempt,
                outcome.retry_at,
                outcome.error,
            )
    return True


def record_sent(outcome: Outcome) -> None:
    # Matching on the attempt number (not the state) lets a slow attempt that
    # the sweep already gave up on still record its success.
    OutboundEmail.objects.filter(pk=outcome.email_id, attempts=outcome.attempt).update(
        state=State.SENT,
        sent_at=timezone.now(),
        last_error="",
        next_attempt_at=None,
        sending_started_at=None,
    )


def notify_staff_of_failure(email: OutboundEmail) -> None:
    """Tell the operators (settings.ADMINS) and the team that owns the message
    (``explain.failure_notice_recipients``), through the outbox itself so the
    notice is retried like any message; a failed notice does not notify again.
    Called once, when a message fails."""
    if email.template == FAILURE_NOTICE_TEMPLATE:
        return
    admin_url = reverse("admin:outbox_outboundemail_change", args=[email.pk])
    for address, context in explain.failure_notice_recipients(email, admin_url):
        notice = compose.record_email(FAILURE_NOTICE_TEMPLATE, address, context, source=email)
        deliver_after_commit(notice)


def deliver_after_commit(email: OutboundEmail) -> None:
    """Enqueue the first attempt once the transaction that recorded ``email`` commits."""

    def on_commit() -> None:
        # A failure here (database gone between commit and enqueue) leaves the
        # message queued without a task; the sweep finds it, so never raise.
        try:
            enqueue_delivery(email.pk)
        except Exception:
            logger.exception("could not enqueue delivery of email %s; the sweep will", email.pk)

    transaction.on_commit(on_commit)


def _uses_database_backend(the_task) -> bool:
    return isinstance(the_task.get_backend(), DatabaseBackend)


def enqueue_delivery(email_id: int, run_after=None):
    """Enqueue an attempt, at ``run_after`` when the backend can defer; a backend
    that cannot (the inline one in tests) leaves retries to the sweep."""
    if run_after is None:
        return deliver_email.enqueue(email_id)
    if not deliver_email.get_backend().supports_defer:
        return None
    return deliver_email.using(run_after=run_after).enqueue(email_id)


def pending_delivery_ids(email_ids: list[int], now=None) -> set[int]:
    """Which of these messages already have a delivery task waiting or running."""
    if not email_ids or not _uses_database_backend(deliver_email):
        return set()
    now = now or timezone.now()
    # A task "running" for longer than an attempt can take belongs to a killed worker.
    alive_since = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    rows = (
        DBTaskResult.objects.filter(
            task_path=deliver_email.module_path, args_kwargs__args__0__in=email_ids
        )
        .filter(Q(status="READY") | Q(status="RUNNING", started_at__gte=alive_since))
        .values_list("args_kwargs", flat=True)
    )
    return {row["args"][0] for row in rows}


# ------------------------------------------------------------------ sweep


def sweep(now=None, limit: int = 1000) -> dict:
    """Re-enqueue what no task will deliver: ``queued`` messages that are due
    with no pending task, and ``sending`` ones whose worker stopped mid-attempt."""
    now = now or timezone.now()
    stuck = delivery.release_stuck(now, limit)
    due = delivery.due_ids(now, limit)
    pending = pending_delivery_ids(due, now)
    stranded = [pk for pk in due if pk not in pending]
    for pk in stranded:
        enqueue_delivery(pk)
    if stuck or stranded:
        logger.warning(
            "outbox sweep: %s stuck in sending, %s queued without a task", stuck, len(stranded)
        )
    return {"stuck": stuck, "enqueued": len(stranded)}


@task()
def sweep_outbox() -> dict:
    # The successor first: a worker killed during this sweep must not end the chain.
    keep_one_sweep_waiting()
    return sweep()


def start_sweeping() -> None:
    """At a worker's start: a sweep now, unless one is already waiting."""
    keep_one_sweep_waiting(delay=0)


def keep_one_sweep_waiting(delay: float | None = None) -> bool:
    """Enqueue a sweep ``delay`` seconds from now (default OUTBOX_SWEEP_INTERVAL)
    unless one is already waiting; True if this call added it.

    Only with the database backend: an inline backend would run the chain
    forever. The advisory lock makes two workers starting at once, or a
    worker starting while a sweep runs, agree on a single waiting sweep.
    """
    if not _uses_database_backend(sweep_outbox):
        return False
    interval = settings.OUTBOX_SWEEP_INTERVAL if delay is None else delay
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK_KEY])
        if DBTaskResult.objects.filter(task_path=sweep_outbox.module_path, status="READY").exists():
            return False
        sweep_outbox.using(run_after=timezone.now() + timedelta(seconds=interval)).enqueue()
    return True
