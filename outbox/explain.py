"""What a delivery problem means, in words staff can act on.

The outbox records the SMTP server's reply verbatim (``last_error``); staff
reading "550 5.1.1 <x@example.org>: Recipient address rejected: User unknown in
virtual mailbox table" need to know that the address does not exist and what
to do about it. This module turns a message's state and error into one plain
phrase ("retrying, attempt 2, next try 13:45", "failed after 24 hours") and an
explanation with the next step, and says which team owns a message, so that
team is told when it fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import ngettext

from config.teams import OWNERS, team_inbox
from formguard.cleaning import same_mailbox
from formguard.ratelimit import describe_wait
from outbox.delivery import GIVE_UP_AFTER
from outbox.models import OutboundEmail

State = OutboundEmail.State


@dataclass(frozen=True)
class Explanation:
    summary: str
    next_step: str
    # The address itself is wrong: staff should correct it before resending.
    address_problem: bool = False
    # Trying again later may work without anyone changing anything.
    transient: bool = False


def owner_of(email: OutboundEmail):
    """The team that owns the message's record (``config.teams.Owner``), or None."""
    if email.source_type_id is None:
        return None
    content_type = ContentType.objects.get_for_id(email.source_type_id)
    return OWNERS.get(f"{content_type.app_label}.{content_type.model}")


def _code(error: str) -> tuple[int | None, str]:
    """The SMTP reply code and enhanced status code found in an error text."""
    reply = re.search(r"\b([245]\d\d)\b", error)
    enhanced = re.search(r"\b([245]\.\d{1,3}\.\d{1,3})\b", error)
    return (int(reply[1]) if reply else None, enhanced[1] if enhanced else "")


def explain_error(error: str, record: str = "the record", resend: str = "resend it") -> Explanation:
    """Plain words for an SMTP reply or a connection problem, with the next step.

    :param record: what the message belongs to ("the sign-up"), named in the next step.
    :param resend: the action that sends it again ("resend the guide").
    """
    text = error.lower()
    code, enhanced = _code(error)

    def wrong_address(summary: str) -> Explanation:
        next_step = f"Correct the address on {record}, then {resend}."
        return Explanation(summary, next_step, address_problem=True)

    address_words = ("user unknown", "no such user", "does not exist", "mailbox unavailable")
    if enhanced in {"5.1.1", "5.1.0"} or any(words in text for words in address_words):
        return wrong_address(
            "The address does not exist: the receiving server has no mailbox by that name."
        )
    if enhanced in {"5.1.2", "5.4.4"} or "domain not found" in text or "host unknown" in text:
        return wrong_address(
            "The part of the address after @ is not a mail domain (often a typing mistake)."
        )
    if enhanced == "5.1.3" or "bad recipient address syntax" in text:
        return wrong_address("The address is not written correctly.")
    if enhanced in {"5.2.2", "4.2.2"} or "mailbox full" in text or "quota" in text:
        return Explanation(
            "The recipient's mailbox is full.",
            f"Wait a few days and {resend}, or reach them another way.",
            transient=True,
        )
    if enhanced.startswith("5.7") or any(w in text for w in ("spam", "blocked", "policy")):
        return Explanation(
            "The receiving server refused the message by its policy (it may take it for spam).",
            "Ask the site operators to check the sending domain's SPF and DKIM records, "
            f"then {resend}.",
        )
    if "smtpauthenticationerror" in text or code == 535:
        return Explanation(
            "Our mail relay refused the site's sign-in, so nothing could be sent.",
            f"Ask the site operators to check EMAIL_URL; then {resend}.",
            transient=True,
        )
    if any(
        w in text
        for w in ("connectionrefused", "timeout", "timed out", "serverdisconnected", "oserror")
    ):
        return Explanation(
            "Our mail relay could not be reached.",
            "The site keeps trying by itself; if this lasts, ask the site operators to check "
            "the mail relay.",
            transient=True,
        )
    if "attachment" in text or "no such file" in text or "filenotfound" in text:
        return Explanation(
            "A file the message attaches is missing.",
            f"Upload the file again, then {resend}.",
        )
    if code is not None and 400 <= code < 500:
        return Explanation(
            "The receiving server asked us to try again later.",
            "The site keeps trying by itself; nothing to do unless it fails.",
            transient=True,
        )
    if code is not None and code >= 500:
        return Explanation(
            "The receiving server refused the message.",
            f"Check the address on {record}; if it is right, {resend} or reach them another way.",
        )
    return Explanation(
        "The message could not be delivered.",
        f"The site retries by itself; if it fails, {resend} or ask the site operators.",
        transient=True,
    )


def explain(email: OutboundEmail) -> Explanation | None:
    """The explanation for a message with a problem; None when all is well."""
    if not email.last_error or email.state == State.SENT:
        return None
    owner = owner_of(email)
    record = owner.record if owner else "the record"
    resend = "resend the guide" if email.template == "fundraising_guide" else "resend it"
    return explain_error(email.last_error, record, resend)


def _clock(moment) -> str:
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return f"{local:%H:%M}"
    return f"{local:%Y-%m-%d %H:%M}"


def attempt_count(attempts: int) -> str:
    """'1 attempt', '7 attempts'."""
    return ngettext("%(n)d attempt", "%(n)d attempts", attempts) % {"n": attempts}


def plain_state(email: OutboundEmail, now=None) -> str:
    """One phrase: "sent 09:12", "retrying, attempt 2, next try 13:45", "failed after 24 hours"."""
    now = now or timezone.now()
    if email.state == State.SENT:
        return f"sent {_clock(email.sent_at)}" if email.sent_at else "sent"
    if email.state == State.SENDING:
        return f"sending, attempt {email.attempts}"
    if email.state == State.QUEUED:
        if not email.attempts:
            return "queued"
        when = f", next try {_clock(email.next_attempt_at)}" if email.next_attempt_at else ""
        return f"retrying, attempt {email.attempts + 1}{when}"
    gave_up_after = GIVE_UP_AFTER * settings.OUTBOX_RETRY_SCALE
    attempts = attempt_count(email.attempts)
    if email.attempts > 1 and now - email.created_at >= gave_up_after:
        return f"failed after {describe_wait(round(gave_up_after.total_seconds()))} ({attempts})"
    return f"failed: refused at once ({attempts})" if email.attempts else "failed"


def needing_attention():
    """Failed and retrying messages, newest first."""
    return OutboundEmail.objects.needing_attention().order_by("-created_at")


def failure_notice_recipients(email: OutboundEmail, admin_url: str) -> list[tuple[str, dict]]:
    """Who hears that ``email`` failed, each with the notice's context: the
    operators, and the owning team at its usual inbox, which gets a link to
    the record itself (where it can correct and resend) and the next step."""
    explanation = explain(email)
    context = {"email": email, "admin_url": admin_url, "explanation": explanation}
    recipients = {address: context for _name, address in settings.ADMINS}
    owner = owner_of(email)
    if owner is not None:
        inbox = team_inbox(owner.team)
        # The team's own notification bouncing would bounce again at the same address.
        if inbox and not same_mailbox(inbox, email.to):
            record_url = _record_admin_url(email) or admin_url
            recipients[inbox] = {**context, "admin_url": record_url, "team": owner.team}
    return list(recipients.items())


def _record_admin_url(email: OutboundEmail) -> str:
    content_type = email.source_type
    try:
        return reverse(
            f"admin:{content_type.app_label}_{content_type.model}_change", args=[email.source_id]
        )
    except NoReverseMatch:
        return ""
