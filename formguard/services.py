from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

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
