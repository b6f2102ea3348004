"""A purge of the edge cache: recorded first, made by the worker, retried until it succeeds."""

from __future__ import annotations

from django.db import models


class Purge(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    keys = models.JSONField(default=list, help_text="Surrogate keys of the pages to purge.")
    paths = models.JSONField(
        default=list, help_text="The same pages' addresses, for caches that purge by URL."
    )
    reason = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"], name="purge_state_created_idx")]

    def __str__(self):
        return f"Purge of {' '.join(self.keys)[:80]}"
