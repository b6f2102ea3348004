"""A real gunicorn behind a real varnishd started from deploy/varnish/stories.vcl."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from bench.varnish import Varnish, varnishd_path
from config.dev import stop_processes
from tests.conftest import BASE_DIR, free_port, test_database_url, wait_until_serving


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env={**os.environ, "STATIC_ROOT": str(root), "DATABASE_URL": "postgres://unused@/x"},
        check=True,
    )
    return root


class Gunicorn:
    def __init__(self, env: dict):
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{self.port}",
            ],
            cwd=BASE_DIR,
            env=env,
        )
        wait_until_serving(self.process, f"http://127.0.0.1:{self.port}/healthz")

    def stop(self):
        stop_processes([self.process])


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.text = status, headers, body.decode("utf-8", "replace")


def get(url: str, headers: dict | None = None) -> Response:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


@pytest.fixture
def edge_site(transactional_db, settings, static_root, tmp_path):
    """Varnish on loopback in front of gunicorn on the test database; this
    process's saves purge it inline (immediate tasks, EDGE_CACHE_URL)."""
    if varnishd_path() is None:
        message = "varnishd not found (apt-get install varnish varnish-modules)"
        if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
            pytest.fail(message + "; CI needs it")
        pytest.skip(message)
    from stories import caching

    settings.DATA_DIR = tmp_path / "data"
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "DATA_DIR": str(settings.DATA_DIR),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("CACHE_URL", None)
    env.pop("DEBUG", None)
    caching.forget_version()
    app = Gunicorn(env)
    varnish = Varnish(app.port, free_port(), free_port()).start()
    settings.EDGE_CACHE_URL = f"varnish://127.0.0.1:{varnish.port}"
    varnish.app = app
    try:
        yield varnish
    finally:
        varnish.stop()
        app.stop()
