"""Whole-page caching of the public story pages, invalidated the moment anything changes.

Visitors' pages (home, list and search, story, feed, sitemap, robots.txt) are
stored whole in the shared cache (CACHE_URL) under a *content version*. Any
save or delete of a stories model, once its transaction commits, drops the
version, so the very next request on every app server renders afresh.
Changes no save announces (a scheduled story's time arriving, an expiry,
consent running out at midnight) are handled by giving each version an end:
the next such moment, found with one query when the version is made.

Staff are never served from, nor written to, the cache: a request carrying a
session cookie (only signed-in staff have one) bypasses it, so a preview
can't leak into a visitor's page. The pages with forms are not wrapped here.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse
from django.utils import timezone

VERSION_KEY = "stories:pages:version"
# A version also ends after this long, a safety net for changes made behind
# the ORM's back (raw SQL, a restored backup).
MAX_AGE = 15 * 60
CACHEABLE_PARAMS = {"q", "page", "country", "theme"}
MAX_PARAM_LENGTH = 200


def next_transition(now: datetime.datetime) -> float:
    """Unix time of the next moment a story appears or disappears by the clock alone."""
    from stories.models import Story

    found = Story.objects.filter(
        state__in=[Story.State.PUBLISHED, Story.State.SCHEDULED]
    ).aggregate(
        publish=Min("publish_at", filter=_after("publish_at", now)),
        expire=Min("expire_at", filter=_after("expire_at", now)),
        consent=Min(
            "consent_expires_on", filter=_after("consent_expires_on", timezone.localdate(now))
        ),
    )
    moments = [found["publish"], found["expire"]]
    if found["consent"]:
        # Consent that ends on a date hides the story from the start of that date.
        midnight = datetime.datetime.combine(found["consent"], datetime.time.min)
        moments.append(timezone.make_aware(midnight))
    moments = [m.timestamp() for m in moments if m is not None]
    return min(moments, default=float("inf"))


def _after(field, value):
    from django.db.models import Q

    return Q(**{f"{field}__gt": value})


def _cache_is_per_process() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def _change_marker() -> Path:
    return Path(settings.DATA_DIR) / "page-cache-version"


def _version_key() -> str:
    """Where the version lives. A shared cache (Redis) holds it for every
    process; the default local-memory cache is one per process (each gunicorn
    worker, the background worker), so there a change is also announced in a
    small file under DATA_DIR that every process on this machine reads."""
    if not _cache_is_per_process():
        return VERSION_KEY
    try:
        return f"{VERSION_KEY}:{_change_marker().read_text()}"
    except OSError:
        return VERSION_KEY


def current_version() -> str:
    key = _version_key()
    state = cache.get(key)
    now = time.time()
    if state is None or now >= state["until"]:
        until = min(now + MAX_AGE, next_transition(timezone.now()))
        state = {"version": uuid.uuid4().hex, "until": until}
        cache.set(key, state, timeout=None)
    return state["version"]


def _forget_version() -> None:
    cache.delete(_version_key())
    if _cache_is_per_process():
        marker = _change_marker()
        marker.parent.mkdir(parents=True, exist_ok=True)
        spare = marker.with_name(f"{marker.name}.{uuid.uuid4().hex}")
        spare.write_text(uuid.uuid4().hex)
        spare.replace(marker)  # atomic: a reader sees the old token or the new one


def invalidate() -> None:
    """Forget the version once the current transaction commits.

    Not before: a request between the change and the commit would read the
    old rows and store them under the new version.
    """
    transaction.on_commit(_forget_version)


def invalidate_on_change(sender, **kwargs) -> None:
    invalidate()


def _cache_key(request, version: str) -> str | None:
    params = request.GET
    if set(params) - CACHEABLE_PARAMS:
        return None
    if any(len(value) > MAX_PARAM_LENGTH for value in params.values()):
        return None
    query = urlencode(sorted(params.lists()), doseq=True)
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    return f"stories:page:{version}:{digest}"


def cache_for_visitors(view):
    """Serve a visitor's GET from the cache, or render it and keep it there."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return view(request, *args, **kwargs)
        key = _cache_key(request, current_version())
        if key is None:
            return view(request, *args, **kwargs)
        stored = cache.get(key)
        if stored is not None:
            response = HttpResponse(stored["content"], content_type=stored["content_type"])
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        ):
            cache.set(
                key,
                {"content": response.content, "content_type": response["Content-Type"]},
                timeout=MAX_AGE,
            )
        response["X-Page-Cache"] = "miss"
        return response

    return wrapper


def connect_signals() -> None:
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in apps.get_app_config("stories").get_models():
        if not getattr(model, "shown_on_pages", True):
            continue  # drafts, versions, reviews: visitors see none of it
        post_save.connect(invalidate_on_change, sender=model, dispatch_uid=f"pages-{model}")
        post_delete.connect(invalidate_on_change, sender=model, dispatch_uid=f"pages-d-{model}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                invalidate_on_change,
                sender=field.remote_field.through,
                dispatch_uid=f"pages-m2m-{model}-{field.name}",
            )
