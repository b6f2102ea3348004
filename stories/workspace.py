"""Which stories need an editor's attention, for the admin home page and
the story list's "Needs attention" filter (one rule each, used by both)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from stories.models import Story, StoryReview

CONSENT_WARNING_DAYS = 30


def drafts_by(user):
    """Unpublished drafts this person created (the first version is theirs)."""
    created_by_user = Story.history.filter(history_type="+", history_user=user).values("id")
    return Story.objects.filter(state=Story.State.DRAFT, pk__in=created_by_user)


def in_review_by(user):
    """Stories this person submitted that wait for a Publisher."""
    pending = StoryReview.objects.filter(status=StoryReview.Status.PENDING, submitted_by=user)
    return Story.objects.filter(pk__in=pending.values("story_id"))


def awaiting_review():
    """Stories submitted for review and not yet published or returned."""
    pending = StoryReview.objects.filter(status=StoryReview.Status.PENDING)
    return Story.objects.filter(pk__in=pending.values("story_id"))


def scheduled(now: datetime.datetime | None = None):
    """Stories set to go live at a time still to come."""
    now = now or timezone.now()
    return Story.objects.exclude(state=Story.State.DRAFT).filter(publish_at__gt=now)


def consent_expiring(today: datetime.date | None = None, days: int = CONSENT_WARNING_DAYS):
    """Stories on (or going to) the site whose consent ends within ``days``."""
    today = today or timezone.localdate()
    return Story.objects.exclude(state=Story.State.DRAFT).filter(
        identifies_nobody=False,
        consent_expires_on__gt=today,
        consent_expires_on__lte=today + datetime.timedelta(days),
    )


def hidden_by_consent(now: datetime.datetime | None = None):
    """Published or scheduled stories that visitors cannot see for want of
    consent: none recorded, or it has expired."""
    valid = Story.objects.with_valid_consent(now).values("pk")
    return Story.objects.exclude(state=Story.State.DRAFT).exclude(pk__in=valid)


ATTENTION = {
    "my_drafts": ("My drafts", lambda request: drafts_by(request.user)),
    "in_review": ("My stories in review", lambda request: in_review_by(request.user)),
    "awaiting_review": ("Awaiting review", lambda request: awaiting_review()),
    "scheduled": ("Scheduled next", lambda request: scheduled()),
    "consent_expiring": (
        f"Consent expiring within {CONSENT_WARNING_DAYS} days",
        lambda request: consent_expiring(),
    ),
    "hidden_by_consent": ("Hidden by consent", lambda request: hidden_by_consent()),
}
