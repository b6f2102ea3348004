"""The admin's CSV exports as a spreadsheet opens them, and the formulas a
hostile visitor types to have them run there (config/spreadsheets.py)."""

import csv
import io

from config.spreadsheets import columns_for

# One for each way a spreadsheet starts a formula: =, +, -, @, a tab, a return.
FORMULAS = ('=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3")
FORMULAS += ("@SUM(1+1)", "\t=1+1", "\rcmd")


def csv_rows(response) -> list[dict]:
    """An export's rows, by column heading; it must be a CSV attachment."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment;" in response["Content-Disposition"]
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def export_csv(client, list_url, selected) -> list[dict]:
    """Tick ``selected`` on the admin list at ``list_url`` and run "Export CSV"."""
    data = {"action": "export_csv", "_selected_action": [row.pk for row in selected]}
    return csv_rows(client.post(list_url, data))


def formula_row(factory, *fields, **others):
    """A row with one of FORMULAS in each of ``fields``, in order."""
    return factory(**dict(zip(fields, FORMULAS, strict=False)), **others)


def assert_defused(exported: dict, model, *fields) -> None:
    """Each formula ``formula_row`` put in ``fields`` is exported as text: behind
    an apostrophe, under that field's heading."""
    for field, formula in zip(fields, FORMULAS, strict=False):
        [(heading, _)] = columns_for(model, [field])
        assert exported[heading] == "'" + formula, heading
