"""Pieces of a page kept across content versions while nothing they show changed.

A page-cache miss after an edit used to render everything again, though an
edit touches few pages: the story page of a story nobody changed, or the
home page when the change was elsewhere, came out the same. Each change
already names the pages it touches as surrogate keys (``caching.keys_for``,
announced by ``tasks.announce_change``); here every key has a *stamp* that
the announcement replaces. A fragment is stored with the stamps of the keys
it shows (the same keys its page sends to the edge), and reused only while
every one of them, the ``site`` key and the moment of the next clock change
(a scheduled publish, an expiry, consent ending) are as they were, and
while the templates are the ones it was rendered with.

Where the stamps live follows the content version (``caching._version_key``):
a shared cache (Redis) holds them for every process; with the default
per-process memory cache, each is a small file under DATA_DIR whose
identity every process reads with one stat(), as the version marker is.

The purge race every edge cache has applies here too, and is narrowed the
same way the page cache narrows it: a fragment is stored only if the content
version did not change while it was rendered.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from stories import caching
from stories.templatetags.template_identity import identity_of

# A fragment outlives a content version, never this: the same safety net for
# changes made behind the ORM's back as the version's own end.
MAX_AGE = caching.MAX_AGE
_SAFE_KEY = re.compile(r"^[a-z0-9-]{1,80}$")


def _stamp_dir() -> str:
    return os.path.join(settings.DATA_DIR, "page-stamps")


def _file_name(key: str) -> str:
    name = key if _SAFE_KEY.match(key) else hashlib.sha256(key.encode()).hexdigest()
    return os.path.join(_stamp_dir(), name)


def _stamp_name(key: str) -> str:
    return f"stories:stamp:{key}"


def stamps(keys) -> dict[str, str]:
    """The current stamp of each key. A key without one (never announced, or
    its stamp evicted from the cache or removed) is given a new one first:
    "no stamp" is never a value, so a lost stamp can't bring back a piece
    stored before the change that replaced it."""
    keys = sorted(set(keys))
    if not caching.cache_is_per_process():
        found = cache.get_many([_stamp_name(key) for key in keys])
        missing = [key for key in keys if _stamp_name(key) not in found]
        for key in missing:
            cache.add(_stamp_name(key), uuid.uuid4().hex, timeout=None)
        if missing:
            found |= cache.get_many([_stamp_name(key) for key in missing])
        return {key: found.get(_stamp_name(key), "") for key in keys}
    result = {}
    for key in keys:
        try:
            result[key] = Path(_file_name(key)).read_text()
        except OSError:
            bump([key])
            result[key] = Path(_file_name(key)).read_text()
    return result


def bump(keys) -> None:
    """Give each key a new stamp: every fragment showing one of them is stale."""
    keys = set(keys)
    if not keys:
        return
    if not caching.cache_is_per_process():
        cache.set_many({_stamp_name(key): uuid.uuid4().hex for key in keys}, timeout=None)
        return
    Path(_stamp_dir()).mkdir(parents=True, exist_ok=True)
    for key in keys:
        marker = Path(_file_name(key))
        spare = marker.with_name(f".{marker.name}.{uuid.uuid4().hex}")
        # The stamp is the file's text, a new random value each time (inode
        # numbers and timestamps can repeat); replace() is atomic, so a
        # reader sees the old text or the new, never half of it.
        spare.write_text(uuid.uuid4().hex)
        spare.replace(marker)


# What the kept pieces are rendered from (with what they include): a deploy
# that changes any of them keeps nothing rendered before it.
KEPT_TEMPLATES = (
    "stories/includes/story_meta.html",
    "stories/includes/story_article.html",
    "stories/includes/home_meta.html",
    "stories/includes/home_content.html",
    "stories/includes/story_card.html",
)


# Raised when the shape of a kept value changes, so a release never reads
# pieces kept by an earlier one that it can't use.
KEPT_SHAPE = 1
# Settings the kept pieces show.
SHOWN_SETTINGS = ("DONATE_URL", "ORGANIZATION_NAME", "SITE_URL")


@functools.cache
def _catalogues_and_settings() -> str:
    """The compiled translations and the settings the pieces show, as one
    digest: worked out once per process (a deploy starts new processes)."""
    digest = hashlib.blake2b(f"{KEPT_SHAPE}".encode(), digest_size=8)
    for folder in settings.LOCALE_PATHS:
        for catalogue in sorted(Path(folder).rglob("*.mo")):
            digest.update(catalogue.read_bytes())
    for name in SHOWN_SETTINGS:
        digest.update(repr(getattr(settings, name, None)).encode())
    return digest.hexdigest()


def release_identity() -> str:
    """What a release renders the pieces with: their templates, translations
    and settings. Pieces kept by a release with another are never reused,
    even from a shared cache that outlives the deploy."""
    names = "".join(identity_of(name) for name in KEPT_TEMPLATES) + _catalogues_and_settings()
    return hashlib.blake2b(names.encode(), digest_size=8).hexdigest()


def state_for(request) -> dict | None:
    """The content version to keep pieces under, or None for a request to
    render afresh: one the page cache would not keep either (an address with
    parameters no page reads, a signed-in staff member), so it always shows
    the rows as they are."""
    if getattr(request, "page_cache_key", None) is None:
        return None
    if caching.has_real_session(request):
        return None  # signed-in staff see the rows as they are, as the page cache lets them
    return getattr(request, "page_cache_state", None)


def kept(request, name: str):
    """The value kept under ``name`` for this request's page, or None."""
    state = state_for(request)
    return get(name, state) if state else None


def keep(request, name: str, value: dict) -> dict:
    """Keep ``value`` (a dict whose "keys" name what it shows) under
    ``name`` while nothing it shows changes; returns it."""
    state = state_for(request)
    if state:
        put(name, value, value["keys"], state)
    return value


def _entry_key(name: str) -> str:
    # Names carry addresses (a story's slug): digested, so any length is a fine key.
    digest = hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
    return f"stories:fragment:{release_identity()}:{translation.get_language()}:{digest}"


def get(name: str, state: dict):
    """The value stored for ``name`` in the active language, if nothing it
    shows has changed since; otherwise None."""
    return get_many([name], state).get(name)


def get_many(names, state: dict) -> dict:
    """``get`` for several names in one cache round trip: {name: value} of those still good."""
    keys = {_entry_key(name): name for name in names}
    entries = {
        keys[key]: entry
        for key, entry in cache.get_many(list(keys)).items()
        if entry["transition"] == state["transition"]
    }
    current = stamps({key for entry in entries.values() for key in entry["stamps"]})
    return {
        name: entry["value"]
        for name, entry in entries.items()
        if all(current[key] == stamp for key, stamp in entry["stamps"].items())
    }


def put(name: str, value, keys, state: dict) -> None:
    """Keep ``value`` for ``name`` while ``keys`` (and ``site``) keep their stamps.

    ``state`` is the content version the value was rendered under; if a
    change was announced meanwhile, the value may hold rows from before it,
    and is not kept.
    """
    put_many({name: (value, keys)}, state)


def put_many(values: dict, state: dict) -> None:
    """``put`` for several {name: (value, keys)} at once."""
    current = stamps({caching.SITE_KEY, *(key for _v, keys in values.values() for key in keys)})
    if caching.current_version() != state["version"] or time.time() >= state["until"]:
        return
    entries = {}
    for name, (value, keys) in values.items():
        shown = {key: current[key] for key in {*keys, caching.SITE_KEY}}
        entries[_entry_key(name)] = {
            "stamps": shown,
            "transition": state["transition"],
            "value": value,
        }
    cache.set_many(entries, timeout=MAX_AGE)
