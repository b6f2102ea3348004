"""The site's two languages, for records that remember which one was used."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation


def active_language() -> str:
    """The language of the page being answered ("en" or "fr"; "en" outside a
    request): the default of a sign-up's or inquiry's ``language``, so a form
    sent from a French page is recorded as French without the view saying so."""
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def language_field(help_text: str) -> models.CharField:
    """The ``language`` column of a record sent from a form (a sign-up, an
    inquiry): the page's language, kept so the replies go out in it."""
    return models.CharField(
        max_length=8, choices=settings.LANGUAGES, default=active_language, help_text=help_text
    )
