"""Cells for CSV exports that staff open in a spreadsheet.

A cell starting with =, +, -, @ (or a tab or carriage return, which some
spreadsheets skip before reading a formula) runs as a formula when the file
is opened ("CSV injection"), and the exports hold untrusted visitor text.
Such cells get a leading apostrophe, which spreadsheets read as plain text.
Every admin export goes through ``csv_download``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable

from django.db import models
from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def when(value) -> str:
    """A date and time as staff read it, in the site's time zone; '' for none."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def yes_no(value) -> str:
    return "yes" if value else "no"


def cell(field, item) -> object:
    """A model field's value as staff read it: a choice's label, a time in the
    site's zone, yes or no, a related record's name; other values as they are."""
    value = getattr(item, field.attname if field.is_relation else field.name)
    if field.choices:
        return getattr(item, f"get_{field.name}_display")()
    if isinstance(field, models.DateTimeField):
        return when(value)
    if isinstance(field, models.BooleanField):
        return yes_no(value)
    if field.is_relation:
        return str(getattr(item, field.name)) if value is not None else ""
    return value


def columns_for(model, spec: Iterable) -> list[tuple[str, Callable]]:
    """Columns for ``csv_download`` from a table: each entry a field name (the
    header is its verbose name) or a ``(header, field name or function)`` pair."""
    columns = []
    for entry in spec:
        header, source = entry if isinstance(entry, tuple) else (None, entry)
        if callable(source):
            columns.append((header, source))
            continue
        field = model._meta.get_field(source)
        header = header or str(field.verbose_name).capitalize()
        columns.append((header, lambda item, field=field: cell(field, item)))
    return columns


def csv_download(
    name: str, columns: Iterable[tuple[str, Callable]], rows: Iterable
) -> HttpResponse:
    """A CSV attachment ``<name>-<date and time>.csv``: a header row, then one
    row per item with each column's function applied, every cell formula-safe.

    :param columns: ``(header, function of the item)`` pairs, in order.
    """
    columns = list(columns)
    stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response.write("\ufeff")  # lets Excel read the file as UTF-8
    writer = csv.writer(response)
    writer.writerow([header for header, _ in columns])
    for row in rows:
        writer.writerow([formula_safe(value(row)) for _, value in columns])
    return response
