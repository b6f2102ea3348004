"""Background work for the outbox, through the Tasks API.

``deliver_email`` makes one attempt at one message. ``sweep_outbox`` is the
safety net: it re-enqueues strays (see ``delivery.sweep``) and then schedules
itself again ``OUTBOX_SWEEP_INTERVAL`` seconds later, so exactly one chain of
sweeps runs for as long as any ``db_worker`` does. The chain is (re)started by
whichever comes first: a worker starting (``OutboxConfig.ready``), a message
being queued, or ``manage.py outbox_sweep`` (for cron, and for task backends
that cannot schedule, where the chain is not used).
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Arbitrary constant naming the pg_advisory lock that serialises "is a sweep scheduled?".
SWEEP_LOCK_KEY = 0x0B0E_5EE9


@task()
def deliver_email(email_id: int) -> str:
    from outbox.delivery import deliver

    return deliver(email_id)


@task()
def sweep_outbox() -> dict:
    from outbox.delivery import sweep

    try:
        return sweep()
    finally:
        ensure_sweep_scheduled(force=True)


def _uses_database_backend(the_task) -> bool:
    from django_tasks_db import DatabaseBackend

    return isinstance(the_task.get_backend(), DatabaseBackend)


def enqueue_delivery(email_id: int, run_after=None):
    """Enqueue an attempt, at ``run_after`` when the backend can defer; a backend
    that cannot (the inline one in tests) leaves retries to the sweep."""
    if run_after is None:
        return deliver_email.enqueue(email_id)
    if not deliver_email.get_backend().supports_defer:
        return None
    return deliver_email.using(run_after=run_after).enqueue(email_id)


def pending_delivery_ids(email_ids: list[int], now=None) -> set[int]:
    """Which of these messages already have a delivery task waiting or running."""
    if not email_ids or not _uses_database_backend(deliver_email):
        return set()
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    # A task "running" for longer than an attempt can take belongs to a killed worker.
    alive_since = now - timedelta(seconds=settings.OUTBOX_SENDING_TIMEOUT)
    rows = (
        DBTaskResult.objects.filter(
            task_path=deliver_email.module_path, args_kwargs__args__0__in=email_ids
        )
        .filter(Q(status="READY") | Q(status="RUNNING", started_at__gte=alive_since))
        .values_list("args_kwargs", flat=True)
    )
    return {row["args"][0] for row in rows}


_last_ensured = 0.0


def ensure_sweep_scheduled(*, force: bool = False, delay: float | None = None) -> bool:
    """Make sure one sweep is waiting in the queue; True if this call added it.

    Only with the database backend: an inline backend would run the chain forever.
    Without ``force`` a process checks at most twice per sweep interval.
    """
    global _last_ensured
    interval = settings.OUTBOX_SWEEP_INTERVAL
    if not force and time.monotonic() - _last_ensured < interval / 2:
        return False
    if not _uses_database_backend(sweep_outbox):
        return False
    from django_tasks_db.models import DBTaskResult

    _last_ensured = time.monotonic()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SWEEP_LOCK_KEY])
        if DBTaskResult.objects.filter(task_path=sweep_outbox.module_path, status="READY").exists():
            return False
        run_after = timezone.now() + timedelta(seconds=interval if delay is None else delay)
        sweep_outbox.using(run_after=run_after).enqueue()
    return True
