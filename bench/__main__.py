"""make bench: the load benchmark (docs/architecture.md, "Quality bars").

Serves the demo content with gunicorn (production settings, 2 workers per
core, WhiteNoise) on loopback, warms up, drives load with wrk for 15 s at 16
and 64 connections per page, and prints a table of requests/s, p50/p99
latency and non-2xx counts, each page's SQL queries on a cache miss and its
HTML bytes, the ratio of each page to the static file (the ceiling of this
server), and the email worker's throughput. The same figures are written as
JSON under .data/bench/ for comparison between runs.

"Social traffic" rows send a story with a ?fbclid= never seen before on every
request (bench/unique_fbclid.lua); each is compared with the "scripted" row
above it, the same story driven by the same per-request Lua work without the
parameter (the same script, "control"), since wrk shares the cores it measures.
When varnishd is installed (as root the benchmark installs it from Debian),
the same pages go through Varnish started from deploy/varnish/stories.vcl,
and the purge latency (an edit's commit to the changed page through Varnish,
with the worker doing the purge) is measured over 20 edits. Last, the
uncached render time of /, /stories/ and a story (median of 50 in-process
requests, bench/render.py): with a cold cache, after an edit of a story each
page shows, after an edit of one it doesn't show, and at a new address.

    python -m bench [--duration 15] [--connections 16,64] [--no-email]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from config.dev import free_port as any_free_port
from config.dev import prepare_demo, production_environment, start_gunicorn, wait_until_up

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
# The worker's poll interval when idle: a change reaches the edge within about this long.
WORKER_INTERVAL = 0.2


# BENCH_PORT=8180 makes the benchmark use 8180 (gunicorn), 8181 and 8182
# (Varnish and its admin port) instead of any free ones, when loopback ports are shared.
_fixed_ports = (
    iter(range(int(os.environ["BENCH_PORT"]), 65536)) if os.environ.get("BENCH_PORT") else None
)


def free_port() -> int:
    if _fixed_ports is not None:
        return next(_fixed_ports)
    return any_free_port()


def page_facts(env: dict) -> tuple[dict, dict]:
    """Per page: SQL queries on a cache miss and HTML bytes, measured in-process."""
    script = r"""
import json, django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from stories.models import Story
story = Story.objects.visible().order_by("-pk").first()
story_url = story.get_absolute_url() if story else None
pages = {"/": "/", "/stories/": "/stories/", "story": story_url,
         "/stories/?q=hope": "/stories/?q=hope", "/media-contact/": "/media-contact/"}
facts = {}
client = Client(HTTP_HOST="127.0.0.1")
for label, url in pages.items():
    if url is None:
        continue
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    facts[label] = {"url": url, "status": response.status_code, "queries": len(queries),
                    "html_bytes": len(response.content)}
from django.contrib.staticfiles.storage import staticfiles_storage
print(json.dumps({"pages": facts, "static": staticfiles_storage.url("css/site.css")}))
"""
    out = subprocess.run(
        [PYTHON, "-c", script],
        cwd=BASE_DIR,
        env=env | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return data["pages"], {"url": data["static"]}


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


# A wrk script and its arguments: a unique ?fbclid= per request, and its
# control, the same work in wrk without the parameter (see the script).
SOCIAL = (BASE_DIR / "bench" / "unique_fbclid.lua",)
SOCIAL_CONTROL = (*SOCIAL, "control")


def run_wrk(url: str, connections: int, duration: int, script: tuple = ()) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
        + (["-s", str(script[0]), url, "--", *script[1:]] if script else [url]),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    latencies = {f"p{p}_ms": round(float(v) * UNIT[u], 2) for p, v, u in LATENCY.findall(out)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    return {
        "requests_per_s": round(rps, 1),
        **latencies,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk from Debian…", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
        return
    raise SystemExit("make bench needs wrk: sudo apt-get install wrk")


def ensure_varnish() -> bool:
    from bench.varnish import varnishd_path

    if varnishd_path():
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing Varnish from Debian…", flush=True)
        done = subprocess.run(["apt-get", "install", "-y", "-qq", "varnish", "varnish-modules"])
        return done.returncode == 0 and varnishd_path() is not None
    print("No Varnish rows: sudo apt-get install varnish varnish-modules", flush=True)
    return False


def measure(results: dict, label: str, url: str, levels, duration, script=(), facts=None):
    results[label] = {"url": url, **(facts or {})}
    for connections in levels:
        results[label][f"c{connections}"] = run_wrk(url, connections, duration, script)
        print(f"  {label:<22} c{connections:<3} {results[label][f'c{connections}']}", flush=True)


def json_from(env: dict, *args: str) -> dict:
    out = subprocess.run(
        [PYTHON, *args],
        cwd=BASE_DIR,
        env=env | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--no-email", action="store_true")
    args = parser.parse_args(argv)
    connection_levels = [int(c) for c in args.connections.split(",")]

    ensure_wrk()
    with_varnish = ensure_varnish()
    port = free_port()
    env = production_environment(os.environ, port)
    prepare_demo(env)
    pages, static = page_facts(env)

    workers = 2 * (os.cpu_count() or 1)
    gunicorn = start_gunicorn(env, port, workers)
    base = f"http://127.0.0.1:{port}"
    results: dict = {}
    extra: dict = {}
    varnish = worker = None
    try:
        wait_until_up(base + "/healthz")
        targets = {label: facts["url"] for label, facts in pages.items()}
        targets["static css"] = static["url"]
        for url in targets.values():  # warm every worker's caches and connections
            run_wrk(base + url, workers * 2, 1)
        for label, url in targets.items():
            measure(
                results, label, base + url, connection_levels, args.duration, (), pages.get(label)
            )
        story_url = pages["story"]["url"]
        for label, script in (("story, scripted", SOCIAL_CONTROL), ("story +fbclid", SOCIAL)):
            measure(results, label, base + story_url, connection_levels, args.duration, script)
        if with_varnish:
            from bench.varnish import Varnish

            varnish = Varnish(port, free_port(), free_port()).start()
            through = {f"varnish {label}": targets[label] for label in ("/", "/stories/", "story")}
            through["varnish static css"] = static["url"]
            for url in through.values():
                run_wrk(varnish.url(url), workers * 2, 1)
            for label, url in through.items():
                measure(results, label, varnish.url(url), connection_levels, args.duration)
            for label, script in (
                ("varnish story, scripted", SOCIAL_CONTROL),
                ("varnish story +fbclid", SOCIAL),
            ):
                measure(
                    results, label, varnish.url(story_url), connection_levels, args.duration, script
                )
            edge_env = env | {"EDGE_CACHE_URL": f"varnish://127.0.0.1:{varnish.port}"}
            worker = subprocess.Popen(
                [PYTHON, "manage.py", "db_worker", "--interval", str(WORKER_INTERVAL)],
                cwd=BASE_DIR,
                env=edge_env,
                stdout=subprocess.DEVNULL,
            )
            extra["purge_latency"] = json_from(
                edge_env, "-m", "bench.purge_latency", varnish.url("/"), "20"
            )
            print(f"  purge latency {extra['purge_latency']}", flush=True)
    finally:
        for process in (worker,):
            if process is not None:
                process.terminate()
                process.wait(30)
        if varnish is not None:
            varnish.stop()
        gunicorn.terminate()
        gunicorn.wait(30)
    # The edits' refreshes run inline (outside the timed requests), so they
    # leave no queued tasks behind for the email worker measured next.
    render_env = env | {"TASKS_IMMEDIATE": "1"}
    extra["uncached_render"] = {
        "cold cache": json_from(render_env, "-m", "bench.render"),
        "after an edit of a story the page shows": json_from(
            render_env, "-m", "bench.render", "--edit-shown"
        ),
        "after an edit of a story the page doesn't show": json_from(
            render_env, "-m", "bench.render", "--edit-elsewhere"
        ),
        "new address, same content": json_from(render_env, "-m", "bench.render", "--warm"),
    }
    print(f"  uncached render {extra['uncached_render']}", flush=True)

    for label, row in results.items():
        static_row = results["varnish static css" if label.startswith("varnish") else "static css"]
        for c in connection_levels:
            row[f"c{c}"]["ratio_to_static"] = round(
                row[f"c{c}"]["requests_per_s"] / static_row[f"c{c}"]["requests_per_s"], 3
            )

    email = None
    if not args.no_email:
        if (BASE_DIR / "bench" / "email.py").exists():
            done = subprocess.run(
                [PYTHON, "-m", "bench.email"], cwd=BASE_DIR, env=env, capture_output=True, text=True
            )
            email = {"exit_code": done.returncode, "output": done.stdout.strip()[-2000:]}
        else:
            email = {"skipped": "bench/email.py is not there yet"}

    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "gunicorn_workers": workers,
        "duration_s": args.duration,
        "pages": results,
        **extra,
        "email": email,
    }
    print_table(report, connection_levels)
    out_dir = BASE_DIR / ".data" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"bench-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"\nJSON: {path}")
    return 0


def print_table(report: dict, levels: list[int]) -> None:
    print(f"\ngunicorn, {report['gunicorn_workers']} workers, {report['duration_s']} s per run\n")
    header = f"{'page':<24} {'conn':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'÷static':>8} {'queries':>8} {'bytes':>8}"
    print(header)
    print("-" * len(header))
    for label, row in report["pages"].items():
        for c in levels:
            r = row[f"c{c}"]
            print(
                f"{label:<24} {c:>4} {r['requests_per_s']:>9.1f} {r.get('p50_ms', 0):>8.2f} "
                f"{r.get('p99_ms', 0):>8.2f} {r['non_2xx']:>8} {r['ratio_to_static']:>8.2f} "
                f"{row.get('queries', '-'):>8} {row.get('html_bytes', '-'):>8}"
            )
    print(
        "\n÷static: against the static file through the same server (Varnish rows: through Varnish)"
    )
    if "purge_latency" in report:
        latency = report["purge_latency"]
        print(
            f"\npurge latency, commit to the changed page through Varnish, {latency['edits']} edits: "
            f"p50 {latency['p50_ms']} ms, p95 {latency['p95_ms']} ms, max {latency['max_ms']} ms"
        )
    for kind, figures in report.get("uncached_render", {}).items():
        line = ", ".join(
            f"{page} {f['median_ms']} ms ({f['queries']} q)"
            if isinstance(f, dict)
            else f"{page} {f}"
            for page, f in figures.items()
        )
        print(f"uncached render, {kind}: {line}")
    email = report.get("email") or {}
    print("\nemail worker:\n" + email.get("output", email.get("skipped", "")))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
