"""What happens when a supporter signs up, and when staff resend the guide.

Both the sign-up and its emails are written in one transaction: the outbox
delivers the emails from the worker after commit, so a refresh, a double
click or a failing SMTP server never loses or duplicates a message.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from formguard.services import save_submission
from fundraising.models import FundraiserSignup, Guide
from outbox.models import OutboundEmail
from outbox.services import language_name, queue_email

GUIDE_EMAIL = "fundraising_guide"
NOTIFICATION_EMAIL = "fundraising_notification"
UNSUBSCRIBE_SALT = "fundraising.unsubscribe"


def submit_signup(form) -> FundraiserSignup | None:
    """Save a valid sign-up form and queue its emails, the guide and the
    events team's notification (None for a token already spent, and spam is
    never emailed: see save_submission)."""
    return save_submission(form, send=queue_signup_emails, prepare=stamp_received)


def stamp_received(signup: FundraiserSignup) -> None:
    # Consent is given the moment the form arrives, so both times are the same.
    signup.received_at = timezone.now()
    if signup.news_consent:
        signup.consent_given_at = signup.received_at


def queue_signup_emails(signup: FundraiserSignup) -> None:
    queue_guide_email(signup)
    queue_email(
        NOTIFICATION_EMAIL,
        settings.EVENTS_TEAM_EMAIL,
        {
            "signup": signup,
            "admin_url": admin_change_url(signup),
            "language_name": language_name(signup.language),
        },
        reply_to=signup.email,
        source=signup,
    )


def queue_guide_email(signup: FundraiserSignup) -> OutboundEmail:
    """Render the guide email from the guide as it is now (link, PDF) and queue
    it, in the language of the form the supporter sent (the guide's title and
    the links are that language's too)."""
    with translation.override(signup.language):
        return _queue_guide_email(signup)


def _queue_guide_email(signup: FundraiserSignup) -> OutboundEmail:
    guide = Guide.load()
    context = {
        "signup": signup,
        "welcome_back": signup_is_returning(signup),
        "guide_title": str(guide.title),
        "guide_url": settings.SITE_URL + reverse("fundraising:guide"),
        "has_pdf": bool(guide.pdf),
        "events_email": settings.EVENTS_TEAM_EMAIL,
        "unsubscribe_url": unsubscribe_url(signup) if signup.wants_news else "",
    }
    headers = None
    if signup.wants_news:
        # RFC 8058 one-click: mail clients show "Unsubscribe" and POST to the link.
        headers = {
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    return queue_email(
        GUIDE_EMAIL,
        signup.email,
        context,
        reply_to=settings.EVENTS_TEAM_EMAIL,
        attachments=[guide.pdf] if guide.pdf else None,
        source=signup,
        headers=headers,
        language=signup.language,
    )


def resend_guide(signup: FundraiserSignup) -> OutboundEmail:
    """Queue the guide again, freshly rendered so it carries today's PDF; the new
    message is linked to the last one so staff see it was a resend."""
    with transaction.atomic():
        previous = guide_emails(signup).first()
        email = queue_guide_email(signup)
        if previous is not None:
            email.resent_from = previous
            email.save(update_fields=["resent_from"])
    return email


def guide_emails(signup: FundraiserSignup):
    return OutboundEmail.objects.for_source(signup).filter(template=GUIDE_EMAIL)


def signup_is_returning(signup: FundraiserSignup) -> bool:
    return FundraiserSignup.objects.same_person_before(signup).exists()


def admin_change_url(signup: FundraiserSignup) -> str:
    return settings.SITE_URL + reverse(
        "admin:fundraising_fundraisersignup_change", args=[signup.pk]
    )


# ---------------------------------------------------------------- unsubscribe


def unsubscribe_token(signup: FundraiserSignup) -> str:
    # The token carries only the sign-up's id: an address in a URL ends up in logs.
    # It does not expire: the anti-spam law wants an unsubscribe link to keep working.
    return signing.dumps(signup.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(signup: FundraiserSignup) -> str:
    return settings.SITE_URL + reverse(
        "fundraising:unsubscribe", kwargs={"token": unsubscribe_token(signup)}
    )


def signup_from_token(token: str) -> FundraiserSignup | None:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return FundraiserSignup.objects.filter(pk=pk).first()


def withdraw_news_consent(signup: FundraiserSignup) -> int:
    """Stop news to this supporter's address, on every sign-up it made: someone
    who unsubscribes means the person, not one form they sent. Returns how many
    sign-ups changed; running it twice changes nothing the second time."""
    return (
        FundraiserSignup.objects.for_address(signup.email)
        .filter(news_consent=True, consent_withdrawn_at__isnull=True)
        .update(consent_withdrawn_at=timezone.now())
    )
