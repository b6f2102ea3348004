"""Compiling the translation catalogues without GNU gettext.

The French strings live in locale/fr/LC_MESSAGES/django.po, written by hand
and committed. Django reads the compiled django.mo beside it, which is not
committed (a binary that could drift from its source): `make run`, `make
test`, `make bench` and `make manage` compile every catalogue first, with
polib, a pure-Python library installed with the project. Django's own
compilemessages would need GNU gettext's msgfmt on the machine, which a
newcomer's laptop or a slim container may not have. See docs/translation.md.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def compile_catalogues(locale_dir: Path = LOCALE_DIR, *, force: bool = False) -> list[Path]:
    """Write each .po's .mo when it is missing or older than the .po; returns
    the .mo files written. Fuzzy and untranslated entries are left out (they
    show in English), as msgfmt does; tests/i18n/test_strings.py keeps the
    French catalogue free of both."""
    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        binary = polib.pofile(str(po_path)).to_binary()
        # Written whole then renamed, so a test run starting beside this one
        # never reads half a file.
        fd, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(binary)
        os.replace(temporary, mo_path)
        written.append(mo_path)
    return written
