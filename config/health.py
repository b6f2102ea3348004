"""/healthz: what an operator's monitor needs to know, as JSON."""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
# Each app that owns background state contributes a section here.
HEALTH_SECTIONS = []


def health_section(func):
    HEALTH_SECTIONS.append(func)
    return func


@health_section
def tasks_section():
    from django_tasks_db.models import DBTaskResult

    results = DBTaskResult.objects
    return {
        "tasks": {
            "pending": results.ready().count(),
            "running": results.running().count(),
            "failed": results.failed().count(),
        }
    }


@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        body = {"status": "ok", "database": "ok"}
        for section in HEALTH_SECTIONS:
            body.update(section())
    except DatabaseError:
        # The driver's message names hosts, ports and users: for the log, not the public.
        logger.exception("Health check: the database is unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse(body)
