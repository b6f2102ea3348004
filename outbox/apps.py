from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = "Email delivery"

    def ready(self):
        from config import worker_start
        from outbox import health  # noqa: F401 - registers the /healthz section

        # The sweep's one starting point (see outbox.tasks): a worker
        # starting, since the last one may have been killed mid-sweep.
        worker_start.when_a_worker_starts("outbox.tasks.start_sweeping")
