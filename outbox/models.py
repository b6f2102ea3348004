"""The record of every email the site sends on a visitor's behalf.

A row is written in the same transaction as the submission that causes it,
so a message exists exactly when its submission does; the worker then moves
it from ``queued`` through ``sending`` to ``sent`` (or ``failed``).
"""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q


class OutboundEmailQuerySet(models.QuerySet):
    def for_source(self, obj: models.Model) -> OutboundEmailQuerySet:
        """The messages that belong to ``obj``, newest first."""
        return self.filter(
            source_type=ContentType.objects.get_for_model(obj), source_id=str(obj.pk)
        ).order_by("-created_at")

    def retrying(self) -> OutboundEmailQuerySet:
        """Queued again after at least one failed attempt."""
        return self.filter(state=OutboundEmail.State.QUEUED, attempts__gt=0)

    def needing_attention(self) -> OutboundEmailQuerySet:
        """Failed for good, or retrying, and not resent since: what staff should look at."""
        return self.filter(
            Q(state=OutboundEmail.State.FAILED)
            | Q(state=OutboundEmail.State.QUEUED, attempts__gt=0),
            resends__isnull=True,
        )


class OutboundEmail(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "queued"
        SENDING = "sending", "sending"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"

    template = models.CharField(
        max_length=100, help_text="Name under templates/emails/ the message was rendered from."
    )
    to = models.CharField("to", max_length=320)
    reply_to = models.CharField(max_length=320, blank=True)
    subject = models.CharField(max_length=255)
    body_text = models.TextField("plain-text body")
    body_html = models.TextField("HTML body", blank=True)
    attachments = models.JSONField(
        default=list,
        blank=True,
        help_text="Names of files in the default storage, read when the message is sent.",
    )

    extra_headers = models.JSONField(
        default=dict,
        blank=True,
        help_text="Further headers the message carries, such as List-Unsubscribe.",
    )

    source_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    state = models.CharField(
        max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the worker next tries to deliver a queued message.",
    )
    sending_started_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the current attempt began; a message left in 'sending' much longer "
        "than the SMTP timeout belongs to a worker that died and is retried.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(
        "Message-ID",
        max_length=255,
        unique=True,
        help_text="Set when queued and reused on every attempt, so a receiving server "
        "can recognise a repeat.",
    )
    resent_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="resends"
    )

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "email"
        verbose_name_plural = "emails"
        indexes = [
            models.Index(
                fields=["state", "next_attempt_at"],
                name="outbox_waiting_idx",
                condition=Q(state__in=["queued", "sending"]),
            ),
            models.Index(fields=["source_type", "source_id"], name="outbox_source_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="sent") | Q(sent_at__isnull=False),
                name="outbox_sent_has_sent_at",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    @property
    def status_summary(self) -> str:
        """One phrase for staff: "sent", "queued (attempt 2)", "failed: <error>"."""
        if self.state == self.State.FAILED:
            return f"failed: {self.last_error}" if self.last_error else "failed"
        if self.state == self.State.QUEUED and self.attempts:
            return f"queued (attempt {self.attempts + 1})"
        if self.state == self.State.SENDING:
            return f"sending (attempt {self.attempts})"
        return self.get_state_display()
