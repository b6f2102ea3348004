"""The header's logo, remembered in the shared cache until staff change it.

Every page's header asks for it, so the answer (the logo's address and size,
or "none") is kept under ``LOGO_CACHE_KEY`` with no timeout; a saved change
forgets it once it commits (``identity/signals.py``).
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import DatabaseError

from identity.models import SiteIdentity

LOGO_CACHE_KEY = "identity:logo"


def header_logo() -> dict | None:
    """What the header needs ({"url", "width", "height"}), or None."""
    found = cache.get(LOGO_CACHE_KEY)
    if found is None:
        try:
            identity = (
                SiteIdentity.objects.filter(pk=SiteIdentity.SINGLETON_ID).exclude(logo="").first()
            )
        except DatabaseError:
            # An error page while the database is down still renders, with the stock mark.
            return None
        found = (
            {"url": identity.logo.url, "width": identity.logo_width, "height": identity.logo_height}
            if identity
            else {}
        )
        cache.set(LOGO_CACHE_KEY, found, timeout=None)
    return found or None


def forget_logo() -> None:
    cache.delete(LOGO_CACHE_KEY)
