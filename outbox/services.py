"""The one way the site sends email: ``queue_email`` inside the transaction
that saves the submission, and ``resend`` / ``retry_now`` for staff. Each
records the message (``outbox.compose``) and leaves its delivery to
``outbox.tasks``, once the transaction commits."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone, translation

from outbox import compose, tasks
from outbox.models import OutboundEmail


def queue_email(
    template: str,
    to: str,
    context: dict[str, Any],
    *,
    reply_to: str = "",
    attachments: list | None = None,
    source: models.Model | None = None,
    headers: dict[str, str] | None = None,
    language: str = "",
) -> OutboundEmail:
    """Record an email and deliver it from the worker once the current transaction commits.

    :param template: name under ``templates/emails/``: ``<name>.subject.txt``,
        ``<name>.txt`` and optionally ``<name>.html``, rendered now.
    :param to: one recipient, ``"addr"`` or ``"Name <addr>"``.
    :param context: template context; ``site_url`` and ``site_name`` are added.
    :param reply_to: optional address replies go to.
    :param attachments: files in the default storage (``FieldFile`` values or
        storage names), read when the message is sent.
    :param source: the object the message belongs to, shown in the admin.
    :param headers: further headers, only those in ``compose.ALLOWED_HEADERS``
        (List-Unsubscribe and List-Unsubscribe-Post, for one-click unsubscribe).
    :param language: the language to write it in ("fr" for a form sent from a
        French page); the site's default (English) when not given, as for
        every message to staff. It is rendered now, so the worker and a
        resend carry the same words.

    Call it inside the transaction that saves ``source``: if that rolls back,
    no message exists and nothing is sent.
    """
    email = compose.record_email(
        template,
        to,
        context,
        reply_to=reply_to,
        attachments=attachments,
        source=source,
        headers=headers,
        language=language,
    )
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
