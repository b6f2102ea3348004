"""Two versions of a story, side by side, with the changed words marked.

Each part is compared as the text a reader sees: the body with its markup
taken out (paragraph breaks kept), pictures and clips by their descriptions,
themes by name, each impact figure and pull quote on a line of its own.
"""

from __future__ import annotations

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from stories.drafts import SNAPSHOT_FIELDS
from stories.models import Clip, Country, StoryImage, Theme

LABELS = {
    "headline_en": "Headline (English)",
    "headline_fr": "Headline (French)",
    "slug_en": "Address (English)",
    "slug_fr": "Address (French)",
    "summary_en": "Summary (English)",
    "summary_fr": "Summary (French)",
    "body_en": "Body (English)",
    "body_fr": "Body (French)",
    "hero_image": "Picture",
    "clip": "Clip",
    "country": "Country",
    "expire_at": "Expires at",
    "consent_obtained_on": "Consent obtained on",
    "consent_scope": "Consent scope",
    "consent_expires_on": "Consent expires on",
    "pseudonym_used": "Names changed",
    "identifies_nobody": "Identifies nobody",
    "seo_title_en": "SEO title (English)",
    "seo_title_fr": "SEO title (French)",
    "seo_description_en": "SEO description (English)",
    "seo_description_fr": "SEO description (French)",
    "themes": "Themes",
    "impact_figures": "Impact figures",
    "pull_quotes": "Pull quotes",
}
BLOCK_END = re.compile(r"</(p|h2|h3|li|blockquote)>|<br\s*/?>|<hr\s*/?>", re.I)
TOKEN = re.compile(r"\s+|\S+\s*")  # a word with the space after it


def readable_body(html: str) -> str:
    return "\n".join(
        line.strip() for line in strip_tags(BLOCK_END.sub("\n", html or "")).splitlines()
    ).strip()


def _names(model, ids) -> dict:
    return {obj.pk: str(obj) for obj in model.objects.filter(pk__in=[i for i in ids if i])}


def _placement(row: dict) -> str:
    # Versions saved before placement existed have no key: their rows kept the usual place.
    return f" (after paragraph {row['after_paragraph']})" if row.get("after_paragraph") else ""


def _quote(row: dict, code: str) -> str:
    attribution = row.get(f"attribution_{code}")
    return f"“{row.get(f'text_{code}') or ''}”" + (f" — {attribution}" if attribution else "")


def readable_parts(content: dict, lookups: dict) -> dict:
    fields = content.get("fields", {})
    parts = {}
    for name in SNAPSHOT_FIELDS:
        value = fields.get(name)
        if name.startswith("body_"):
            text = readable_body(value)
        elif name in lookups:
            text = lookups[name].get(value, f"#{value}") if value else ""
        elif isinstance(value, bool):
            text = "yes" if value else "no"
        else:
            text = "" if value is None else str(value)
        parts[name] = text
    parts["themes"] = ", ".join(
        sorted(lookups["themes"].get(i, f"#{i}") for i in content.get("themes", []))
    )
    parts["impact_figures"] = "\n".join(
        f"{row.get('number') or 0:,} {row.get('label_en') or ''}"
        + (f" / FR: {row['label_fr']}" if row.get("label_fr") else "")
        + _placement(row)
        for row in content.get("impact_figures", [])
    )
    parts["pull_quotes"] = "\n".join(
        _quote(row, "en")
        + (f" / FR: {_quote(row, 'fr')}" if row.get("text_fr") else "")
        + _placement(row)
        for row in content.get("pull_quotes", [])
    )
    return parts


def highlight(old: str, new: str) -> tuple[str, str]:
    """Both texts as HTML: removed words in <del>, added words in <ins>."""
    old_tokens, new_tokens = TOKEN.findall(old), TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(a=old_tokens, b=new_tokens, autojunk=False)
    left, right = [], []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        before, after = escape("".join(old_tokens[a1:a2])), escape("".join(new_tokens[b1:b2]))
        if op == "equal":
            left.append(before)
            right.append(after)
        else:
            if before:
                left.append(f"<del>{before}</del>")
            if after:
                right.append(f"<ins>{after}</ins>")
    return mark_safe("".join(left)), mark_safe("".join(right))  # noqa: S308 - escaped above


def compare_contents(old: dict, new: dict) -> list[dict]:
    def ids(key):
        return [c.get("fields", {}).get(key) for c in (old, new)]

    lookups = {
        "hero_image": _names(StoryImage, ids("hero_image")),
        "clip": _names(Clip, ids("clip")),
        "country": _names(Country, ids("country")),
        "themes": _names(Theme, old.get("themes", []) + new.get("themes", [])),
    }
    old_parts, new_parts = readable_parts(old, lookups), readable_parts(new, lookups)
    rows = []
    for name, label in LABELS.items():
        before, after = old_parts.get(name, ""), new_parts.get(name, "")
        left, right = highlight(before, after)
        rows.append(
            {"name": name, "label": label, "old": left, "new": right, "changed": before != after}
        )
    return rows
