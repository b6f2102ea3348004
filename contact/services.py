"""Saving a journalist's inquiry and queuing its two emails, in one transaction."""

from __future__ import annotations

from django.conf import settings

from contact.forms import MediaInquiryForm
from contact.models import MediaContact, MediaInquiry
from formguard.services import save_submission
from outbox.services import language_name, queue_email


def media_team_address(card: MediaContact) -> str:
    return settings.MEDIA_TEAM_EMAIL or card.email


def submit_inquiry(form: MediaInquiryForm) -> MediaInquiry | None:
    """Save a valid form; queue the notification and the acknowledgement
    unless it is spam (None for a token already spent: see save_submission)."""
    return save_submission(form, send=queue_inquiry_emails)


def queue_inquiry_emails(inquiry: MediaInquiry) -> None:
    card = MediaContact.load()
    language = inquiry.language
    context = {
        "inquiry": inquiry,
        "card": card,
        "admin_url": inquiry.admin_url(),
        "language_name": language_name(language),
    }
    # The media team reads English, told which language the journalist wrote in;
    # the journalist is answered in the language of the form they sent.
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
        language=language,
    )
