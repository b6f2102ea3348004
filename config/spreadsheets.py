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

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def when(value) -> str:
    """A date and time as staff read it, in the site's time zone; '' for none."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


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
