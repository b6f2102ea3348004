import logging
import sys
import threading

from django.apps import AppConfig, apps
from django.db import connection

logger = logging.getLogger(__name__)


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Email delivery"

    def ready(self):
        from outbox import health  # noqa: F401 - registers the /healthz section

        if sys.argv[1:2] == ["db_worker"]:
            # The sweep's one starting point (see outbox.tasks): a worker
            # starting, since the last one may have been killed mid-sweep. A
            # thread, because ready() must not query and the worker's own first
            # query runs inside its claim transaction.
            threading.Thread(target=_start_sweeping, name="outbox-sweep-start", daemon=True).start()


def _start_sweeping():
    try:
        while not apps.ready:
            threading.Event().wait(0.05)
        # Imported here, not at the top: this module loads before the models do.
        from outbox.tasks import keep_one_sweep_waiting

        keep_one_sweep_waiting(delay=0)
    except Exception:
        logger.exception("could not schedule the outbox sweep at worker start")
    finally:
        connection.close()
