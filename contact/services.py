"""Saving a journalist's inquiry and queuing its two emails, in one transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from contact.forms import MediaInquiryForm
from contact.models import MediaContact, MediaInquiry
from formguard.services import spend_once
from outbox.services import queue_email


def media_team_address(card: MediaContact) -> str:
    return settings.MEDIA_TEAM_EMAIL or card.email


def submit_inquiry(form: MediaInquiryForm) -> MediaInquiry | None:
    """Save a valid form; queue the notification and the acknowledgement unless it is spam.

    Returns None when the form's one-time token was already spent (a refresh or
    a double click): the first submission is the one that counts, and the
    caller shows the same confirmation. Spam is kept, marked, and not emailed,
    so the sender cannot tell it was caught.
    """
    with transaction.atomic():
        if not spend_once(form.nonce):
            return None
        inquiry = form.save(commit=False)
        if form.spam_reason:
            inquiry.mark_spam(form.spam_reason)
        inquiry.save()
        if not inquiry.is_spam:
            queue_inquiry_emails(inquiry)
    return inquiry


def queue_inquiry_emails(inquiry: MediaInquiry) -> None:
    card = MediaContact.load()
    context = {"inquiry": inquiry, "card": card, "admin_url": inquiry.admin_url()}
    queue_email(
        "contact_notification",
        media_team_address(card),
        context,
        reply_to=inquiry.email,
        source=inquiry,
    )
    queue_email(
        "contact_acknowledgement",
        inquiry.email,
        context,
        reply_to=card.email,
        source=inquiry,
    )
