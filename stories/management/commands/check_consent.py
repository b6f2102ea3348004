"""Daily consent check, for cron: ``python manage.py check_consent``.

Stories whose consent has expired are already hidden by the visibility rule;
this tells the Editors group which ones went dark within the last ``--days``
(30) and which will within the next, so consent can be renewed in time. Drafts are left out: they
are not on the site either way. Each editor gets one email through the outbox.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from outbox.services import queue_email
from stories.models import Story

EDITORS_GROUP = "Editors"


def editor_addresses() -> list[str]:
    users = (
        get_user_model()
        .objects.filter(groups__name=EDITORS_GROUP, is_active=True)
        .exclude(email="")
    )
    addresses = sorted({user.email for user in users})
    return addresses or [address for _name, address in settings.MANAGERS]


def stories_needing_consent(today: datetime.date, days: int):
    """Consent that ends within ``days`` or ended within the last ``days``: a
    story that went dark is mentioned for a month, then no longer every day."""
    window = datetime.timedelta(days)
    return (
        Story.objects.exclude(state=Story.State.DRAFT)
        .filter(
            identifies_nobody=False,
            consent_expires_on__lte=today + window,
            consent_expires_on__gt=today - window,
        )
        .order_by("consent_expires_on", "headline")
    )


class Command(BaseCommand):
    help = "Email the Editors group about story consent that expired or expires within 30 days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="Look this many days ahead.")

    def handle(self, *args, days=30, **options):
        today = timezone.localdate()
        stories = list(stories_needing_consent(today, days))
        if not stories:
            self.stdout.write(f"No consent expires within {days} days.")
            return
        rows = [
            {
                "headline": story.headline,
                "expires_on": story.consent_expires_on,
                "expired": story.consent_expires_on <= today,
                "admin_url": settings.SITE_URL
                + reverse("admin:stories_story_change", args=[story.pk]),
            }
            for story in stories
        ]
        context = {
            "expired": [row for row in rows if row["expired"]],
            "expiring": [row for row in rows if not row["expired"]],
            "days": days,
        }
        recipients = editor_addresses()
        with transaction.atomic():
            for address in recipients:
                queue_email("stories_consent_expiry", address, context)
        editors = ngettext("%(n)d editor", "%(n)d editors", len(recipients))
        stories = ngettext("%(n)d story", "%(n)d stories", len(rows))
        self.stdout.write(
            f"Told {editors % {'n': len(recipients)}} about "
            f"{stories % {'n': len(rows)}} with expiring consent."
        )
