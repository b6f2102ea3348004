"""make bench: the load benchmark (docs/architecture.md, "Quality bars").

Serves the demo content with gunicorn (production settings, 2 workers per
core, WhiteNoise) on loopback, warms up, drives load with wrk for 15 s at 16
and 64 connections per page, and prints a table of requests/s, p50/p99
latency and non-2xx counts, each page's SQL queries on a cache miss and its
HTML bytes, the ratio of each page to the static file (the ceiling of this
server), and the email worker's throughput. The same figures are written as
JSON under .data/bench/ for comparison between runs.

    python -m bench [--duration 15] [--connections 16,64] [--no-email]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(port: int) -> dict:
    env = dict(os.environ)
    env.pop("DEBUG", None)
    env.pop("TASKS_IMMEDIATE", None)
    env.update(
        {
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "EMAIL_URL": "consolemail://",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


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
         "/stories/?q=hope": "/stories/?q=hope", "/media-contact/": "/media-contact/",
         # A parameter the page cache does not know makes every request a cache miss.
         "/stories/ uncached": "/stories/?utm_source=bench",
         "story uncached": story_url and story_url + "?utm_source=bench"}
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


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer at {url} within {timeout}s")


LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def run_wrk(url: str, connections: int, duration: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url],
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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--connections", default="16,64")
    parser.add_argument("--no-email", action="store_true")
    args = parser.parse_args(argv)
    connection_levels = [int(c) for c in args.connections.split(",")]

    ensure_wrk()
    port = free_port()
    env = production_env(port)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "load_demo", "--if-empty")
    pages, static = page_facts(env)

    workers = 2 * (os.cpu_count() or 1)
    gunicorn = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    results: dict = {}
    try:
        wait_until_up(base + "/healthz")
        targets = {label: facts["url"] for label, facts in pages.items()}
        targets["static css"] = static["url"]
        for url in targets.values():  # warm every worker's caches and connections
            run_wrk(base + url, workers * 2, 1)
        for label, url in targets.items():
            results[label] = {"url": url, **pages.get(label, {})}
            for connections in connection_levels:
                results[label][f"c{connections}"] = run_wrk(base + url, connections, args.duration)
                print(
                    f"  {label:<20} c{connections:<3} {results[label][f'c{connections}']}",
                    flush=True,
                )
    finally:
        gunicorn.terminate()
        gunicorn.wait(30)

    static_rps = {c: results["static css"][f"c{c}"]["requests_per_s"] for c in connection_levels}
    for row in results.values():
        for c in connection_levels:
            row[f"c{c}"]["ratio_to_static"] = round(
                row[f"c{c}"]["requests_per_s"] / static_rps[c], 3
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
    header = f"{'page':<20} {'conn':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'÷static':>8} {'queries':>8} {'bytes':>8}"
    print(header)
    print("-" * len(header))
    for label, row in report["pages"].items():
        for c in levels:
            r = row[f"c{c}"]
            print(
                f"{label:<20} {c:>4} {r['requests_per_s']:>9.1f} {r.get('p50_ms', 0):>8.2f} "
                f"{r.get('p99_ms', 0):>8.2f} {r['non_2xx']:>8} {r['ratio_to_static']:>8.2f} "
                f"{row.get('queries', '-'):>8} {row.get('html_bytes', '-'):>8}"
            )
    email = report.get("email") or {}
    print("\nemail worker:\n" + email.get("output", email.get("skipped", "")))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
