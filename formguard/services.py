from django.db import IntegrityError, transaction

from formguard.models import SpentToken


def spend_once(nonce: str) -> bool:
    """Mark a form token used; False when it already was (a resubmission).

    Call it inside the transaction that saves the submission, so the token is
    spent exactly when the submission is stored.
    """
    try:
        with transaction.atomic():
            SpentToken.objects.create(nonce=nonce)
    except IntegrityError:
        return False
    return True
