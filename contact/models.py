"""The media-relations card journalists see, and the inquiries they send."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from config.languages import language_field
from config.singletons import SingletonModel
from formguard.cleaning import tel_uri, validate_phone_number
from formguard.models import Submission, SubmissionQuerySet

# Shipped until staff edit the card: a made-up person, an example.org address
# and a 555 number, never anyone's real details.
DEFAULT_CARD = {
    "name": "Jordan Avery",
    "title": "Director of Marketing and Public Relations",
    "email": "media@example.org",
    "phone": "+1 555-010-0199",
    "extension": "204",
}

extension_validator = RegexValidator(r"^[0-9]{1,8}$", "An extension is up to 8 digits.")


class MediaContact(SingletonModel):
    """The one media-relations card shown beside the form and named in the
    acknowledgement; staff edit it."""

    name = models.CharField(max_length=120)
    title = models.CharField(max_length=160)
    email = models.EmailField(
        max_length=254,
        help_text="Shown to journalists, and receives the inquiry notifications unless "
        "MEDIA_TEAM_EMAIL is set.",
    )
    phone = models.CharField(
        max_length=30,
        validators=[validate_phone_number],
        help_text="With the country code, e.g. +1 555-010-0199.",
    )
    extension = models.CharField(max_length=8, blank=True, validators=[extension_validator])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(SingletonModel.Meta):
        verbose_name = "media contact card"
        verbose_name_plural = "media contact card"

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"

    @classmethod
    def default_values(cls) -> dict:
        return DEFAULT_CARD

    @property
    def phone_display(self) -> str:
        return f"{self.phone}, ext. {self.extension}" if self.extension else self.phone

    @property
    def tel_href(self) -> str:
        return tel_uri(self.phone, self.extension)


class MediaInquiryQuerySet(SubmissionQuerySet):
    def mark_spam(self, reason: str) -> int:
        # update() skips auto_now, and updated_at says when staff last changed it.
        return self.genuine().update(is_spam=True, spam_reason=reason, updated_at=timezone.now())


class MediaInquiry(Submission):
    """One journalist's message through /media-contact/. No IP address is kept."""

    class State(models.TextChoices):
        NEW = "new", "new"
        IN_PROGRESS = "in_progress", "in progress"
        ANSWERED = "answered", "answered"
        CLOSED = "closed", "closed"

    OPEN_STATES = (State.NEW, State.IN_PROGRESS)
    DUE_SOON = timedelta(hours=24)

    name = models.CharField(max_length=200)
    email = models.EmailField(max_length=254)
    outlet = models.CharField("media outlet", max_length=200)
    topic = models.CharField(max_length=200)
    message = models.TextField()
    phone = models.CharField(max_length=40, blank=True)
    deadline = models.DateTimeField(
        null=True, blank=True, help_text="When the journalist needs an answer by, if they said."
    )
    language = language_field(
        "The language of the form the journalist sent; the acknowledgement goes out in it."
    )

    state = models.CharField(max_length=12, choices=State.choices, default=State.NEW)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="media_inquiries",
        help_text="Who on the media team is answering.",
    )
    internal_notes = models.TextField(
        blank=True, help_text="For the media team only; never sent to the journalist."
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MediaInquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "media inquiry"
        verbose_name_plural = "media inquiries"
        indexes = [models.Index(fields=["state", "-received_at"], name="contact_inquiry_state_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.outlet}): {self.topic}"

    def admin_url(self) -> str:
        """Absolute link to the inquiry in the admin, for the notification email."""
        path = reverse("admin:contact_mediainquiry_change", args=[self.pk])
        return settings.SITE_URL + path

    def deadline_status(self, now: datetime | None = None) -> str:
        """'overdue', 'due-soon' (within 24 hours) or '' for an inquiry still open."""
        if self.deadline is None or self.is_spam or self.state not in self.OPEN_STATES:
            return ""
        now = now or timezone.now()
        if self.deadline < now:
            return "overdue"
        if self.deadline <= now + self.DUE_SOON:
            return "due-soon"
        return ""


class InquiryNote(models.Model):
    """One entry in an inquiry's internal log: who wrote what, and when.
    Entries are added, never edited, so no one's note is overwritten."""

    inquiry = models.ForeignKey(MediaInquiry, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(max_length=5000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "internal note"

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M}: {self.text[:60]}"

    @property
    def written_at(self) -> str:
        """When, as staff read it in the site's time zone."""
        return timezone.localtime(self.created_at).strftime("%Y-%m-%d %H:%M")

    @property
    def author_name(self) -> str:
        """Who wrote it; a dash once their account is gone."""
        if self.author is None:
            return "—"
        return self.author.get_full_name() or self.author.get_username()

    def personal_data(self) -> dict:
        """The note as the person it is about receives it (config.personal_data)."""
        return {"written_at": self.written_at, "author": self.author_name, "text": self.text}
