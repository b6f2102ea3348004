from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from formguard.forms import TOKEN_MAX_AGE
from formguard.models import SpentToken, delete_unlocked


def spend_once(nonce: str) -> bool:
    """Mark a form token used; False when it already was (a resubmission).

    Call it inside the transaction that saves the submission, so the token is
    spent exactly when the submission is stored. Rows spent more than a
    token's life ago go at the same time: such a token is older still, and
    refused for its age before anyone looks here.
    """
    life = timedelta(seconds=TOKEN_MAX_AGE)
    delete_unlocked(SpentToken.objects.filter(spent_at__lt=timezone.now() - life))
    try:
        with transaction.atomic():
            SpentToken.objects.create(nonce=nonce)
    except IntegrityError:
        return False
    return True


def submission_language() -> str:
    """The active language if the site has it (the URL's: see docs/translation.md), else the default."""
    language = translation.get_language() or ""
    if language in dict(settings.LANGUAGES):
        return language
    return settings.LANGUAGE_CODE


def save_submission(form, *, send: Callable, prepare: Callable | None = None):
    """Save a valid public form's record and, unless it is spam, queue its
    emails with ``send(record)``, all in one transaction; ``prepare(record)``
    fills in what the form does not, just before the save.

    Returns None when the form's one-time token was already spent (a refresh
    or a double click): the first submission stands and nothing is sent
    twice. Spam is kept, marked and never emailed, so the sender cannot tell
    it was caught.
    """
    with transaction.atomic():
        if not spend_once(form.nonce):
            return None
        record = form.save(commit=False)
        if hasattr(record, "language"):
            # The language of the page the form was sent from: the emails to
            # the sender and what staff see of it follow it.
            record.language = submission_language()
        if form.spam_reason:
            record.mark_spam(form.spam_reason)
        if prepare is not None:
            prepare(record)
        record.save()
        if not record.is_spam:
            send(record)
    return record
