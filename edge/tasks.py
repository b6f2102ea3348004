"""The worker's side of a purge: one attempt per task, retried with growing
delays like an email, failed (and shown to operators) after a day."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from edge.backends import PurgeFailed, configured_backend
from edge.models import Purge

logger = logging.getLogger(__name__)

# Seconds before each retry; the last repeats until GIVE_UP_AFTER.
RETRY_DELAYS = [5, 15, 60, 5 * 60, 15 * 60, 60 * 60]
GIVE_UP_AFTER = datetime.timedelta(hours=24)


def enqueue_attempt(purge_id: int, run_after: datetime.datetime | None = None):
    """Enqueue an attempt, at ``run_after`` when the backend can defer; the
    inline backend used in tests cannot, and leaves the purge queued."""
    if run_after is None:
        return purge_edge.enqueue(purge_id)
    if not purge_edge.get_backend().supports_defer:
        return None
    return purge_edge.using(run_after=run_after).enqueue(purge_id)


def retry_delay(attempts: int) -> datetime.timedelta:
    seconds = RETRY_DELAYS[min(attempts, len(RETRY_DELAYS)) - 1]
    return datetime.timedelta(seconds=seconds * settings.EDGE_PURGE_RETRY_SCALE)


@task()
def purge_edge(purge_id: int) -> str:
    return attempt(purge_id)


def attempt(purge_id: int) -> str:
    """One attempt at one purge: "done", "retry" (queued again) or "failed"."""
    purge = Purge.objects.filter(pk=purge_id, state=Purge.State.QUEUED).first()
    if purge is None:
        return "gone"  # done by an earlier attempt, or removed
    now = timezone.now()
    purge.attempts += 1
    try:
        backend = configured_backend()
        if backend is not None:
            backend.purge(purge.keys, purge.paths)
    except PurgeFailed as exc:
        purge.last_error = str(exc)[:2000]
        if now - purge.created_at >= GIVE_UP_AFTER * settings.EDGE_PURGE_RETRY_SCALE:
            purge.state = Purge.State.FAILED
            purge.next_attempt_at = None
            purge.save()
            logger.error("edge purge %s failed for good: %s", purge.pk, exc)
            return "failed"
        purge.next_attempt_at = now + retry_delay(purge.attempts)
        purge.save()
        enqueue_attempt(purge.pk, run_after=purge.next_attempt_at)
        logger.warning("edge purge %s attempt %s failed: %s", purge.pk, purge.attempts, exc)
        return "retry"
    purge.state = Purge.State.DONE
    purge.done_at = timezone.now()
    purge.last_error = ""
    purge.next_attempt_at = None
    purge.save()
    return "done"
