"""The one way the site sends email: ``queue_email`` inside the transaction
that saves the submission, and ``resend`` / ``retry_now`` for staff. Each
records the message (``outbox.compose``) and leaves its delivery to
``outbox.tasks``, once the transaction commits."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation

from outbox import compose, tasks
from outbox.models import OutboundEmail


def queue_email(template: str, to: str, context: dict[str, Any], **options) -> OutboundEmail:
    """Record an email and deliver it from the worker once the current transaction commits.

    The arguments are those of ``compose.record_email``, which documents them:
    the template's name, one recipient, the template context and, by keyword,
    ``reply_to``, ``attachments``, ``source``, ``headers`` and ``language``.

    Call it inside the transaction that saves ``source``: if that rolls back,
    no message exists and nothing is sent.
    """
    email = compose.record_email(template, to, context, **options)
    tasks.deliver_after_commit(email)
    return email


def language_name(code: str) -> str:
    """The language's English name ("French"), as staff emails say it."""
    try:
        return translation.get_language_info(code)["name"]
    except KeyError:
        return code


def resend(email: OutboundEmail) -> OutboundEmail:
    """A new message with the same content, recorded as a resend of ``email``."""
    copy = compose.record_copy(email)
    tasks.deliver_after_commit(copy)
    return copy


def retry_now(email: OutboundEmail) -> bool:
    """Bring a queued or failed message forward to an attempt right away.
    Returns False for one already sent or being sent."""
    updated = OutboundEmail.objects.filter(
        pk=email.pk, state__in=[OutboundEmail.State.QUEUED, OutboundEmail.State.FAILED]
    ).update(state=OutboundEmail.State.QUEUED, next_attempt_at=timezone.now())
    if updated:
        tasks.deliver_after_commit(email)
    return bool(updated)
