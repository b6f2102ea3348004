"""Work to do once each time a ``manage.py db_worker`` starts.

A worker starting is the moment to pick up what the last one may have left
half done (it may have been killed): the outbox's sweep chain
(``outbox.tasks.keep_one_sweep_waiting``), images still lacking their crops
(``stories.tasks.queue_missing_crops``). Each app names its function from
its ``AppConfig.ready``::

    worker_start.when_a_worker_starts("stories.tasks.queue_missing_crops")

In any other process (web server, tests, other commands) nothing is run. In
a worker the functions run in one thread, in the order named, once every app
is loaded: ``ready()`` must not query, and the worker's own first query runs
inside its claim transaction. One failing is logged and does not stop the
others.
"""

from __future__ import annotations

import logging
import sys
import threading

from django.apps import apps
from django.db import connection
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

_named: list[str] = []
_lock = threading.Lock()
_started = False


def is_worker(argv: list[str] | None = None) -> bool:
    return (sys.argv if argv is None else argv)[1:2] == ["db_worker"]


def when_a_worker_starts(dotted_path: str) -> None:
    """Run the function at ``dotted_path`` (no arguments) once this worker has
    loaded; a no-op outside ``db_worker``."""
    global _started
    if not is_worker():
        return
    with _lock:
        if dotted_path not in _named:
            _named.append(dotted_path)
        if _started:
            return
        _started = True
    threading.Thread(target=_run_all, name="worker-start", daemon=True).start()


def _run_all() -> None:
    try:
        while not apps.ready:
            threading.Event().wait(0.05)
        for dotted_path in list(_named):
            try:
                import_string(dotted_path)()
            except Exception:
                logger.exception("worker start: %s failed", dotted_path)
    finally:
        connection.close()
