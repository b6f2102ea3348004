"""What the worker does with one message, and the sweep that finds strays.

Exactly once, in effect: an attempt locks the row, skips a message already
sent or being sent, and commits ``sending`` (with the attempt counted) before
it talks to SMTP. A worker that dies after that commit leaves the message in
``sending``; the sweep hands it to another attempt once
``OUTBOX_SENDING_TIMEOUT`` has passed, which must exceed the longest SMTP
conversation (a few times ``EMAIL_TIMEOUT``). Every attempt reuses the same
Message-ID, so in the one case that cannot be told apart (the server accepted
the message and the worker died before recording it) the copy is recognisable.
"""

from __future__ import annotations

import logging
import mimetypes
import os
import random
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from outbox.models import OutboundEmail

logger = logging.getLogger(__name__)

State = OutboundEmail.State

# Retry schedule, in seconds before OUTBOX_RETRY_SCALE. The first retry comes
# within a minute; during the first hour no gap exceeds three minutes, so a
# message queued during an SMTP outage of up to ten minutes is tried again
# within about three minutes of its end (SPEC: arrives within four). After
# that the gaps grow to fifteen minutes, then an hour, until a day has passed.
FIRST_RETRY_SECONDS = 15
RETRY_CAPS = [(timedelta(hours=1), 180), (timedelta(hours=6), 900), (None, 3600)]
GIVE_UP_AFTER = timedelta(hours=24)
MIN_ATTEMPTS_BEFORE_GIVING_UP = 3
JITTER = 0.1  # spreads a crowd of retries so they do not hit the server at one instant


def retry_delay(failed_attempts: int, age: timedelta, *, jitter: float | None = None) -> timedelta:
    """How long to wait after the ``failed_attempts``-th failure of a message ``age`` old."""
    scale = settings.OUTBOX_RETRY_SCALE
    cap = next(seconds for limit, seconds in RETRY_CAPS if limit is None or age < limit * scale)
    seconds = min(FIRST_RETRY_SECONDS * 2 ** max(failed_attempts - 1, 0), cap)
    if jitter is None:
        jitter = random.uniform(-JITTER, JITTER)  # spreading load, not security
    return timedelta(seconds=seconds * (1 + jitter) * scale)


def gives_up(email: OutboundEmail, now) -> bool:
    return (
        now - email.created_at >= GIVE_UP_AFTER * settings.OUTBOX_RETRY_SCALE
        and email.attempts >= MIN_ATTEMPTS_BEFORE_GIVING_UP
    )


def sending_timeout() -> timedelta:
    return timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)


# ------------------------------------------------------------------ errors


class PermanentFailure(Exception):
    """Trying again cannot help (the recipient does not exist, the file is gone)."""


def is_permanent(exc: BaseException) -> bool:
    if isinstance(exc, PermanentFailure):
        return True
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(exc, smtplib.SMTPDataError):
        # 5xx after DATA rejects this message's content; 4xx is "later, please".
        return exc.smtp_code >= 500
    # Refused connections, timeouts, 4xx, authentication and sender problems
    # are the server's or our configuration's, and clear up; keep trying.
    return False


def _text(value) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        text = "; ".join(
            f"{rcpt} refused: {code} {_text(message)}"
            for rcpt, (code, message) in exc.recipients.items()
        )
    elif isinstance(exc, smtplib.SMTPResponseException):
        text = f"{type(exc).__name__}: {exc.smtp_code} {_text(exc.smtp_error)}"
    else:
        text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return " ".join(text.split())[:1000]


# ------------------------------------------------------------------ sending


def build_message(email: OutboundEmail, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={
            **email.extra_headers,
            "Message-ID": email.message_id,
            "Auto-Submitted": "auto-generated",
        },
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for name in email.attachments:
        try:
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
        except FileNotFoundError as exc:
            raise PermanentFailure(f"attachment {name} is missing from storage") from exc
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        message.attach(os.path.basename(name), content, mimetype)
    return message


def _claim(email_id: int, now) -> OutboundEmail | None:
    """Lock the row and mark it ``sending``; None when there is nothing to do."""
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True).filter(pk=email_id).first()
        )
        if email is None:  # gone, or another worker holds it right now
            return None
        if email.state in (State.SENT, State.FAILED):
            return None
        if (
            email.state == State.SENDING
            and email.sending_started_at
            and email.sending_started_at > now - sending_timeout()
        ):
            return None  # another worker is mid-conversation with the server
        if email.state == State.QUEUED and email.next_attempt_at and email.next_attempt_at > now:
            return None  # an early duplicate task; the task for the due time follows
        email.state = State.SENDING
        email.attempts += 1
        email.sending_started_at = now
        email.save(update_fields=["state", "attempts", "sending_started_at"])
    return email


def deliver(email_id: int) -> str:
    """One delivery attempt for one message; returns what happened, for the task result."""
    email = _claim(email_id, timezone.now())
    if email is None:
        return "skipped"
    attempt = email.attempts
    try:
        with get_connection(fail_silently=False) as connection:
            build_message(email, connection).send()
    except Exception as exc:  # every failure is recorded on the message, never lost
        return record_failure(email, attempt, exc)
    # Matching on the attempt number (not the state) lets a slow attempt that
    # the sweep already gave up on still record its success.
    OutboundEmail.objects.filter(pk=email.pk, attempts=attempt).update(
        state=State.SENT,
        sent_at=timezone.now(),
        last_error="",
        next_attempt_at=None,
        sending_started_at=None,
    )
    return "sent"


def record_failure(email: OutboundEmail, attempt: int, exc: BaseException) -> str:
    from outbox.tasks import enqueue_delivery

    now = timezone.now()
    error = describe(exc)
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().get(pk=email.pk)
        if email.attempts != attempt or email.state != State.SENDING:
            return "superseded"
        email.last_error = error
        email.sending_started_at = None
        if is_permanent(exc) or gives_up(email, now):
            email.state = State.FAILED
            email.next_attempt_at = None
            email.save(
                update_fields=["state", "last_error", "next_attempt_at", "sending_started_at"]
            )
            notify_staff_of_failure(email)
            logger.warning("email %s to %s failed for good: %s", email.pk, email.to, error)
            return "failed"
        email.state = State.QUEUED
        email.next_attempt_at = now + retry_delay(attempt, now - email.created_at)
        email.save(update_fields=["state", "last_error", "next_attempt_at", "sending_started_at"])
        run_after = email.next_attempt_at
        transaction.on_commit(lambda: enqueue_delivery(email.pk, run_after=run_after))
    logger.info(
        "email %s attempt %s failed, retrying at %s: %s", email.pk, attempt, run_after, error
    )
    return "retrying"


FAILURE_NOTICE_TEMPLATE = "outbox_failed"


def notify_staff_of_failure(email: OutboundEmail) -> None:
    """Tell the operators (settings.ADMINS), through the outbox itself so the
    notice is retried like any message; a failed notice does not notify again."""
    from outbox.services import queue_email

    if email.template == FAILURE_NOTICE_TEMPLATE:
        return
    admin_url = reverse("admin:outbox_outboundemail_change", args=[email.pk])
    for _name, address in settings.ADMINS:
        queue_email(
            FAILURE_NOTICE_TEMPLATE, address, {"email": email, "admin_url": admin_url}, source=email
        )


# ------------------------------------------------------------------ sweep


def sweep(now=None, limit: int = 1000) -> dict:
    """Re-enqueue what no task will deliver: ``queued`` messages that are due
    with no pending task, and ``sending`` ones whose worker stopped mid-attempt."""
    from outbox.tasks import enqueue_delivery, pending_delivery_ids

    now = now or timezone.now()
    with transaction.atomic():
        stuck = list(
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(state=State.SENDING, sending_started_at__lt=now - sending_timeout())
            .values_list("pk", flat=True)[:limit]
        )
        OutboundEmail.objects.filter(pk__in=stuck).update(
            state=State.QUEUED,
            next_attempt_at=now,
            sending_started_at=None,
            last_error="The worker stopped during an attempt; trying again.",
        )
    due = list(
        OutboundEmail.objects.filter(state=State.QUEUED)
        .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    pending = pending_delivery_ids(due, now)
    stranded = [pk for pk in due if pk not in pending]
    for pk in stranded:
        enqueue_delivery(pk)
    if stuck or stranded:
        logger.warning(
            "outbox sweep: %s stuck in sending, %s queued without a task", len(stuck), len(stranded)
        )
    return {"stuck": len(stuck), "enqueued": len(stranded)}
