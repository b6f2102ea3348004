"""Where the site keeps personal data from the public, in one place.

The retention purge, a person's access request and the right to erasure all
read this list, so a new form that stores personal data is added here once.
Email records (outbox) belong to their source submission and go with it;
those sent to the address itself are found by recipient.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import transaction
from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class PersonalRecords:
    model_label: str  # "app_label.ModelName"
    email_field: str
    received_field: str

    @property
    def model(self):
        return apps.get_model(self.model_label)


SUBMISSIONS = [
    PersonalRecords("contact.MediaInquiry", "email", "received_at"),
    PersonalRecords("fundraising.FundraiserSignup", "email", "received_at"),
]


def _emails_for(queryset):
    from outbox.models import OutboundEmail

    content_type = ContentType.objects.get_for_model(queryset.model)
    ids = [str(pk) for pk in queryset.values_list("pk", flat=True)]
    return OutboundEmail.objects.filter(source_type=content_type, source_id__in=ids)


def expired(now=None) -> dict[str, object]:
    """Querysets of everything older than PERSONAL_DATA_RETENTION_DAYS, by label."""
    from outbox.models import OutboundEmail

    cutoff = (now or timezone.now()) - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    found = {}
    for records in SUBMISSIONS:
        old = records.model.objects.filter(**{f"{records.received_field}__lt": cutoff})
        found[records.model_label] = old
    # Any email older than the cut-off, whatever it belonged to, holds an address.
    found["outbox.OutboundEmail"] = OutboundEmail.objects.filter(created_at__lt=cutoff)
    return found


def held_about(email: str) -> dict[str, object]:
    """Querysets of everything the site holds about one email address."""
    from outbox.models import OutboundEmail

    address = email.strip()
    found = {}
    message_ids = set()
    for records in SUBMISSIONS:
        mine = records.model.objects.filter(**{f"{records.email_field}__iexact": address})
        found[records.model_label] = mine
        message_ids.update(_emails_for(mine).values_list("pk", flat=True))
    # Sent to exactly this address, bare or as "Name <address>" (never a
    # substring: ana@ must not find hana@).
    to_them = Q(to__iexact=address) | Q(to__iendswith=f"<{address}>")
    message_ids.update(OutboundEmail.objects.filter(to_them).values_list("pk", flat=True))
    # Notices to the operators about those messages quote the address too.
    message_ids.update(
        _emails_for(OutboundEmail.objects.filter(pk__in=message_ids)).values_list("pk", flat=True)
    )
    found["outbox.OutboundEmail"] = OutboundEmail.objects.filter(pk__in=message_ids)
    return found


def as_json(found: dict[str, object]) -> list[dict]:
    import json

    return [
        {"kind": label, "records": json.loads(serializers.serialize("json", queryset))}
        for label, queryset in found.items()
    ]


def delete(found: dict[str, object]) -> dict[str, int]:
    """Delete the records (emails first, since they point at their source); counts by label."""
    counts = {}
    with transaction.atomic():
        labels = ["outbox.OutboundEmail"] + [lbl for lbl in found if lbl != "outbox.OutboundEmail"]
        for label in labels:
            queryset = found[label]
            if label != "outbox.OutboundEmail":
                _emails_for(queryset).delete()
            counts[label] = queryset.count()
            queryset.delete()
    return counts
