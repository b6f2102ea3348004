"""What the rest of the site calls: ``request_purge`` records a purge and
hands it to the worker once the change that caused it has committed."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from edge.models import Purge
from edge.tasks import attempt, enqueue_attempt


def edge_configured() -> bool:
    return bool(settings.EDGE_CACHE_URL)


def _record(keys, paths, reason) -> Purge | None:
    if not edge_configured() or not keys:
        return None
    return Purge.objects.create(
        keys=sorted(set(keys)), paths=sorted(set(paths)), reason=reason[:200]
    )


def request_purge(keys, paths=(), *, reason: str = "") -> Purge | None:
    """Purge the pages named by ``keys`` (``paths`` are their addresses) from
    the worker, once the current transaction commits. Nothing happens when no
    edge is configured."""
    purge = _record(keys, paths, reason)
    if purge is not None:
        transaction.on_commit(lambda: enqueue_attempt(purge.pk))
    return purge


def purge_now(keys, paths=(), *, reason: str = "") -> Purge | None:
    """The same, with the first attempt made here: for work already running
    in the worker, so the edge is purged without waiting for another task."""
    purge = _record(keys, paths, reason)
    if purge is not None:
        attempt(purge.pk)
    return purge
