"""The site's two languages, for records that remember which one was used."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation


def active_language() -> str:
    """The language of the page being answered ("en" or "fr"; "en" outside a
    request): the default of a sign-up's or inquiry's ``language``, so a form
    sent from a French page is recorded as French without the view saying so."""
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
