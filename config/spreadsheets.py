"""Cells for CSV exports that staff open in a spreadsheet.

A cell starting with =, +, -, @ (or a tab or carriage return, which some
spreadsheets skip before reading a formula) runs as a formula when the file
is opened ("CSV injection"), and the exports hold untrusted visitor text.
Such cells get a leading apostrophe, which spreadsheets read as plain text.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
