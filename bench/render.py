"""Uncached render time: the median of 50 sequential requests per page, each a
page-cache miss, through the whole middleware stack, in this process.

    DJANGO_SETTINGS_MODULE=config.settings python -m bench.render [MODE | --profile PAGE]

What makes each request a miss (MODE):

- none: everything cached is dropped (a cold cache);
- --edit-shown: the newest story, which every measured page shows, is saved
  as an editor's save does it (signals, then the task layer's announcement);
- --edit-elsewhere: a story the page doesn't show is saved: the content
  version goes, the pieces kept for the page stay (stories/fragments.py).
  The story page measured is one with related stories (``related_pair``);
- --warm: only that page is dropped (a new search or address within one
  content version, where per-version work is kept).

Prints one JSON line {page: {"median_ms": …, "queries": …}} ("shows every
story" for a page no edit can leave alone). Runs against whatever code is
checked out, so the same script measures before and after.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import statistics
import sys
import time

import django

BENCH_SLUG = "bench-related"


def main(argv: list[str]) -> int:
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext

    from stories import caching
    from stories.models import Story

    newest = Story.objects.visible().order_by("-pk").first()
    pages = {"/": "/", "/stories/": "/stories/", "story": newest.get_absolute_url()}
    client = Client(HTTP_HOST="127.0.0.1")
    if argv[:1] == ["--profile"]:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        for _ in range(20):
            cache.clear()
            profiler.enable()
            client.get(pages[argv[1]])
            profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return 0
    mode = argv[0] if argv else "--cold"

    def story_not_on(url: str):
        """A visible story the page at ``url`` doesn't show (its surrogate keys
        don't name it), or None when it shows every one."""
        cache.clear()
        shown = set(client.get(url)["xkey"].split())
        stories = Story.objects.visible().order_by("publish_at", "pk")
        return next((s for s in stories if caching.story_key(s.pk) not in shown), None)

    def forget(url: str, edited) -> None:
        if edited is not None:
            edited.save()
        elif mode == "--warm":
            cache.delete(caching.cache_key(RequestFactory().get(url), caching.current_version()))
        else:
            cache.clear()

    results = {}
    with related_pair() if mode == "--edit-elsewhere" else contextlib.nullcontext() as paired:
        if paired:
            pages["story"] = paired
        for label, url in pages.items():
            edited = {"--edit-shown": newest, "--edit-elsewhere": story_not_on(url)}.get(mode)
            if mode == "--edit-elsewhere" and edited is None:
                results[label] = "shows every story"
                continue
            timings = []
            for _ in range(3):  # warm templates, connections
                forget(url, edited)
                client.get(url)
            for _ in range(50):
                forget(url, edited)
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            forget(url, edited)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            results[label] = {
                "median_ms": round(statistics.median(timings), 2),
                "queries": len(queries),
            }
    print(json.dumps(results))
    return 0


@contextlib.contextmanager
def related_pair():
    """No two demo stories share a theme or a country, so each demo story
    page shows the newest stories, which any story's edit may change. On a
    site where stories share themes, most edits leave most story pages alone:
    this adds two such stories for the run (a country and theme of their own,
    not on the home page), yields the first one's address, and removes them."""
    from django.utils import timezone

    from stories.models import Country, Story, Theme

    country = Country.objects.create(name="Bench country", slug=BENCH_SLUG)
    theme = Theme.objects.create(name="Bench theme", slug=BENCH_SLUG)
    pair = []
    for number in (1, 2):
        story = Story.objects.create(
            headline=f"A benchmark story, {number} of 2",
            slug=f"{BENCH_SLUG}-{number}",
            summary="Added by the benchmark for one run.",
            body="<p>It shares its theme and country with one other story.</p>",
            state=Story.State.PUBLISHED,
            publish_at=timezone.now() - datetime.timedelta(days=number),
            identifies_nobody=True,
            country=country,
        )
        story.themes.set([theme])
        pair.append(story)
    try:
        yield pair[0].get_absolute_url()
    finally:
        Story.objects.filter(slug__startswith=BENCH_SLUG).delete()
        Country.objects.filter(slug=BENCH_SLUG).delete()
        Theme.objects.filter(slug=BENCH_SLUG).delete()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
