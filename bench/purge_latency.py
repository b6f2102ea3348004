"""Purge latency: from an edit's commit to the changed page through Varnish.

    python -m bench.purge_latency VARNISH_URL [EDITS]

Edits the newest visible story EDITS times (a save, as the admin makes it;
the worker warms and purges), and after each commit polls the story's page
through Varnish until the new headline is there. Prints one JSON line.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import urllib.request
import uuid

import django


def main(argv: list[str]) -> int:
    django.setup()
    from stories.models import Story

    varnish, edits = argv[0].rstrip("/"), int(argv[1]) if len(argv) > 1 else 20
    story = Story.objects.visible().order_by("-pk").first()
    original = story.headline
    url = varnish + story.get_absolute_url()
    urllib.request.urlopen(url, timeout=10).read()  # noqa: S310 (loopback)
    seconds = []
    try:
        for _ in range(edits):
            marker = uuid.uuid4().hex[:8]
            story.headline = f"{original} ({marker})"
            story.save()  # autocommit: committed when save() returns
            started = time.perf_counter()
            deadline = started + 30
            while marker not in urllib.request.urlopen(url, timeout=10).read().decode():  # noqa: S310
                if time.perf_counter() > deadline:
                    raise SystemExit("the edit never showed through Varnish")
                time.sleep(0.01)
            seconds.append(time.perf_counter() - started)
            time.sleep(0.2)
    finally:
        story.headline = original
        story.save()
    seconds.sort()
    p95 = seconds[max(0, round(0.95 * len(seconds)) - 1)]
    print(
        json.dumps(
            {
                "edits": len(seconds),
                "p50_ms": round(statistics.median(seconds) * 1000),
                "p95_ms": round(p95 * 1000),
                "max_ms": round(seconds[-1] * 1000),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
