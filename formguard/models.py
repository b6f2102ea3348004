from django.db import models

from formguard.cleaning import canonical_email


def delete_unlocked(queryset) -> None:
    """Delete the rows of ``queryset`` that no other transaction holds.

    Every form POST prunes old rows; two at once would otherwise queue on the
    same rows, and two deletes locking them in different orders can deadlock.
    A row skipped now goes with the next POST.
    """
    unlocked = queryset.select_for_update(skip_locked=True).values("pk")
    queryset.model.objects.filter(pk__in=unlocked).delete()


class SpentToken(models.Model):
    """A one-time form token that has been used: a refresh or a double click
    re-sends the same token, and finds it here. Rows older than a token's life
    are pruned (``formguard.services.spend_once``): such a token is refused
    for its age anyway."""

    nonce = models.CharField(max_length=64, primary_key=True)
    spent_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.nonce


class FormSubmission(models.Model):
    """One POST to a public form, counted toward FORM_RATE_LIMIT.

    Kept in the database every app process shares, so the limit holds across
    gunicorn workers and servers; only the keyed hash of the client's network
    is stored, and rows go once they are older than the window.
    """

    scope = models.CharField(max_length=40)
    client = models.CharField(max_length=32, help_text="formguard.client.client_key")
    at = models.DateTimeField(db_index=True)
    accepted = models.BooleanField(help_text="False when the limit held it back.")

    class Meta:
        indexes = [models.Index(fields=["scope", "client", "at"], name="formguard_submission_idx")]

    def __str__(self):
        return f"{self.scope} {self.client} {self.at:%Y-%m-%d %H:%M:%S}"


class SubmissionQuerySet(models.QuerySet):
    def genuine(self):
        return self.filter(is_spam=False)

    def for_address(self, address: str):
        """Everything sent from this address, by its canonical form: never SQL
        ``UPPER()``, which makes ``ı`` and ``i`` one letter."""
        return self.filter(email_canonical=canonical_email(address))

    def mark_spam(self, reason: str) -> int:
        """Mark the genuine ones as spam; returns how many changed."""
        return self.genuine().update(is_spam=True, spam_reason=reason)


class Submission(models.Model):
    """What every public form's record shares: the sender's address in
    canonical form (for "is this the same person?") and the spam flag.

    A concrete model defines its own ``email`` field; ``save()`` keeps
    ``email_canonical`` in step with it.
    """

    STAFF_SPAM_REASON = "marked by staff"

    email_canonical = models.CharField(
        max_length=254,
        default="",
        editable=False,
        db_index=True,
        help_text="The address as compared: domain in IDNA, ASCII letters in lower case.",
    )
    is_spam = models.BooleanField(
        "spam",
        default=False,
        help_text="Kept, never emailed: the form's spam checks caught it, or staff marked it.",
    )
    spam_reason = models.CharField(
        max_length=40,
        blank=True,
        help_text="Why it was taken for spam (honeypot filled in, sent too fast), "
        "or 'marked by staff'.",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.email_canonical = canonical_email(self.email)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "email" in update_fields:
            kwargs["update_fields"] = {*update_fields, "email_canonical"}
        super().save(*args, **kwargs)

    def mark_spam(self, reason: str) -> None:
        self.is_spam = True
        self.spam_reason = reason
