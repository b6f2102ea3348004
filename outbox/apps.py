import logging
import sys
import threading

from django.apps import AppConfig, apps

logger = logging.getLogger(__name__)


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Email delivery"

    def ready(self):
        from outbox import health  # noqa: F401 - registers the /healthz section

        if sys.argv[1:2] == ["db_worker"]:
            # A worker starting is the moment to (re)start the sweep chain: the
            # previous worker may have been killed while it held the only sweep.
            # A thread, because ready() must not query and the worker's own
            # first query runs inside its claim transaction.
            threading.Thread(
                target=_start_sweep_chain, name="outbox-sweep-start", daemon=True
            ).start()


def _start_sweep_chain():
    from django.db import connection

    try:
        while not apps.ready:
            threading.Event().wait(0.05)
        from outbox.tasks import ensure_sweep_scheduled

        ensure_sweep_scheduled(force=True, delay=0)
    except Exception:
        logger.exception("could not schedule the outbox sweep at worker start")
    finally:
        connection.close()
