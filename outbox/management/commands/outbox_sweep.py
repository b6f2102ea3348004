from django.core.management.base import BaseCommand

from outbox.tasks import sweep


class Command(BaseCommand):
    help = (
        "Re-enqueue email that no task will deliver (queued with no pending task, or stuck "
        "in 'sending' after a worker died), once, now. The worker's own sweep does this "
        "every OUTBOX_SWEEP_INTERVAL; cron this as a second safety net if you like."
    )

    def handle(self, *args, **options):
        result = sweep()
        self.stdout.write(f"{result['stuck']} stuck in sending, {result['enqueued']} re-enqueued")
