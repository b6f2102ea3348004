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
        os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide it from the web server's user
        os.replace(temporary, mo_path)
        written.append(mo_path)
    return written


# ------------------------------------------------------------ what to translate

BASE_DIR = LOCALE_DIR.parent
# Staff pages and messages stay in English: the admin is never under /fr/.
STAFF_ONLY = ("admin",)
GETTEXT_CALLS = {
    # name: (index of the context argument or None, index of the plural or None)
    "_": (None, None),
    "gettext": (None, None),
    "gettext_lazy": (None, None),
    "ngettext": (None, 1),
    "ngettext_lazy": (None, 1),
    "pgettext": (0, None),
    "pgettext_lazy": (0, None),
    "npgettext": (0, 2),
    "npgettext_lazy": (0, 2),
}


def _is_staff_only(path: Path) -> bool:
    return any(part in STAFF_ONLY or part.startswith("admin") for part in path.parts)


def template_messages(template_dir: Path | None = None) -> dict[tuple, str]:
    """{(context, msgid, plural): where} for every {% translate %} and
    {% blocktranslate %} in the visitor templates, as makemessages would
    extract them (but without GNU gettext's xgettext)."""
    from django.template import engines
    from django.templatetags.i18n import BlockTranslateNode, TranslateNode

    template_dir = template_dir or BASE_DIR / "templates"
    engine = engines["django"].engine
    found: dict[tuple, str] = {}
    for path in sorted(template_dir.rglob("*")):
        if not path.is_file() or _is_staff_only(path.relative_to(template_dir)):
            continue
        source = path.read_text()
        if "translate" not in source:
            continue
        where = str(path.relative_to(BASE_DIR))
        nodelist = engine.from_string(source).nodelist
        for node in nodelist.get_nodes_by_type(TranslateNode):
            literal = getattr(node.filter_expression.var, "literal", None)
            if node.noop or not isinstance(literal, str):
                continue
            context = node.message_context.var if node.message_context else None
            found.setdefault((context, literal, None), where)
        for node in nodelist.get_nodes_by_type(BlockTranslateNode):
            singular, _vars = node.render_token_list(node.singular)
            plural = node.render_token_list(node.plural)[0] if node.plural else None
            context = node.message_context.var if node.message_context else None
            found.setdefault((context, singular, plural), where)
    return found


def python_messages(roots: list[Path] | None = None) -> dict[tuple, str]:
    """{(context, msgid, plural): where} for every gettext call with literal
    arguments in the project's Python modules (tests, migrations and staff-only
    admin modules left out)."""
    import ast

    roots = roots or [
        path
        for path in BASE_DIR.iterdir()
        if path.is_dir() and (path / "__init__.py").exists() and path.name != "tests"
    ]
    found: dict[tuple, str] = {}
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            relative = path.relative_to(BASE_DIR)
            if "migrations" in relative.parts or _is_staff_only(relative):
                continue
            for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in GETTEXT_CALLS:
                    continue
                context_at, plural_at = GETTEXT_CALLS[name]
                message_at = 0 if context_at is None else 1
                values = [
                    arg.value
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                    else None
                    for arg in node.args
                ]
                if len(values) <= message_at or values[message_at] is None:
                    continue
                context = values[context_at] if context_at is not None else None
                plural = values[plural_at] if plural_at is not None else None
                found.setdefault((context, values[message_at], plural), str(relative))
    return found
