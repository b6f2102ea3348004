"""One delivery attempt at one message, and what it comes to: an
:class:`Outcome` (sent, retry at, failed, skipped) that ``outbox.tasks``
records and acts on. Nothing here enqueues anything.

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

import mimetypes
import os
import random
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from outbox.models import OutboundEmail

State = OutboundEmail.State

# Retry schedule, in seconds before OUTBOX_RETRY_SCALE. The first retry comes
# within a minute; during the first hour no gap exceeds three minutes, so a
# message queued during an SMTP outage of up to ten minutes is tried again
# within about three minutes of its end, so it arrives within four
# (docs/architecture.md, "Email"). After
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


@dataclass(frozen=True)
class Outcome:
    """What one attempt came to, for ``outbox.tasks`` to record.

    ``attempt`` is the attempt number the claim gave the message: recording
    matches on it, so a late result never overwrites a newer attempt's.
    """

    SENT = "sent"
    RETRY = "retry"
    FAILED = "failed"
    SKIPPED = "skipped"

    email_id: int
    status: str
    attempt: int = 0
    error: str = ""
    retry_at: datetime | None = None


def attempt(email_id: int) -> Outcome:
    """Claim the message, talk to the SMTP server once, and say what came of it."""
    email = _claim(email_id, timezone.now())
    if email is None:
        return Outcome(email_id, Outcome.SKIPPED)
    try:
        with get_connection(fail_silently=False) as connection:
            build_message(email, connection).send()
    except Exception as exc:  # every failure becomes an outcome, recorded on the message
        now = timezone.now()
        error = describe(exc)
        if is_permanent(exc) or gives_up(email, now):
            return Outcome(email_id, Outcome.FAILED, email.attempts, error)
        retry_at = now + retry_delay(email.attempts, now - email.created_at)
        return Outcome(email_id, Outcome.RETRY, email.attempts, error, retry_at)
    return Outcome(email_id, Outcome.SENT, email.attempts)


# ------------------------------------------------------------------ strays


def release_stuck(now, limit: int) -> int:
    """Put back to ``queued`` the messages whose worker stopped mid-attempt."""
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
    return len(stuck)


def due_ids(now, limit: int) -> list[int]:
    """Queued messages whose attempt is due, oldest due first."""
    return list(
        OutboundEmail.objects.filter(state=State.QUEUED)
        .filter(Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
