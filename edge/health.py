"""The edge cache's part of /healthz: purges waiting and purges that never succeeded."""

from django.db.models import Count, Q

from config.health import health_section
from edge.models import Purge


@health_section
def edge_section():
    figures = Purge.objects.aggregate(
        queued=Count("pk", filter=Q(state=Purge.State.QUEUED)),
        failed=Count("pk", filter=Q(state=Purge.State.FAILED)),
    )
    return {"edge_purges": figures}
