"""Whole-page caching of the public story pages, and what each page shows.

Visitors' pages (home, list and search, story, feed, sitemap, robots.txt) are
stored whole in the shared cache (CACHE_URL), headers and gzip/brotli bodies
included, under a *content version*, and served by ``PageCacheMiddleware``
near the top of the middleware stack, so a hit costs little more than a
static file. Any change in the stories app, once it commits, drops the
version (``forget_version``, called from the task layer), so the very next
request on every app server renders afresh. Changes no save announces (a
scheduled story's time arriving, an expiry, consent running out at
midnight) are handled by giving each version an end: the next such moment
(``StoryQuerySet.next_transition``).

Each page also names what it shows as surrogate keys (``story-<id>`` for
every story on it, ``home``, ``stories-list``, ``feed``, ``sitemap``,
``robots``, and ``site`` on all of them), so the edge in front (Varnish, a
CDN) can be purged of exactly the pages a change touches; ``keys_for`` maps
a changed row to those keys.

Staff are never served from, nor written to, the cache: a request carrying a
real session (only signed-in staff have one) bypasses it, and its pages are
``private``, so a preview can't leak into a visitor's page. A cookie that
merely looks like a session does not bypass it. Tracking parameters
(``utm_*``, ``fbclid`` …) are removed before any view sees the request.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import os
import re
import sys
import time
import uuid
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import brotli
from django.conf import settings
from django.core.cache import cache
from django.core.handlers.base import BaseHandler
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError
from django.db.models import Count, Q
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response

from config.locale import language_codes, language_of_path
from edge.headers import (
    mark_private,
    mark_public,
    public_cache_control,
    public_vary,
    strong_etag,
)
from stories.models import (
    ANY_LANGUAGE,
    CallToAction,
    Clip,
    Collection,
    CollectionItem,
    Country,
    ImpactFigure,
    PullQuote,
    SlugRedirect,
    Story,
    StoryImage,
    Theme,
    normalise_search,
)

VERSION_KEY = "stories:pages:version"
# A version also ends after this long, a safety net for changes made behind
# the ORM's back (raw SQL, a restored backup).
MAX_AGE = 15 * 60
# ``untranslated``: the list a story's language switcher leads to when the
# story has no version in that language (config/locale.py).
CACHEABLE_PARAMS = {"q", "page", "country", "theme", "untranslated"}
MAX_PARAM_LENGTH = 200
# Added by social networks, mail and ad platforms to every click; unique per
# click, and meaningless to the page.
TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "_ga",
    "ref",
}
# Headers computed per request on a hit, not stored.
UNSTORED_HEADERS = {"cache-control", "content-length", "content-encoding", "etag", "set-cookie"}
ACCEPTS = {coding: re.compile(rf"\b{coding}\b") for coding in ("br", "gzip")}

SITE_KEY = "site"
LIST_KEY = "stories-list"
LISTING_KEYS = (LIST_KEY, "feed", "sitemap")
# The story list's page size; here, not in the views, because ``paths_for``
# names every page of the list.
STORIES_PER_PAGE = 12
# The list's filter form sends all three fields, empty or not.
FILTER_FORM_FIELDS = ("country", "q", "theme")


def story_key(story_id: int) -> str:
    return f"story-{story_id}"


# ------------------------------------------------------------- versions


def cache_is_per_process() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("LocMemCache")


def _change_marker() -> Path:
    return Path(settings.DATA_DIR) / "page-cache-version"


def _change_marker_name() -> str:
    # os.path, not pathlib: this runs on every cache lookup, hits included.
    return os.path.join(settings.DATA_DIR, "page-cache-version")


def _version_key() -> str:
    """Where the version lives. A shared cache (Redis) holds it for every
    process; the default local-memory cache is one per process (each gunicorn
    worker, the background worker), so there a change is also announced by
    replacing a small file under DATA_DIR, whose identity every process on
    this machine checks with one stat() per request."""
    if not cache_is_per_process():
        return VERSION_KEY
    try:
        marker = os.stat(_change_marker_name())
    except OSError:
        return VERSION_KEY
    return f"{VERSION_KEY}:{marker.st_ino}:{marker.st_mtime_ns}"


def current_state() -> dict:
    """The content version, when it ends, and the next moment a page changes by the clock."""
    key = _version_key()
    state = cache.get(key)
    now = time.time()
    if state is None or now >= state["until"]:
        transition = Story.objects.next_transition(timezone.now())
        state = {
            "version": uuid.uuid4().hex,
            "until": min(now + MAX_AGE, transition),
            "transition": transition,
        }
        cache.set(key, state, timeout=None)
    return state


def current_version() -> str:
    return current_state()["version"]


def forget_version() -> None:
    """Drop the version: every page renders afresh on its next request.

    Called once the change has committed, never before: a request between
    the change and the commit would read the old rows and store them under
    the new version.
    """
    cache.delete(_version_key())
    if cache_is_per_process():
        marker = _change_marker()
        marker.parent.mkdir(parents=True, exist_ok=True)
        spare = marker.with_name(f"{marker.name}.{uuid.uuid4().hex}")
        spare.write_text(uuid.uuid4().hex)
        spare.replace(marker)  # atomic: a new inode, so every stat() sees the change


# ------------------------------------------------------------ page keys


def keys_for(instance) -> set[str]:
    """The surrogate keys of the pages a change to ``instance`` may alter."""
    if isinstance(instance, Story):
        keys = {story_key(instance.pk), *LISTING_KEYS}
        # Its card among a related story's cards: appearing, changing or going.
        # Either language's pages (a story's key names its pages in both).
        related = (
            Story.objects.visible(language=ANY_LANGUAGE)
            .sharing_a_theme_or_country(instance.themes.values("pk"), instance.country_id)
            .exclude(pk=instance.pk)
        )
        keys |= {story_key(pk) for pk in related.values_list("pk", flat=True)}
        # The pages linking to it: the link follows its address, or becomes
        # plain text while visitors can't see it (story_body.py).
        linking = (
            Story.objects.visible(language=ANY_LANGUAGE)
            .linking_to(instance.pk)
            .exclude(pk=instance.pk)
        )
        keys |= {story_key(pk) for pk in linking.values_list("pk", flat=True)}
        if CollectionItem.objects.filter(
            story_id=instance.pk, collection__slug=Collection.HOME_SLUG
        ).exists():
            keys.add("home")  # becoming visible puts it on the home page
        return keys
    if isinstance(instance, ImpactFigure | PullQuote | SlugRedirect):
        return {story_key(instance.story_id)}
    if isinstance(instance, Collection | CollectionItem | CallToAction):
        return {"home"}
    if isinstance(instance, StoryImage):
        stories = Story.objects.filter(hero_image=instance) | Story.objects.filter(
            clip__poster=instance
        )
        keys = {story_key(pk) for pk in stories.values_list("pk", flat=True)}
        if Collection.objects.filter(hero_image=instance).exists():
            keys.add("home")
        return keys
    if isinstance(instance, Clip):
        return {story_key(pk) for pk in instance.story_set.values_list("pk", flat=True)}
    if instance._meta.model_name.startswith("historical"):
        return set()  # a version record; the row it records sends its own signal
    return {SITE_KEY}  # countries, themes: their names are on many pages


MAIN_PATHS = {"home": "stories:home", LIST_KEY: "stories:list", "feed": "stories:feed"}


def _in_each_language(name: str, **kwargs) -> list[str]:
    paths = []
    for code in language_codes():
        with translation.override(code):
            paths.append(reverse(name, kwargs=kwargs))
    return list(dict.fromkeys(paths))


def _story_paths(stories) -> list[str]:
    """Each story's address in every language it is written in."""
    return [url for story in stories for code in language_codes() if (url := story.url_in(code))]


def _page_count(stories: int) -> int:
    # One more than there are: a change that just shortened the list leaves
    # its old last page held.
    return -(-stories // STORIES_PER_PAGE) + 1


def _list_variants(code: str) -> list[str]:
    """The story list's addresses in language ``code`` besides its first
    page: every page of the whole list and of each country's and theme's
    list, each as a link spells it (``?country=kenya&page=2``) and as the
    filter form sends it (``?country=kenya&page=2&q=&theme=``), parameters
    sorted as the app's cache key and the shipped VCL sort them; and the
    list the language switcher leads to. Searches and combined filters
    can't be listed: they wait out their ``s-maxage`` (README)."""
    visible = Story.objects.visible(language=code)
    lists = [({}, visible.count())]
    # Every country and theme, not only those with stories now: the change
    # may have taken a list's last story away.
    for field, model, stories in (("country", Country, "story"), ("theme", Theme, "stories")):
        shown = Count(stories, filter=Q(**{f"{stories}__in": visible}))
        lists += [
            ({field: slug}, count)
            for slug, count in model.objects.annotate(shown=shown).values_list("slug", "shown")
        ]
    with translation.override(code):
        base = reverse("stories:list")
    paths = [f"{base}?untranslated=1"]
    for chosen, count in lists:
        for page in range(1, _page_count(count) + 1):
            link = {**chosen, **({"page": str(page)} if page > 1 else {})}
            form = {**dict.fromkeys(FILTER_FORM_FIELDS, ""), **link}
            paths += [
                f"{base}?{urlencode(sorted(query.items()))}" for query in (link, form) if query
            ]
    return paths


def _showing_the_newest() -> set[int]:
    """The stories whose page shows the newest stories as related, in some language."""
    return {
        pk
        for code in language_codes()
        for pk in Story.objects.visible(language=code)
        .without_relatives()
        .values_list("pk", flat=True)
    }


def paths_for(keys) -> list[str]:
    """The addresses of the pages behind ``keys``, for caches that purge by URL:
    each page in every language (a story only where it is written), and for
    ``stories-list`` the list's pages and filters too (``_list_variants``)."""
    keys = set(keys)
    if SITE_KEY in keys:
        keys |= {*MAIN_PATHS, "sitemap", "robots"}
        story_ids = Story.objects.visible(language=ANY_LANGUAGE).values_list("pk", flat=True)
    else:
        story_ids = [int(k.removeprefix("story-")) for k in keys if k.startswith("story-")]
    paths = [
        path for key, name in MAIN_PATHS.items() if key in keys for path in _in_each_language(name)
    ]
    if LIST_KEY in keys:
        paths += [path for code in language_codes() for path in _list_variants(code)]
        # The pages whose related cards are the newest stories name the list too.
        story_ids = {*story_ids, *_showing_the_newest()}
    paths += [reverse(key) for key in ("sitemap", "robots") if key in keys]
    paths += _story_paths(Story.objects.filter(pk__in=story_ids))
    return paths


def most_read_paths() -> list[str]:
    """What visitors read most, warmed first after a change: home, the first
    list page, the feed (English, then French), then every visible story in
    each of its languages, newest first."""
    stories = Story.objects.visible(language=ANY_LANGUAGE).order_by("-publish_at", "-pk")
    return [
        path for name in MAIN_PATHS.values() for path in _in_each_language(name)
    ] + _story_paths(stories)


# ------------------------------------------------------- request rules


def is_tracking(name: str) -> bool:
    return name.startswith("utm_") or name in TRACKING_PARAMS


def drop_tracking_params(request) -> None:
    """Remove tracking parameters so no view (nor a link it builds) sees them."""
    if not any(is_tracking(name) for name in request.GET):
        return
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if not is_tracking(name):
            kept.setlist(name, values)
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


def has_real_session(request) -> bool:
    """Does this request carry a live session (a signed-in staff member)?

    Only staff sign in, so only they have a session. A cookie by that name
    that names no live session (a crawler's replay, a stale or forged one)
    does not make a visitor's page uncacheable. Behind SessionMiddleware the
    session it loads anyway is asked; above it (a page-cache hit), the store.
    """
    if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return False
    session = getattr(request, "session", None)
    if session is not None:
        return bool(session.keys())  # loads once, shared with the session middleware
    if not hasattr(request, "_has_real_session"):
        engine = import_module(settings.SESSION_ENGINE)
        key = request.COOKIES[settings.SESSION_COOKIE_NAME]
        request._has_real_session = bool(engine.SessionStore(key).load())
    return request._has_real_session


def cache_key(request, version: str) -> str | None:
    """The page's key, or None when the address is not one to cache."""
    params = []
    for name, values in request.GET.lists():
        if name not in CACHEABLE_PARAMS:
            return None
        if any(len(value) > MAX_PARAM_LENGTH for value in values):
            return None
        params.append((name, [normalise_search(v) if name == "q" else v for v in values]))
    query = urlencode(sorted(params), doseq=True)
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()
    # The language by name too: a French page and an English one never share a key.
    return f"stories:page:{version}:{translation.get_language()}:{digest}"


@functools.lru_cache(maxsize=4096)
def _is_page_cached(urlconf: str, language: str, path: str) -> bool:
    """Does ``path`` go to a page-cached view? Remembered per address (the
    URL patterns don't change while a process runs), so a hit doesn't walk
    the resolver; hostile addresses only push out old entries. The French
    patterns match only while French is active, hence ``language``."""
    try:
        return getattr(resolve(path, urlconf).func, "page_cached", False)
    except Resolver404:
        return False


# --------------------------------------------------------- the cache


def _entry(response) -> dict:
    identity = response.content
    bodies = {
        "identity": identity,
        "gzip": gzip.compress(identity, compresslevel=6, mtime=0),
        # Quality 5: within a few percent of 9 at a twentieth of the time.
        "br": brotli.compress(identity, quality=5),
    }
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
    ]
    headers = [(name, value) for name, value in headers if name.lower() != "vary"]
    # Stored as CacheHeadersMiddleware would send it, so a hit need not pass through it.
    headers.append(("Vary", public_vary(response.get("Vary", ""))))
    return {
        "status": response.status_code,
        "headers": headers,
        "bodies": bodies,
        "etags": {
            coding: strong_etag(identity, "" if coding == "identity" else coding)
            for coding in bodies
        },
    }


def _serve(request, entry: dict, state: dict, outcome: str) -> HttpResponse:
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    coding = next((c for c, pattern in ACCEPTS.items() if pattern.search(accepted)), "identity")
    response = HttpResponse(entry["bodies"][coding], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    if coding != "identity":
        response["Content-Encoding"] = coding
    response["ETag"] = entry["etags"][coding]
    response["Content-Length"] = str(len(entry["bodies"][coding]))
    response["Cache-Control"] = public_cache_control(state["transition"] - time.time())
    response["X-Page-Cache"] = outcome
    # The caching contract is complete: CacheHeadersMiddleware passes it on as it is.
    response.contract_kept = True
    return get_conditional_response(request, etag=response["ETag"], response=response)


class PageCacheMiddleware:
    """Answers a visitor's GET from the page cache before the rest of the
    stack runs, and keeps the pages ``cache_for_visitors`` marked on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The address's language, before anything resolves or renders (a hit
        # skips UrlLanguageMiddleware; an error page above it speaks it too),
        # and only for this request: what ran before it gets its own language
        # back. (An error raised here, e.g. an unknown host, keeps the
        # address's language for its error page.)
        before = translation.get_language()
        language = language_of_path(request.path_info)
        translation.activate(language)
        response = self._answer(request, language)
        if before:
            translation.activate(before)
        else:
            translation.deactivate_all()
        return response

    def _answer(self, request, language):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        request.get_host()  # a hit answers only hosts the site serves, like a miss
        drop_tracking_params(request)
        if not _is_page_cached(settings.ROOT_URLCONF, language, request.path_info):
            return self.get_response(request)  # the admin, forms, /healthz: nothing to look up
        try:
            state = request.page_cache_state = current_state()
        except DatabaseError:
            return self.get_response(request)  # no version to key on; /healthz says why
        key = cache_key(request, state["version"])
        if key is None:
            return self.get_response(request)
        request.page_cache_key = key  # kept pieces (stories/fragments.py) serve only such pages
        stored = cache.get(key)
        # The session is looked up only when there is a page to hand out.
        if stored is not None and not has_real_session(request):
            return _serve(request, stored, state, "hit")
        response = self.get_response(request)
        if (
            getattr(response, "page_cacheable", False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            entry = _entry(response)
            cache.set(key, entry, timeout=MAX_AGE)
            return _serve(request, entry, state, "miss")
        return response


def cache_for_visitors(view, keys=()):
    """Make ``view`` a public page naming ``keys`` (the view may add its
    own with ``edge.headers.add_keys``), kept by ``PageCacheMiddleware``;
    for signed-in staff the same page is private."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if has_real_session(request):
            return mark_private(response)
        if response.status_code != 200:
            return response
        state = getattr(request, "page_cache_state", None) or current_state()
        mark_public(response, [*keys, SITE_KEY], fresh_for=state["transition"] - time.time())
        response.page_cacheable = True
        return response

    wrapper.page_cached = True
    return wrapper


def keys_of_stories(stories, story_ids=(), *, newest=False) -> list[str]:
    """The keys naming the stories a page shows (``story_ids``: those it
    only links to, or shows by id). ``newest``: it shows the newest stories
    (a story's related cards, when none is related:
    ``StoryQuerySet.related_to``), so it changes whenever the list does, and
    names the list too."""
    keys = [story_key(pk) for pk in [*(story.pk for story in stories), *story_ids]]
    return [*keys, LIST_KEY] if newest else keys


# ------------------------------------------------------------ warming


def warming_is_useful() -> bool:
    """A page rendered in the worker helps the web servers only through a shared cache."""
    return not cache_is_per_process()


def render_into_cache(paths) -> int:
    """Render each page as a visitor's GET would, which stores it; returns how many were stored."""
    site = urlsplit(settings.SITE_URL)
    handler = BaseHandler()
    handler.load_middleware()
    stored = 0
    for path in paths:
        request = WSGIRequest(
            {
                "REQUEST_METHOD": "GET",
                "PATH_INFO": path,
                "SCRIPT_NAME": "",
                "QUERY_STRING": "",
                "SERVER_NAME": site.hostname,
                "SERVER_PORT": str(site.port or (443 if site.scheme == "https" else 80)),
                "HTTP_HOST": site.netloc,
                "HTTP_ACCEPT_ENCODING": "gzip, br",
                "REMOTE_ADDR": "127.0.0.1",
                "SERVER_PROTOCOL": "HTTP/1.1",
                "wsgi.url_scheme": site.scheme,
                "wsgi.input": io.BytesIO(b""),
                "wsgi.errors": sys.stderr,
            }
        )
        # Not response.close(): that announces request_finished, which
        # closes the worker's database connection mid-task.
        response = handler.get_response(request)
        stored += response.get("X-Page-Cache") == "miss"
    return stored
