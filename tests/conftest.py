"""Shared fixtures: real parts only (PostgreSQL, an aiosmtpd server on
loopback, a real `db_worker` process, a real Chromium)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import quote

import pytest

from config.dev import stop_processes

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls made beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_configure(config):
    # `make test` compiles the catalogues already; a bare `pytest` run needs them too.
    from config.catalogue import compile_catalogues

    compile_catalogues()


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests read static files from the source tree, not a collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_form(settings):
    """Public forms with no minimum fill time or rate limit, for tests of what a
    form does with what it is sent (property tests post hundreds of times); each
    team's address is set to a known one.

    Set once per test, not per example: each change to pytest-django's
    ``settings`` stacks another override layer."""
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "1000000/1h"
    settings.MEDIA_TEAM_EMAIL = ""  # the media form then writes to media@example.org
    settings.EVENTS_TEAM_EMAIL = "events@example.org"


@pytest.fixture
def immediate_tasks(settings):
    """Run tasks inline, for tests about what a task does rather than how it is queued."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------- SMTP sink


def wait_until_serving(process: subprocess.Popen, url: str, timeout: float = 30) -> None:
    """Wait until the server ``process`` answers ``url``; fail at once if it exits first.

    (config.dev.wait_until_up, for the make targets, has no process to watch.)
    """
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            if process.poll() is not None:
                raise AssertionError(f"the server exited ({process.returncode}) unready") from None
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing answered at {url} within {timeout}s") from None
            time.sleep(0.2)


class SmtpSink:
    """An aiosmtpd server on loopback that keeps what it receives.

    ``reject_rcpt`` maps an address to an SMTP reply (e.g. "550 no such user");
    ``stop()`` and ``start()`` simulate an outage on the same port.
    """

    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.envelopes = []
        self.reject_rcpt: dict[str, str] = {}
        self._lock = threading.Lock()
        self._controller = None

    # aiosmtpd handler hooks
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject_rcpt:
            return self.reject_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._lock:
            self.envelopes.append(envelope)
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def start(self):
        from aiosmtpd.controller import Controller

        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def wait_for(self, count: int, timeout: float = 30.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(
            f"expected {count} message(s) in the SMTP sink within {timeout}s, got {len(self.messages)}"
        )

    def to(self, address: str):
        return [m for m in self.messages if address in (m["To"] or "")]

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server; Django's email settings point at it."""
    sink = SmtpSink()
    sink.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield sink
    sink.stop()


# ------------------------------------------------------------- db_worker


def test_database_url() -> str:
    """A URL for the database the tests run against, for child processes."""
    from django.db import connection

    params = connection.settings_dict
    host = params.get("HOST") or ""
    auth = quote(params.get("USER") or "postgres", safe="")
    if params.get("PASSWORD"):
        auth += ":" + quote(params["PASSWORD"], safe="")
    if host.startswith("/"):  # a Unix socket directory, as the embedded server uses
        return f"postgres://{auth}@/{quote(host, safe='')}/{params['NAME']}"
    port = f":{params['PORT']}" if params.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{params['NAME']}"


test_database_url.__test__ = False  # not a test, despite the name


class WorkerProcess:
    def __init__(self, env: dict):
        self.env = env
        self.process: subprocess.Popen | None = None

    def start(self, *extra: str):
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.1",
                "--no-startup-delay",
                *extra,
            ],
            cwd=BASE_DIR,
            env=self.env,
        )
        return self

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self):
        if self.process:
            stop_processes([self.process], timeout=15)


@pytest.fixture
def db_worker(transactional_db, settings):
    """Start real `manage.py db_worker` processes against the test database.

    Call it (``db_worker()``) to start one; pass ``env={...}`` to add variables
    (an EMAIL_URL, say). Every worker started is stopped, by PID, at teardown.
    """
    started: list[WorkerProcess] = []

    def start(env: dict | None = None, *extra: str) -> WorkerProcess:
        child_env = dict(os.environ)
        child_env.pop("TASKS_IMMEDIATE", None)
        child_env["DATABASE_URL"] = test_database_url()
        child_env["SITE_URL"] = settings.SITE_URL
        if settings.EMAIL_BACKEND.endswith("smtp.EmailBackend"):
            child_env["EMAIL_URL"] = f"smtp://{settings.EMAIL_HOST}:{settings.EMAIL_PORT}"
        child_env.update(env or {})
        worker = WorkerProcess(child_env).start(*extra)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def wait_for_idle_workers(
    timeout: float = 30, *, after_a_sweep: bool = False, abandoned_before=None
) -> None:
    """Wait until the workers have done all there is to do: no task waiting
    (deferred retries included) or running, and with ``after_a_sweep`` an
    outbox sweep finished since the call, so any stray it found has been
    delivered too. The point after which a test may check that something did
    *not* happen. Tasks a killed worker left "running" (started before
    ``abandoned_before``) are not waited for."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from outbox.tasks import sweep_outbox

    since = timezone.now()
    sweeps = DBTaskResult.objects.filter(task_path=sweep_outbox.module_path)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        running = DBTaskResult.objects.filter(status="RUNNING")
        if abandoned_before is not None:
            running = running.exclude(started_at__lt=abandoned_before)
        waiting = DBTaskResult.objects.filter(status="READY").exclude(
            task_path=sweep_outbox.module_path  # the next sweep always waits
        )
        swept = not after_a_sweep or sweeps.filter(finished_at__gte=since).exists()
        if swept and not running.exists() and not waiting.exists():
            return
        time.sleep(0.05)
    raise AssertionError(f"the workers still had work after {timeout}s")


# ---------------------------------------------------------------- browser


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() or shutil.which(candidate) else None


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = (
            "Chromium not found at /usr/bin/chromium or CHROMIUM_PATH (apt-get install chromium)"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + "; REQUIRE_BROWSER=1 makes this a failure")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element matching ``selector`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never received focus by Tab")


def type_by_keyboard(page, fields) -> None:
    """Tab to each ``(selector, text)`` field in turn and type its text, as a keyboard user would."""
    for selector, text in fields:
        tab_to(page, selector)
        page.keyboard.type(text)


def submit_with_errors(page) -> str:
    """Submit the page's form and wait for its error summary; returns the summary's text."""
    page.click("button[type=submit]")
    page.wait_for_selector("#error-summary")
    return page.locator("#error-summary").inner_text()


def focus_from_first_error_link(page) -> str:
    """Follow the error summary's first link by keyboard; returns the id of the field focused."""
    page.locator("#error-summary a").first.focus()
    page.keyboard.press("Enter")
    return page.evaluate("document.activeElement.id")


def assert_accessible(page, context=None):
    """Zero axe-core violations for WCAG 2.2 AA; the message names each one."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context=context,
        options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    lines = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target'] if v['nodes'] else '-'} — {v['help']}"
        for v in violations
    ]
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) on {page.url}:\n" + "\n".join(lines)
    )


# ------------------------------------------------------- fresh processes


def django_in_subprocess(code: str, **env: str) -> tuple[dict[str, str], str]:
    """Run ``code`` after ``django.setup()`` in a fresh interpreter, for settings
    that are read once at start-up. Its environment is PATH, the settings
    module and ``env`` only. Returns the ``KEY value`` lines it printed (as a
    dict) and its stderr, for the failure message."""
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    return lines, result.stderr[-3000:]
