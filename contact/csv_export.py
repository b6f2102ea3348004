"""CSV of media inquiries that is safe to open in a spreadsheet (see config.spreadsheets)."""

from __future__ import annotations

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

from config.spreadsheets import formula_safe
from contact.models import MediaInquiry

COLUMNS = [
    ("Received", lambda i: _when(i.received_at)),
    ("Name", lambda i: i.name),
    ("Email", lambda i: i.email),
    ("Media outlet", lambda i: i.outlet),
    ("Phone", lambda i: i.phone),
    ("Topic", lambda i: i.topic),
    ("Message", lambda i: i.message),
    ("Deadline", lambda i: _when(i.deadline)),
    ("State", lambda i: i.get_state_display()),
    ("Assignee", lambda i: i.assignee.get_username() if i.assignee else ""),
    ("Internal notes", lambda i: i.internal_notes),
]


def _when(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def inquiry_rows(inquiries: Iterable[MediaInquiry]) -> Iterable[list[str]]:
    yield [header for header, _ in COLUMNS]
    for inquiry in inquiries:
        yield [formula_safe(value(inquiry)) for _, value in COLUMNS]


def inquiries_csv_response(queryset) -> HttpResponse:
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="media-inquiries-{stamp}.csv"'
    response.write("\ufeff")  # lets Excel read the file as UTF-8
    writer = csv.writer(response)
    writer.writerows(inquiry_rows(queryset.select_related("assignee").order_by("-received_at")))
    return response
