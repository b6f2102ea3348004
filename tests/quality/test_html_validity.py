"""The W3C HTML checker (the Nu validator, npm package vnu-jar) finds no error on any public page.

The checker is installed on first use into .data/vnu with npm (Java 17 runs
it); without npm or its registry the test skips and says why, except under
CI, where a missing checker is a failure.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from config.dev import npm_install
from tests.quality.public_pages import public_pages

pytestmark = pytest.mark.django_db

VNU_VERSION = "26.9.27"


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the HTML checker")
    pytest.skip(reason)


def vnu_jar() -> Path:
    cache = Path(settings.BASE_DIR) / ".data" / "vnu"
    jar = cache / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not jar.exists():
        if not (shutil.which("npm") and shutil.which("java")):
            _unavailable("npm and java are needed to install and run the W3C HTML checker")
        install = npm_install(
            cache, f"vnu-jar@{VNU_VERSION}", capture_output=True, text=True, timeout=300
        )
        if install.returncode != 0 or not jar.exists():
            _unavailable(f"could not install vnu-jar from npm: {install.stderr[-500:]}")
    return jar


def test_no_public_page_has_an_html_error(client, tmp_path):
    jar = vnu_jar()
    call_command("load_demo", verbosity=0)
    files = {}
    for number, path in enumerate(public_pages()):
        response = client.get(path)
        assert response.status_code == 200, path
        target = tmp_path / f"page-{number}.html"
        target.write_bytes(response.content)
        files[str(target)] = path
    not_found = tmp_path / "page-404.html"
    not_found.write_bytes(client.get("/no-such-page/").content)
    files[str(not_found)] = "/no-such-page/ (404)"
    checked = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))} "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error"
    ]
    assert not errors, "W3C HTML checker errors:\n" + "\n".join(errors)
