"""Turning a template and a context into a recorded message: rendering,
header-safe addresses and subjects, the Message-ID. Nothing here schedules a
delivery; that is ``outbox.tasks``' part (see docs/architecture.md)."""

from __future__ import annotations

import re
from email.utils import formataddr, make_msgid, parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import timezone, translation

from config.locale import site_name
from formguard.cleaning import single_line
from outbox.models import OutboundEmail

SUBJECT_MAX_LENGTH = OutboundEmail._meta.get_field("subject").max_length


def clean_address(value: str) -> str:
    """One mailbox, as "Name <addr>" or "addr", with line breaks removed from the
    name and the address itself validated; a bad address is a programming error
    (forms validate addresses first), so it raises ValueError."""
    value = single_line(value)
    # Split on the last "<...>" ourselves: parseaddr() reads "Eve Bcc: x@y <e@z>"
    # as a group and returns x@y, which would let a name choose the address.
    mailbox = re.fullmatch(r"(.*)<([^<>]*)>", value)
    name, address = (mailbox[1].strip().strip('"'), mailbox[2].strip()) if mailbox else ("", value)
    try:
        validate_email(address)
    except ValidationError as exc:
        raise ValueError(f"not a single valid email address: {value!r}") from exc
    return formataddr((name, address)) if name else address


def _render(name: str, suffix: str, context: dict, *, autoescape: bool) -> str:
    template = get_template(f"emails/{name}.{suffix}")
    # Plain text and subjects are not HTML: "&" must stay "&", not "&amp;".
    return template.template.render(Context(context, autoescape=autoescape))


def _html_template_exists(name: str) -> bool:
    try:
        get_template(f"emails/{name}.html")
    except TemplateDoesNotExist:
        return False
    return True


def render_email(name: str, context: dict[str, Any], language: str = "") -> tuple[str, str, str]:
    """Subject, plain text and HTML for ``templates/emails/<name>.*``, in
    ``language`` ("en", "fr"), the site's default language when not given:
    never the language of whatever page happens to be queuing it."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _render_all(name, context)


def _render_all(name: str, context: dict[str, Any]) -> tuple[str, str, str]:
    context = {
        "site_url": settings.SITE_URL,
        "site_name": site_name(),
        "organization_name": settings.ORGANIZATION_NAME,
        **context,
    }
    subject = single_line(_render(name, "subject.txt", context, autoescape=False))
    if len(subject) > SUBJECT_MAX_LENGTH:
        subject = subject[: SUBJECT_MAX_LENGTH - 1].rstrip() + "…"
    body_text = _render(name, "txt", context, autoescape=False).strip() + "\n"
    body_html = (
        _render(name, "html", context, autoescape=True) if _html_template_exists(name) else ""
    )
    return subject, body_text, body_html


def _storage_name(attachment: Any) -> str:
    name = attachment if isinstance(attachment, str) else getattr(attachment, "name", "")
    if not name:
        raise ValueError(f"attachment {attachment!r} has no name in the default storage")
    return name


# Headers a caller may add. Everything else (From, To, Subject, Reply-To,
# Message-ID) is set from the record's own fields, never from a dictionary.
ALLOWED_HEADERS = {"List-Unsubscribe", "List-Unsubscribe-Post"}


def _extra_headers(headers: dict[str, str]) -> dict[str, str]:
    unknown = set(headers) - ALLOWED_HEADERS
    if unknown:
        raise ValueError(f"headers not allowed here: {sorted(unknown)}")
    return {name: single_line(value) for name, value in headers.items()}


def _message_id() -> str:
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
    return make_msgid(domain=domain)


def record_email(
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
    """Render ``templates/emails/<template>.*`` and save the message, due now.
    Code outside the outbox sends with ``outbox.services.queue_email``, which
    takes these arguments and schedules the delivery.

    :param template: name under ``templates/emails/``: ``<name>.subject.txt``,
        ``<name>.txt`` and optionally ``<name>.html``, rendered now.
    :param to: one recipient, ``"addr"`` or ``"Name <addr>"``.
    :param context: template context; ``site_url`` and ``site_name`` are added.
    :param reply_to: optional address replies go to.
    :param attachments: files in the default storage (``FieldFile`` values or
        storage names), read when the message is sent.
    :param source: the object the message belongs to, shown in the admin.
    :param headers: further headers, only those in ``ALLOWED_HEADERS``
        (List-Unsubscribe and List-Unsubscribe-Post, for one-click unsubscribe).
    :param language: the language to write it in ("fr" for a form sent from a
        French page); the site's default (English) when not given, as for
        every message to staff. It is rendered now, so the worker and a
        resend carry the same words.
    """
    subject, body_text, body_html = render_email(template, context, language)
    email = OutboundEmail(
        template=template,
        to=clean_address(to),
        reply_to=clean_address(reply_to) if reply_to else "",
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=[_storage_name(a) for a in attachments or []],
        extra_headers=_extra_headers(headers or {}),
        message_id=_message_id(),
        next_attempt_at=timezone.now(),
    )
    if source is not None:
        email.source = source
    email.save()
    return email


def record_copy(email: OutboundEmail) -> OutboundEmail:
    """Save a new message with the same content, recorded as a resend of ``email``."""
    copy = OutboundEmail(
        template=email.template,
        to=email.to,
        reply_to=email.reply_to,
        subject=email.subject,
        body_text=email.body_text,
        body_html=email.body_html,
        attachments=list(email.attachments),
        extra_headers=dict(email.extra_headers),
        source_type_id=email.source_type_id,
        source_id=email.source_id,
        message_id=_message_id(),
        next_attempt_at=timezone.now(),
        resent_from=email,
    )
    copy.save()
    return copy
