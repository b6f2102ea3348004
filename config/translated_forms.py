"""Admin forms for content written in English and French (docs/languages.md).

A field the model requires (a clip's title, a tip's text) has two optional
columns, ``_en`` and ``_fr``; the form asks for it in one language at least,
with the usual "This field is required" on the English box.
"""

from __future__ import annotations

from django import forms
from modeltranslation.translator import NotRegistered, translator

LANGUAGE_CODES = ("en", "fr")
REQUIRED = "This field is required: write it in English, in French or in both."


class EitherLanguageRequired:
    """For a ModelForm: each required text is written in one language at least."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        model = self._meta.model
        try:
            translated = translator.get_options_for_model(model).fields
        except NotRegistered:
            return cleaned
        for name in translated:
            if model._meta.get_field(name).blank:
                continue
            boxes = [f"{name}_{code}" for code in LANGUAGE_CODES]
            if not all(box in self.fields for box in boxes) or any(b in self.errors for b in boxes):
                continue
            if not any(str(cleaned.get(box) or "").strip() for box in boxes):
                self.add_error(boxes[0], REQUIRED)
        return cleaned


class TranslatedModelForm(EitherLanguageRequired, forms.ModelForm):
    """The admin form of a model with translated fields (``ModelAdmin.form``)."""
