"""Background work for stories (renditions, scheduled drafts going live), and
the one place a change's side effects start.

``announce_change`` is called (from the model signals, and by tasks that
change rows behind the ORM's back) with the surrogate keys a change touches.
Once the transaction commits it drops the page-cache version and queues
``refresh_pages``, which re-renders the pages people read most into the
shared cache, purges the edge of the touched keys (so the first visitor
after a publish meets a page already rendered), and arranges the same at
the next moment a page changes by the clock.
"""

from __future__ import annotations

import datetime
import threading

from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from edge import services as edge
from stories import caching, fragments, workflow
from stories.models import Story, StoryImage

_pending = threading.local()
# Arbitrary constant naming the pg_advisory lock under which missing crops are queued.
MISSING_CROPS_LOCK_KEY = 0x0C40_F0CA
# How long a remade image's old rendition files stay: longer than any cached
# page naming them lives (edge/headers.py: an hour at the edge, a minute in browsers).
OLD_RENDITIONS_KEPT_FOR = 2 * 60 * 60


def announce_change(keys) -> None:
    """Forget the cached pages and refresh them once the current transaction
    commits; every change in one transaction makes one refresh."""
    pending = getattr(_pending, "keys", None)
    if pending is None:
        pending = _pending.keys = set()
    pending.update(keys)
    # One callback per change; the first to run takes all the keys.
    transaction.on_commit(_flush)


def _flush() -> None:
    keys, _pending.keys = getattr(_pending, "keys", None), None
    if keys is None:
        return
    # Stamps first: a request that sees the new version must not reuse a
    # piece showing any of these keys. And again after: a request rendered
    # from the old rows that stored its pieces between the two (it read the
    # new stamps, and the version had not yet gone) is not reused either.
    fragments.bump(keys)
    caching.forget_version()
    fragments.bump(keys)
    refresh_pages.enqueue(sorted(keys))


@task()
def refresh_pages(keys: list[str]) -> dict:
    """Warm the most-read pages, then purge the edge of ``keys``.

    The pages showing a touched key go first and the edge is purged right
    after them; the other stories follow, for the app servers' own cache.
    """
    paths = caching.most_read_paths()
    touched_paths = caching.paths_for(keys)
    touched = set(touched_paths)
    first = [p for p in paths if p in touched or p in paths[:3]]
    rest = [p for p in paths if p not in first]
    warm = caching.warming_is_useful()
    warmed = caching.render_into_cache(first) if warm else 0
    purge = edge.purge_now(keys, touched_paths, reason="content changed")
    warmed += caching.render_into_cache(rest) if warm else 0
    schedule_next_transition()
    return {"warmed": warmed, "purge": purge.pk if purge else None}


@task()
def refresh_at_transition(moment: str) -> dict:
    """At a scheduled publish, an expiry or consent's end: purge and re-warm what changed."""
    at = datetime.datetime.fromisoformat(moment)
    changing = Story.objects.changing_at(at).values_list("pk", flat=True)
    keys = {"home", *caching.LISTING_KEYS, *map(caching.story_key, changing)}
    return refresh_pages.call(sorted(keys))


def schedule_next_transition(now: datetime.datetime | None = None) -> None:
    """Queue ``refresh_at_transition`` for the next clock change, once per moment."""
    now = now or timezone.now()
    moment = Story.objects.next_transition(now)
    backend = refresh_at_transition.get_backend()
    if moment == float("inf") or not backend.supports_defer:
        return
    at = datetime.datetime.fromtimestamp(moment, tz=datetime.UTC)
    already = DBTaskResult.objects.filter(
        task_path=refresh_at_transition.module_path,
        status="READY",
        args_kwargs__args__0=at.isoformat(),
    ).exists()
    if not already:
        refresh_at_transition.using(run_after=at).enqueue(at.isoformat())


@task()
def make_image_renditions(image_id: int) -> int:
    """Make the WebP and JPEG/PNG renditions of one image; returns how many were written."""
    image = StoryImage.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return 0  # deleted before the worker got to it
    if image.has_every_crop:
        return len(image.renditions)  # already made (load_demo makes them inline)
    # No renditions yet, or ones made before the fixed-shape crops existed.
    previous = image.make_renditions()
    if previous and delete_old_renditions.get_backend().supports_defer:
        # Pages cached at the edge or in a browser may still name the old files
        # for a while after the purge below: they go once those have expired.
        later = timezone.now() + datetime.timedelta(seconds=OLD_RENDITIONS_KEPT_FOR)
        transaction.on_commit(
            lambda: delete_old_renditions.using(run_after=later).enqueue(previous)
        )
    # make_renditions() writes with update(), which sends no signal.
    announce_change(caching.keys_for(image))
    return len(image.renditions)


@task()
def delete_old_renditions(directory: str) -> int:
    """Delete the files of a directory of renditions an image no longer uses."""
    if not directory.startswith("stories/renditions/") or ".." in directory:
        return 0
    if StoryImage.objects.filter(rendition_token=directory.rsplit("/", 1)[-1]).exists():
        return 0  # still in use
    try:
        _folders, files = default_storage.listdir(directory)
    except FileNotFoundError:
        return 0
    for name in files:
        default_storage.delete(f"{directory}/{name}")
    return len(files)


def queue_missing_crops() -> int:
    """Queue ``make_image_renditions`` for every image lacking a crop
    (``StoryImage.objects.missing_crops``) that has no such task waiting or
    running yet; returns how many were queued. Run at every ``db_worker``
    start (see ``StoriesConfig.ready``) and by ``manage.py make_missing_crops --queue``;
    two workers starting together queue each image once, under one lock."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MISSING_CROPS_LOCK_KEY])
        missing = list(
            StoryImage.objects.missing_crops().order_by("pk").values_list("pk", flat=True)
        )
        pending = set(
            DBTaskResult.objects.filter(
                task_path=make_image_renditions.module_path, status__in=["READY", "RUNNING"]
            ).values_list("args_kwargs__args__0", flat=True)
        )
        queued = [pk for pk in missing if pk not in pending]
        for pk in queued:
            make_image_renditions.enqueue(pk)
    return len(queued)


def schedule_swap(story_id: int, when: datetime.datetime) -> None:
    """Queue the swap of a live story's draft for ``when``, once the transaction commits."""
    if not publish_due_draft.get_backend().supports_defer:
        return  # only the inline test backend cannot wait; the database backend can
    transaction.on_commit(lambda: publish_due_draft.using(run_after=when).enqueue(story_id))


@task()
def publish_due_draft(story_id: int) -> bool:
    """Put a live story's scheduled draft live; enqueued to run at the scheduled time."""
    return workflow.publish_scheduled_draft(story_id)
