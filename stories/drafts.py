"""A story's working draft, its saved versions, its review requests and consent withdrawals.

The live ``Story`` rows (with their themes, figures and quotes) stay exactly
what visitors see, so every visibility and caching rule keeps working
unchanged. Once a story has a live version (published or scheduled), editing
it writes a *snapshot* of the whole story (fields and related rows, as JSON)
into its one ``StoryDraft``; publishing copies the snapshot onto the live rows.
A story that was never published has no live version to protect: its own rows
are the working copy. Every deliberate save leaves a ``StoryRevision`` with the
same snapshot, for comparing and reverting.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

# The story's own fields a snapshot carries (the publishing state and times are
# not content: they belong to the live row and change only by publishing).
SNAPSHOT_FIELDS = [
    "headline",
    "slug",
    "summary",
    "body",
    "hero_image",
    "clip",
    "country",
    "expire_at",
    "consent_obtained_on",
    "consent_scope",
    "consent_expires_on",
    "pseudonym_used",
    "identifies_nobody",
    "seo_title",
    "seo_description",
]
FOREIGN_KEYS = {"hero_image", "clip", "country"}
DATE_FIELDS = {"consent_obtained_on", "consent_expires_on"}
DATETIME_FIELDS = {"expire_at"}
FIGURE_FIELDS = ["number", "label", "position"]
QUOTE_FIELDS = ["text", "attribution", "verbatim", "position"]


def _to_json(name, value):
    if value is None:
        return None
    if name in FOREIGN_KEYS:
        return value if isinstance(value, int) else value.pk
    if name in DATE_FIELDS | DATETIME_FIELDS:
        return value.isoformat()
    return value


def _from_json(name, value):
    if value is None or value == "":
        return None if name in FOREIGN_KEYS | DATE_FIELDS | DATETIME_FIELDS else value
    if name in DATE_FIELDS:
        return datetime.date.fromisoformat(value)
    if name in DATETIME_FIELDS:
        return datetime.datetime.fromisoformat(value)
    return value


def snapshot_of_story(story) -> dict:
    """The story as its rows hold it now."""
    fields = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(story, f"{name}_id") if name in FOREIGN_KEYS else getattr(story, name)
        fields[name] = _to_json(name, value)
    return {
        "fields": fields,
        "themes": sorted(theme.pk for theme in story.themes.all()),
        "impact_figures": [
            {name: getattr(figure, name) for name in FIGURE_FIELDS}
            for figure in story.impact_figures.all()
        ],
        "pull_quotes": [
            {name: getattr(quote, name) for name in QUOTE_FIELDS}
            for quote in story.pull_quotes.all()
        ],
    }


def snapshot_from_form(form, formsets) -> dict:
    """What a valid story form and its inline formsets hold, unsaved."""
    fields = {
        name: _to_json(name, form.cleaned_data.get(name))
        for name in SNAPSHOT_FIELDS
        if name in form.cleaned_data
    }
    content = {
        "fields": fields,
        "themes": sorted(theme.pk for theme in form.cleaned_data.get("themes") or []),
    }
    for formset in formsets:
        names = FIGURE_FIELDS if formset.model._meta.model_name == "impactfigure" else QUOTE_FIELDS
        rows = []
        for row_form in formset.forms:
            data = getattr(row_form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            rows.append({name: data.get(name) for name in names})
        rows.sort(key=lambda row: row["position"] or 0)
        content[formset.prefix] = rows
    return content


def field_values(content: dict) -> dict:
    """The snapshot's fields as model values (dates parsed), keyed as on the model."""
    return {name: _from_json(name, content["fields"].get(name)) for name in content["fields"]}


def apply_snapshot(story, content: dict) -> None:
    """Make the story's rows hold ``content``: fields, themes, figures and quotes."""
    from stories.models import ImpactFigure, PullQuote

    for name, value in field_values(content).items():
        setattr(story, f"{name}_id" if name in FOREIGN_KEYS else name, value)
    story.save()
    story.themes.set(content.get("themes", []))
    for model, key, names in (
        (ImpactFigure, "impact_figures", FIGURE_FIELDS),
        (PullQuote, "pull_quotes", QUOTE_FIELDS),
    ):
        existing = list(model.objects.filter(story=story).order_by("position", "pk"))
        wanted = content.get(key, [])
        # Rows are matched by order, so an unchanged figure keeps its row and
        # its history says nothing happened to it.
        for row, values in zip(existing, wanted, strict=False):
            if any(getattr(row, name) != values.get(name) for name in names):
                for name in names:
                    setattr(row, name, values.get(name))
                row.save()
        for row in existing[len(wanted) :]:
            row.delete()
        for values in wanted[len(existing) :]:
            model.objects.create(story=story, **{name: values.get(name) for name in names})


class StoryDraft(models.Model):
    """The working copy of a story that has a live version: at most one per story."""

    shown_on_pages = False  # saving one leaves the page cache alone

    story = models.OneToOneField("stories.Story", on_delete=models.CASCADE, related_name="draft")
    content = models.JSONField()
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    autosaved = models.BooleanField(default=False)
    # Set by "Schedule" on a live story: the draft replaces the live version then.
    go_live_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "story draft"

    def __str__(self):
        return f"Draft of {self.story}"


class StoryRevision(models.Model):
    """One saved version of a story (a snapshot), for history, compare and revert."""

    shown_on_pages = False  # saving one leaves the page cache alone

    class Event(models.TextChoices):
        CREATED = "created", "Created"
        SAVED = "saved", "Draft saved"
        SUBMITTED = "submitted", "Submitted for review"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        REVERTED = "reverted", "Reverted"
        DISCARDED = "discarded", "Draft discarded"

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="revisions")
    content = models.JSONField()
    event = models.CharField(max_length=12, choices=Event.choices)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["story", "-created_at"], name="storyrevision_story_idx")]

    def __str__(self):
        return f"{self.get_event_display()} {self.created_at:%Y-%m-%d %H:%M}"


class StoryReview(models.Model):
    """A request that a Publisher look at the working copy, and its outcome."""

    shown_on_pages = False  # saving one leaves the page cache alone

    class Status(models.TextChoices):
        PENDING = "pending", "In review"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned with comments"
        CANCELLED = "cancelled", "Cancelled"

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["story"],
                condition=models.Q(status="pending"),
                name="one_pending_review_per_story",
            )
        ]

    def __str__(self):
        return f"{self.get_status_display()}: {self.story}"


class ConsentWithdrawal(models.Model):
    """The record that a person withdrew consent: who took it down, when, and why."""

    shown_on_pages = False  # saving one leaves the page cache alone

    story = models.ForeignKey(
        "stories.Story", on_delete=models.CASCADE, related_name="consent_withdrawals"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self):
        return f"Consent withdrawn for {self.story} on {self.recorded_at:%Y-%m-%d}"


class EditingPresence(models.Model):
    """Who has a story's change form open: refreshed by the form's heartbeat."""

    shown_on_pages = False  # saving one leaves the page cache alone

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="one_presence_per_editor")
        ]

    def __str__(self):
        return f"{self.user} on {self.story}"
