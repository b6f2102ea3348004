"""Every cell of an admin export is safe to open in a spreadsheet."""

import pytest

from config.spreadsheets import formula_safe


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1", "'+1"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-1", "'-1"),
        ("-2+3", "'-2+3"),
        ("@x", "'@x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("Robin", "Robin"),
        ("", ""),
        (None, ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(value, expected):
    assert formula_safe(value) == expected
