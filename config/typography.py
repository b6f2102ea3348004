"""French typography for text the project ships (the French demo content and
guide): the spaces that must not break a line become non-breaking.

Quebec usage, as the Office québécois de la langue française recommends: a
non-breaking space before a colon and inside « guillemets », between groups
of digits ("1 600") and before the dollar sign ("20 $"); none before ``;``,
``!`` or ``?``. The text is typed with ordinary spaces so it stays readable.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

_RULES = [
    (re.compile(r" (:)(?=\s|<|$)"), NBSP + r"\1"),
    (re.compile(r"« "), "«" + NBSP),
    (re.compile(r" »"), NBSP + "»"),
    (re.compile(r"(\d) (?=\d{3}\b)"), r"\1" + NBSP),
    (re.compile(r"(\d) (\$)"), r"\1" + NBSP + r"\2"),
]


def french_spacing(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text
