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

from formguard.cleaning import canonical_email


@dataclass(frozen=True)
class PersonalRecords:
    """A model of visitors' submissions: a ``formguard.models.Submission``,
    so its ``for_address()`` finds one person's rows by canonical address."""

    model_label: str  # "app_label.ModelName"
    received_field: str
    # Rows that hang off each record and are about the same person (staff
    # notes), as prefetch paths: exported inside the record, through each
    # row's ``personal_data()``, and erased with it (they cascade).
    attached: tuple[str, ...] = ()

    @property
    def model(self):
        return apps.get_model(self.model_label)


SUBMISSIONS = [
    PersonalRecords("contact.MediaInquiry", "received_at", attached=("notes__author",)),
    PersonalRecords("fundraising.FundraiserSignup", "received_at"),
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
        mine = records.model.objects.for_address(address)
        found[records.model_label] = mine
        message_ids.update(_emails_for(mine).values_list("pk", flat=True))
    message_ids.update(_emails_sent_to(address))
    # Notices to the operators about those messages quote the address too.
    message_ids.update(
        _emails_for(OutboundEmail.objects.filter(pk__in=message_ids)).values_list("pk", flat=True)
    )
    found["outbox.OutboundEmail"] = OutboundEmail.objects.filter(pk__in=message_ids)
    return found


def _emails_sent_to(address: str) -> set[int]:
    """Messages to exactly this address, bare or as "Name <address>", compared
    canonically (never a substring: ana@ must not find hana@). The database
    narrows by the local part (case-insensitive matching there only ever finds
    more), and the canonical comparison decides."""
    from outbox.models import OutboundEmail

    wanted = canonical_email(address)
    local = address.rpartition("@")[0]
    candidates = OutboundEmail.objects.filter(
        Q(to__istartswith=f"{local}@") | Q(to__icontains=f"<{local}@")
    ).values_list("pk", "to")
    return {pk for pk, to in candidates if canonical_email(_bare_address(to)) == wanted}


def _bare_address(recipient: str) -> str:
    """'addr' from "Name <addr>" or 'addr' (the two shapes the outbox stores)."""
    if recipient.endswith(">") and "<" in recipient:
        return recipient[recipient.rindex("<") + 1 : -1]
    return recipient


def as_json(found: dict[str, object]) -> list[dict]:
    attached = {records.model_label: records.attached for records in SUBMISSIONS}
    return [
        {"kind": label, "records": _records(queryset, attached.get(label, ()))}
        for label, queryset in found.items()
    ]


def _records(queryset, attached: tuple[str, ...]) -> list[dict]:
    import json

    rows = list(queryset.prefetch_related(*attached))
    records = json.loads(serializers.serialize("json", rows))
    for record, row in zip(records, rows, strict=True):
        for path in attached:
            name = path.split("__")[0]
            record[name] = [item.personal_data() for item in getattr(row, name).all()]
    return records


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
