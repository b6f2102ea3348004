"""Serve the demo site with production settings, then photograph or audit it.

    python -m showcase screenshots   six screenshots under docs/screenshots/ (real Chromium)
    python -m showcase lighthouse    Lighthouse, mobile and desktop, on four pages; a table
                                     (or on the pages named after it: lighthouse /fundraise/)

Both use the same local set-up as `make run` (embedded PostgreSQL, the demo
content when the database has none) and gunicorn on a free loopback port,
stopped again by PID. Lighthouse comes from npm, installed on first use
under .data/lighthouse, and drives the Debian Chromium (CHROME_PATH).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

from config.dev import (
    free_port,
    local_environment,
    npm_install,
    prepare_demo,
    production_environment,
    start_gunicorn,
    wait_until_up,
)

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
LIGHTHOUSE_VERSION = "13.5.0"
SCREENSHOT_DIR = BASE_DIR / "docs" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

# (file name, page, viewport, full page?)
SCREENSHOTS = [
    ("home-desktop.png", "/", DESKTOP, False),
    ("home-mobile.png", "/", PHONE, False),
    ("story-desktop.png", "/stories/the-wisdom-of-a-seven-year-old/", DESKTOP, False),
    ("story-clip-mobile.png", "/stories/finally-headed-home/", PHONE, False),
    ("media-contact-mobile.png", "/media-contact/", PHONE, False),
    ("fundraise-desktop.png", "/fundraise/", DESKTOP, False),
]
AUDITED = ["/", "/stories/the-wisdom-of-a-seven-year-old/", "/media-contact/", "/fundraise/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


@contextmanager
def demo_site():
    """The base URL of the demo site served by gunicorn with production settings."""
    with local_environment() as environment:
        port = free_port()
        env = production_environment(environment, port)
        prepare_demo(env)
        server = start_gunicorn(env, port, workers=2)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_until_up(base + "/healthz", timeout=60)
            yield base
        finally:
            server.terminate()
            server.wait(30)


def screenshots(base: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, path, viewport, full_page in SCREENSHOTS:
            context = browser.new_context(viewport=viewport, device_scale_factor=1)
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            target = SCREENSHOT_DIR / name
            page.screenshot(path=str(target), full_page=full_page)
            context.close()
            written.append(target)
            print(f"  {target.relative_to(BASE_DIR)}", flush=True)
        browser.close()
    return written


def lighthouse_binary() -> Path:
    cache = BASE_DIR / ".data" / "lighthouse"
    binary = cache / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        if not shutil.which("npm"):
            raise SystemExit("make lighthouse needs npm (Debian package npm)")
        npm_install(cache, f"lighthouse@{LIGHTHOUSE_VERSION}", check=True)
    return binary


def lighthouse(base: str, paths: list[str]) -> list[dict]:
    binary = lighthouse_binary()
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    rows = []
    for path in paths:
        for form_factor in ("mobile", "desktop"):
            command = [
                str(binary),
                base + path,
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                "--only-categories=" + ",".join(CATEGORIES),
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ]
            if form_factor == "desktop":
                command.append("--preset=desktop")
            report = json.loads(
                subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
            )
            scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
            rows.append({"page": path, "form_factor": form_factor, **scores})
            print(f"  {path:<45} {form_factor:<8} {scores}", flush=True)
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| page | device | performance | accessibility | best practices | SEO |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        lines.append(
            f"| `{row['page']}` | {row['form_factor']} | {row['performance']} | "
            f"{row['accessibility']} | {row['best-practices']} | {row['seo']} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"screenshots", "lighthouse"}:
        print(__doc__)
        return 2
    with demo_site() as base:
        if argv[0] == "screenshots":
            screenshots(base)
            return 0
        rows = lighthouse(base, argv[1:] or AUDITED)
    print("\n" + table(rows))
    below = [
        row for row in rows if row["performance"] < 95 or min(row[c] for c in CATEGORIES[1:]) < 100
    ]
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
