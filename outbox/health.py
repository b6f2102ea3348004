"""The outbox's part of /healthz: what an operator's monitor alerts on."""

from django.db.models import Count, Min, Q
from django.utils import timezone

from config.health import health_section
from outbox.models import OutboundEmail


@health_section
def outbox_section():
    State = OutboundEmail.State
    figures = OutboundEmail.objects.aggregate(
        queued=Count("pk", filter=Q(state__in=[State.QUEUED, State.SENDING])),
        failed=Count("pk", filter=Q(state=State.FAILED)),
        oldest=Min("created_at", filter=Q(state__in=[State.QUEUED, State.SENDING])),
    )
    oldest = figures["oldest"]
    return {
        "email": {
            "queued": figures["queued"],
            "failed": figures["failed"],
            "oldest_queued_age_seconds": (
                round((timezone.now() - oldest).total_seconds()) if oldest else None
            ),
        }
    }
