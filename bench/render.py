"""Uncached render time: the median of 50 sequential requests per page, each a
page-cache miss, through the whole middleware stack, in this process.

    DJANGO_SETTINGS_MODULE=config.settings python -m bench.render [--warm | --edit | --edit-shown | --profile PAGE]

Prints one JSON line {page: {"median_ms": …, "queries": …}}. Runs against
whatever code is checked out, so the same script measures before and after.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

import django


def main(argv: list[str]) -> int:
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from stories.models import Story

    story = Story.objects.visible().order_by("-pk").first()
    pages = {"/": "/", "/stories/": "/stories/", "story": story.get_absolute_url()}
    client = Client(HTTP_HOST="127.0.0.1")
    if argv[:1] == ["--profile"]:
        import cProfile
        import pstats

        url = pages[argv[1]]
        profiler = cProfile.Profile()
        for _ in range(20):
            cache.clear()
            profiler.enable()
            client.get(url)
            profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)
        return 0

    oldest = Story.objects.visible().order_by("publish_at", "pk").first()

    def forget_page(url: str) -> None:
        """Make the next request for ``url`` a page-cache miss. With --warm, only
        that page is dropped (a new search or address within one content
        version, where per-version work is kept). With --edit, the oldest
        story is saved, as an editor's save does it (signals, the task
        layer's announcement): the content version goes, and with it what
        shows that story; what doesn't show it is kept (story cards,
        stories/fragments.py). With --edit-shown, the newest story is saved,
        which every measured page shows. Otherwise everything is dropped."""
        if edit or edit_shown:
            (story if edit_shown else oldest).save()
            return
        if not warm:
            cache.clear()
            return
        from django.test import RequestFactory

        from stories import caching

        cache.delete(caching.cache_key(RequestFactory().get(url), caching.current_version()))

    warm = "--warm" in argv
    edit = "--edit" in argv
    edit_shown = "--edit-shown" in argv
    results = {}
    for label, url in pages.items():
        timings = []
        for _ in range(3):  # warm templates, connections
            forget_page(url)
            client.get(url)
        for _ in range(50):
            forget_page(url)
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
        forget_page(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        results[label] = {
            "median_ms": round(statistics.median(timings), 2),
            "queries": len(queries),
        }
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
