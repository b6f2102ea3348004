from django.core.management.base import BaseCommand

from outbox.delivery import sweep
from outbox.tasks import ensure_sweep_scheduled


class Command(BaseCommand):
    help = (
        "Re-enqueue email that no task will deliver (queued with no pending task, or stuck "
        "in 'sending' after a worker died) and make sure the periodic sweep is scheduled. "
        "The worker runs this by itself; cron it as a second safety net if you like."
    )

    def handle(self, *args, **options):
        result = sweep()
        scheduled = ensure_sweep_scheduled(force=True)
        self.stdout.write(
            f"{result['stuck']} stuck in sending, {result['enqueued']} re-enqueued"
            + ("; periodic sweep scheduled" if scheduled else "")
        )
