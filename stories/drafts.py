"""A story's working draft, its saved versions, its review requests and consent withdrawals.

The live ``Story`` rows (with their themes, figures and quotes) stay exactly
what visitors see, so every visibility and caching rule keeps working
unchanged. Once a story has a live version (published or scheduled), editing
it writes a *snapshot* of the whole story (fields and related rows, as JSON)
into its one ``StoryDraft``; publishing copies the snapshot onto the live rows.
A story that was never published has no live version to protect: its own rows
are the working copy. Every deliberate save leaves a ``StoryRevision`` with the
same snapshot, for comparing and reverting.
"""

from __future__ import annotations

import datetime

from stories.models import ImpactFigure, PullQuote

# The story's own fields a snapshot carries (the publishing state and times are
# not content: they belong to the live row and change only by publishing). The
# story admin's form edits these and the themes, its inlines the figure and
# quote fields below, so whatever an editor can change is kept in a version.
# Each text is kept in both languages (stories/translation.py): "headline_en",
# "headline_fr" and so on; migration 0011 renamed the keys of older snapshots.
TRANSLATED_TEXT = ["headline", "slug", "summary", "body"]
SNAPSHOT_FIELDS = [
    *(f"{name}_{code}" for name in TRANSLATED_TEXT for code in ("en", "fr")),
    "hero_image",
    "clip",
    "country",
    "expire_at",
    "consent_obtained_on",
    "consent_scope",
    "consent_expires_on",
    "pseudonym_used",
    "identifies_nobody",
    "seo_title_en",
    "seo_title_fr",
    "seo_description_en",
    "seo_description_fr",
]
FOREIGN_KEYS = {"hero_image", "clip", "country"}
DATE_FIELDS = {"consent_obtained_on", "consent_expires_on"}
DATETIME_FIELDS = {"expire_at"}
FIGURE_FIELDS = ["number", "label_en", "label_fr", "position", "after_paragraph"]
QUOTE_FIELDS = [
    "text_en",
    "text_fr",
    "attribution_en",
    "attribution_fr",
    "verbatim",
    "position",
    "after_paragraph",
]


def _to_json(name, value):
    if value is None:
        return None
    if name in FOREIGN_KEYS:
        return value if isinstance(value, int) else value.pk
    if name in DATE_FIELDS | DATETIME_FIELDS:
        return value.isoformat()
    return value


def _from_json(name, value):
    if value is None or value == "":
        if name.startswith("slug_"):
            return None  # no address in that language
        return None if name in FOREIGN_KEYS | DATE_FIELDS | DATETIME_FIELDS else value
    if name in DATE_FIELDS:
        return datetime.date.fromisoformat(value)
    if name in DATETIME_FIELDS:
        return datetime.datetime.fromisoformat(value)
    return value


def snapshot_of_story(story) -> dict:
    """The story as its rows hold it now."""
    fields = {}
    for name in SNAPSHOT_FIELDS:
        value = getattr(story, f"{name}_id") if name in FOREIGN_KEYS else getattr(story, name)
        fields[name] = _to_json(name, value)
    return {
        "fields": fields,
        "themes": sorted(theme.pk for theme in story.themes.all()),
        "impact_figures": [
            {name: getattr(figure, name) for name in FIGURE_FIELDS}
            for figure in story.impact_figures.all()
        ],
        "pull_quotes": [
            {name: getattr(quote, name) for name in QUOTE_FIELDS}
            for quote in story.pull_quotes.all()
        ],
    }


def snapshot_from_form(form, formsets) -> dict:
    """What a valid story form and its inline formsets hold, unsaved."""
    fields = {
        name: _to_json(name, form.cleaned_data.get(name))
        for name in SNAPSHOT_FIELDS
        if name in form.cleaned_data
    }
    content = {
        "fields": fields,
        "themes": sorted(theme.pk for theme in form.cleaned_data.get("themes") or []),
    }
    for formset in formsets:
        names = FIGURE_FIELDS if formset.model._meta.model_name == "impactfigure" else QUOTE_FIELDS
        rows = []
        for row_form in formset.forms:
            data = getattr(row_form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            rows.append({name: data.get(name) for name in names})
        rows.sort(key=lambda row: row["position"] or 0)
        content[formset.prefix] = rows
    return content


def field_values(content: dict) -> dict:
    """The snapshot's fields as model values (dates parsed), keyed as on the model."""
    return {name: _from_json(name, content["fields"].get(name)) for name in content["fields"]}


def apply_snapshot(story, content: dict) -> None:
    """Make the story's rows hold ``content``: fields, themes, figures and quotes."""
    for name, value in field_values(content).items():
        setattr(story, f"{name}_id" if name in FOREIGN_KEYS else name, value)
    story.save()
    story.themes.set(content.get("themes", []))
    for model, key, names in (
        (ImpactFigure, "impact_figures", FIGURE_FIELDS),
        (PullQuote, "pull_quotes", QUOTE_FIELDS),
    ):
        existing = list(model.objects.filter(story=story).order_by("position", "pk"))
        wanted = content.get(key, [])
        # Rows are matched by order, so an unchanged figure keeps its row and
        # its history says nothing happened to it.
        for row, values in zip(existing, wanted, strict=False):
            if any(getattr(row, name) != values.get(name) for name in names):
                for name in names:
                    setattr(row, name, values.get(name))
                row.save()
        for row in existing[len(wanted) :]:
            row.delete()
        for values in wanted[len(existing) :]:
            model.objects.create(story=story, **{name: values.get(name) for name in names})
