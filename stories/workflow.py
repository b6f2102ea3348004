"""The editorial workflow, stated once: save a draft, submit it for review,
publish or schedule it, return it, discard it, revert to a version, withdraw consent.

The admin calls these; each runs in one transaction with the story row locked,
so two Publishers pressing "Publish" at once publish once. Emails go through
the outbox inside the same transaction: if the step rolls back, no one is told.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from outbox.services import queue_email
from stories.drafts import apply_snapshot, field_values, snapshot_of_story
from stories.models import (
    ConsentWithdrawal,
    EditingPresence,
    Story,
    StoryDraft,
    StoryReview,
    StoryRevision,
)

PUBLISH_PERMISSION = "stories.publish_story"
PRESENCE_SECONDS = 90  # a form whose heartbeat is older than this is closed


class WorkflowError(Exception):
    """A step that may not happen now; the message says why, for the editor."""


@dataclass
class Saved:
    at: datetime.datetime
    by: object
    token: str


def review_required() -> bool:
    return settings.STORY_REVIEW == "required"


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION) or not review_required()


def has_live_version(story) -> bool:
    """Published or scheduled: its rows are what visitors see (or will), so edits go to a draft."""
    return story.state in (Story.State.PUBLISHED, Story.State.SCHEDULED)


def current_draft(story):
    try:
        return story.draft
    except StoryDraft.DoesNotExist:
        return None


def pending_review(story):
    return story.reviews.filter(status=StoryReview.Status.PENDING).first()


def working_content(story) -> dict:
    """What the editor works on: the draft if there is one, else the story's rows."""
    draft = current_draft(story)
    return draft.content if draft else snapshot_of_story(story)


def edit_token(story) -> str:
    """Changes whenever the working copy is saved; a form carries the one it was loaded with."""
    draft = current_draft(story)
    moment = draft.updated_at if draft else story.updated_at
    return moment.isoformat() if moment else ""


def last_saved(story) -> Saved:
    draft = current_draft(story)
    if draft:
        return Saved(draft.updated_at, draft.updated_by, edit_token(story))
    revision = story.revisions.select_related("created_by").first()
    by = revision.created_by if revision else None
    if by is None:
        record = story.history.select_related("history_user").first()
        by = record.history_user if record else None
    return Saved(story.updated_at, by, edit_token(story))


def candidate(story, content: dict):
    """An unsaved copy of the story holding ``content``'s fields, for checks."""
    copy_ = copy.copy(story)
    for name, value in field_values(content).items():
        setattr(copy_, f"{name}_id" if name in ("hero_image", "clip", "country") else name, value)
    return copy_


def publishing_problems(story, content: dict, state=Story.State.PUBLISHED, publish_at=None):
    trial = candidate(story, content)
    trial.state = state
    if publish_at is not None:
        trial.publish_at = publish_at
    elif state == Story.State.PUBLISHED:
        trial.publish_at = story.publish_at if story.publish_at else timezone.now()
    problems = trial.publishing_problems(state=state)
    if not (trial.headline_en or trial.headline_fr):
        problems.append("Write the headline in English or in French before publishing.")
    for code, language in (("en", "English"), ("fr", "French")):
        slug = getattr(trial, f"slug_{code}")
        if slug and Story.objects.exclude(pk=story.pk).filter(**{f"slug_{code}": slug}).exists():
            problems.append(
                f"Another story already uses the {language} address “{slug}”; change the slug."
            )
    return problems


def _lock(story) -> Story:
    return Story.objects.select_for_update().get(pk=story.pk)


def _revision(story, content, event, user, note=""):
    return StoryRevision.objects.create(
        story=story, content=content, event=event, created_by=user, note=note[:300]
    )


# ---------------------------------------------------------------- saving


def save_working_copy(story, content: dict, user, *, autosave=False, revision=True) -> None:
    """Keep ``content`` as the working copy: the draft for a live story, else the rows."""
    with transaction.atomic():
        story = _lock(story)
        if not story.revisions.exists():
            # Stories made before versions were kept: the first edit keeps the
            # old state too, so it can be compared with and reverted to.
            _revision(
                story, snapshot_of_story(story), StoryRevision.Event.CREATED, None, "as it was"
            )
        if has_live_version(story) or autosave:
            # Autosaves of a story never published go to a draft too, so the
            # story's own history records deliberate saves only.
            StoryDraft.objects.update_or_create(
                story=story,
                defaults={
                    "content": content,
                    "updated_at": timezone.now(),
                    "updated_by": user,
                    "autosaved": autosave,
                },
            )
        else:
            story._change_reason = "Edited in the admin"
            apply_snapshot(story, content)
            StoryDraft.objects.filter(story=story).delete()
        if revision and not autosave:
            _revision(story, content, StoryRevision.Event.SAVED, user)


def discard_draft(story, user) -> bool:
    with transaction.atomic():
        story = _lock(story)
        draft = current_draft(story)
        if draft is None:
            return False
        _revision(story, draft.content, StoryRevision.Event.DISCARDED, user)
        draft.delete()
        _close_review(story, StoryReview.Status.CANCELLED, user, "The draft was discarded.")
        return True


# ---------------------------------------------------------------- publishing


def publish(story, user, *, publish_at=None) -> Story:
    """Make the working copy the live version, now or (with ``publish_at``) at that time."""
    if not can_publish(user):
        raise WorkflowError("You can submit this story for review; a Publisher publishes it.")
    now = timezone.now()
    scheduled = publish_at is not None and publish_at > now
    with transaction.atomic():
        story = _lock(story)
        draft = current_draft(story)
        if draft is None and story.state == Story.State.PUBLISHED and not scheduled:
            # Two Publishers pressing at once: the second finds the work done.
            raise WorkflowError("Already live: there is no draft to publish.")
        content = draft.content if draft else snapshot_of_story(story)
        state = Story.State.SCHEDULED if scheduled else Story.State.PUBLISHED
        problems = publishing_problems(story, content, state, publish_at if scheduled else None)
        if problems:
            raise WorkflowError(" ".join(problems))
        review = pending_review(story)
        if scheduled and story.state == Story.State.PUBLISHED and story.is_visible():
            # The live version stays until the time comes; the worker swaps them then.
            # Saving go_live_at queues the swap (stories.signals, then tasks).
            StoryDraft.objects.update_or_create(
                story=story,
                defaults={
                    "content": content,
                    "go_live_at": publish_at,
                    "updated_by": user,
                    "updated_at": now,
                },
            )
            event = StoryRevision.Event.SCHEDULED
        else:
            story.state = state
            if scheduled:
                story.publish_at = publish_at
            elif not story.publish_at or story.publish_at > now:
                story.publish_at = now
            story.consent_withdrawn_at = None  # publishing_problems checked new consent
            story._change_reason = "Published from the draft"
            apply_snapshot(story, content)
            if draft:
                draft.delete()
            event = StoryRevision.Event.SCHEDULED if scheduled else StoryRevision.Event.PUBLISHED
        note = f"for {timezone.localtime(publish_at):%Y-%m-%d %H:%M %Z}" if scheduled else ""
        _revision(story, content, event, user, note)
        if review:
            _close_review(story, StoryReview.Status.APPROVED, user, "", review=review)
            _tell_author(review, "stories_review_approved", user, scheduled_for=publish_at)
        return story


def publish_scheduled_draft(story_id: int) -> bool:
    """Swap a live story's scheduled draft in, once its time has come (run by the worker)."""
    with transaction.atomic():
        story = Story.objects.select_for_update().filter(pk=story_id).first()
        draft = current_draft(story) if story else None
        if draft is None or draft.go_live_at is None or draft.go_live_at > timezone.now():
            return False
        if publishing_problems(story, draft.content):
            return False  # consent lapsed meanwhile: the draft waits for an editor
        story._change_reason = "Scheduled draft went live"
        apply_snapshot(story, draft.content)
        _revision(story, draft.content, StoryRevision.Event.PUBLISHED, None, "as scheduled")
        draft.delete()
        return True


def unpublish(story, user) -> None:
    """Take a story off the site; its draft (if any) becomes the story's content."""
    with transaction.atomic():
        story = _lock(story)
        draft = current_draft(story)
        story.state = Story.State.DRAFT
        if draft:
            apply_snapshot(story, draft.content)
            draft.delete()
        else:
            story.save()


# ---------------------------------------------------------------- review


def publisher_addresses() -> list[str]:
    permission = Permission.objects.get(codename="publish_story", content_type__app_label="stories")
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions=permission)
            | Q(groups__permissions=permission)
        )
        .exclude(email="")
        .distinct()
    )
    return sorted({user.email for user in users})


def _admin_url(story) -> str:
    return settings.SITE_URL + reverse("admin:stories_story_change", args=[story.pk])


def _person(user) -> str:
    if user is None:
        return "someone no longer on the team"
    return user.get_full_name() or user.get_username()


def submit_for_review(story, user, comment="") -> StoryReview:
    with transaction.atomic():
        story = _lock(story)
        if pending_review(story):
            raise WorkflowError("This story is already waiting for review.")
        content = working_content(story)
        problems = publishing_problems(story, content)
        if problems:
            raise WorkflowError("Not submitted: " + " ".join(problems))
        review = StoryReview.objects.create(story=story, submitted_by=user, comment=comment)
        _revision(story, content, StoryRevision.Event.SUBMITTED, user, comment)
        context = {
            "headline": content["fields"].get("headline_en")
            or content["fields"].get("headline_fr")
            or story.headline,
            "author": _person(user),
            "comment": comment,
            "admin_url": _admin_url(story),
        }
        for address in publisher_addresses():
            queue_email("stories_review_submitted", address, context, source=review)
        return review


def return_for_changes(story, user, comment: str) -> StoryReview:
    if not user.has_perm(PUBLISH_PERMISSION):
        raise WorkflowError("Only a Publisher can return a story.")
    if not comment.strip():
        raise WorkflowError("Say what needs changing: the author reads your comment.")
    with transaction.atomic():
        story = _lock(story)
        review = pending_review(story)
        if review is None:
            raise WorkflowError("This story is not waiting for review.")
        _close_review(story, StoryReview.Status.RETURNED, user, comment, review=review)
        _tell_author(review, "stories_review_returned", user, comment=comment)
        return review


def _close_review(story, status, user, comment, review=None):
    review = review or pending_review(story)
    if review is None:
        return None
    review.status = status
    review.decided_by = user
    review.decided_at = timezone.now()
    if comment:
        review.comment = comment
    review.save()
    return review


def _tell_author(review, template, decided_by, **extra):
    author = review.submitted_by
    if author is None or not author.email:
        return
    context = {
        "headline": review.story.headline,
        "publisher": _person(decided_by),
        "admin_url": _admin_url(review.story),
        "live_url": review.story.absolute_url,
        **extra,
    }
    queue_email(template, author.email, context, source=review)


def tell_reviewers_of_deletion(story, user) -> None:
    """A story deleted while in review: the Publishers would otherwise look for it."""
    review = pending_review(story)
    if review is None:
        return
    context = {"headline": story.headline, "deleted_by": _person(user)}
    for address in publisher_addresses():
        queue_email("stories_review_deleted", address, context)


# ---------------------------------------------------------------- consent


def withdraw_consent(story, user, note="") -> ConsentWithdrawal:
    """Hide the story everywhere at once and record who, when and why."""
    with transaction.atomic():
        story = _lock(story)
        now = timezone.now()
        story.consent_withdrawn_at = now
        story._change_reason = "Consent withdrawn"
        story.save()
        story.revoke_share_links()  # a link made before must not work once consent returns
        _close_review(story, StoryReview.Status.CANCELLED, user, "Consent was withdrawn.")
        return ConsentWithdrawal.objects.create(
            story=story, recorded_by=user, recorded_at=now, note=note
        )


# ---------------------------------------------------------------- history


def revert_to(story, revision: StoryRevision, user) -> None:
    """Every part of the old version becomes the working copy again, as a new version."""
    with transaction.atomic():
        story = _lock(story)
        content = revision.content
        if has_live_version(story):
            StoryDraft.objects.update_or_create(
                story=story,
                defaults={"content": content, "updated_at": timezone.now(), "updated_by": user},
            )
        else:
            story._change_reason = "Reverted"
            apply_snapshot(story, content)
            StoryDraft.objects.filter(story=story).delete()
        when = timezone.localtime(revision.created_at)
        _revision(
            story,
            content,
            StoryRevision.Event.REVERTED,
            user,
            f"to the version of {when:%Y-%m-%d %H:%M %Z}",
        )


# ---------------------------------------------------------------- presence


def others_editing(story, user, now=None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(seconds=PRESENCE_SECONDS)
    return list(
        EditingPresence.objects.filter(story=story, last_seen__gte=cutoff)
        .exclude(user=user)
        .select_related("user")
        .order_by("since")
    )


def heartbeat(story, user):
    now = timezone.now()
    presence, created = EditingPresence.objects.get_or_create(
        story=story, user=user, defaults={"since": now, "last_seen": now}
    )
    if not created:
        if presence.last_seen < now - datetime.timedelta(seconds=PRESENCE_SECONDS):
            presence.since = now  # a new editing session, not the one from this morning
        presence.last_seen = now
        presence.save(update_fields=["since", "last_seen"])
    return others_editing(story, user, now)
