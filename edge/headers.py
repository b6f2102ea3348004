"""The HTTP caching contract every response keeps, for browsers and for the
cache in front of the app (Varnish, a CDN).

A visitor page is ``public`` with a short ``max-age`` for browsers and a long
``s-maxage`` for the edge, never running past the moment the page changes by
the clock; it names what it shows in ``Surrogate-Key`` (Fastly) and ``xkey``
(Varnish), so a change purges exactly those pages. Everything else (forms,
thanks pages, previews, the admin, errors) is ``private, no-store``.
"""

from __future__ import annotations

import functools
import hashlib
import math

from django.utils import translation
from django.utils.cache import get_conditional_response

# Browsers keep a page a minute; the edge keeps it an hour and is purged on change.
BROWSER_MAX_AGE = 60
EDGE_MAX_AGE = 60 * 60
STALE_WHILE_REVALIDATE = 60
# When the app is down, a day-old page beats an error page.
STALE_IF_ERROR = 24 * 60 * 60
PRIVATE = "private, no-store"
KEY_HEADERS = ("Surrogate-Key", "xkey")


def public_cache_control(fresh_for: float = math.inf) -> str:
    """``fresh_for``: seconds until the page may change by the clock alone.

    Neither the fresh lifetime nor the stale-while-revalidate window runs
    past that moment, so a scheduled story appears (and an expired one goes)
    at the edge on the first request after its time. Serving stale when the
    app is down is not bounded: an outage is the one time an old page is the
    better answer.
    """
    fresh_for = max(0, fresh_for)
    shared = int(min(EDGE_MAX_AGE, fresh_for))
    revalidate = int(min(STALE_WHILE_REVALIDATE, fresh_for - shared))
    return (
        f"public, max-age={min(BROWSER_MAX_AGE, shared)}, s-maxage={shared}, "
        f"stale-while-revalidate={revalidate}, stale-if-error={STALE_IF_ERROR}"
    )


def language_key(code: str | None = None) -> str:
    """Every public page also names its language (``lang-en``, ``lang-fr``), so
    one language's pages can be purged alone (a new French catalogue)."""
    return f"lang-{code or translation.get_language()}"


def mark_public(response, keys, fresh_for: float = math.inf):
    """Make ``response`` a public page naming ``keys`` (what it shows) and its language."""
    response["Cache-Control"] = public_cache_control(fresh_for)
    add_keys(response, [*keys, language_key()])
    return response


def add_keys(response, keys) -> None:
    existing = response.get("xkey", "").split()
    merged = " ".join(dict.fromkeys([*existing, *keys]))
    for header in KEY_HEADERS:
        response[header] = merged


def mark_private(response):
    response["Cache-Control"] = PRIVATE
    for header in KEY_HEADERS:
        if header in response:
            del response[header]
    return response


def is_public(response) -> bool:
    return response.get("Cache-Control", "").startswith("public")


def public_vary(vary: str, encoding: bool = True) -> str:
    """A public page's Vary: never Cookie (a visitor page is the same for
    every cookie); Accept-Encoding when it is sent compressed."""
    names = [v.strip() for v in vary.split(",") if v.strip() and v.strip().lower() != "cookie"]
    if encoding and not any(v.lower() == "accept-encoding" for v in names):
        names.append("Accept-Encoding")
    return ", ".join(names)


def strong_etag(content: bytes, coding: str = "") -> str:
    # One tag per representation: the gzip bytes are not the identity bytes.
    digest = hashlib.blake2b(content, digest_size=16).hexdigest()
    return f'"{digest}{"-" + coding if coding else ""}"'


class CacheHeadersMiddleware:
    """Keeps the contract on the way out.

    Public pages lose ``Vary: Cookie`` (sessions and CSRF add it whenever a
    template touches them, and a visitor page is the same for every cookie),
    gain a strong ETag and answer a matching ``If-None-Match`` with 304. A
    response that said nothing about caching is private: only pages that
    opted in are ever shared. Static files never get here (WhiteNoise sits
    above this middleware and sets its own headers).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "contract_kept", False):
            return response  # a page-cache hit, stored with all of the below done
        if not is_public(response):
            if not response.has_header("Cache-Control"):
                mark_private(response)
            return response
        if response.streaming or response.status_code != 200:
            vary = public_vary(response.get("Vary", ""), encoding=False)
            if vary:
                response["Vary"] = vary
            elif response.has_header("Vary"):
                del response["Vary"]
            return response
        response["Vary"] = public_vary(response.get("Vary", ""))
        if not response.has_header("ETag"):
            response["ETag"] = strong_etag(response.content)
        if request.method in ("GET", "HEAD"):
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response


def public_page(view, keys):
    """Make a view's 200 answers public pages naming ``keys``, for pages the
    page cache does not hold (they change only when their rows are saved,
    which purges the keys)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 200:
            mark_public(response, keys)
        return response

    return wrapper
