"""Outbox fixtures: a test-only email template, and retry timing shrunk so the
real-worker tests take seconds (the same values go to the worker processes)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.db import transaction

TEMPLATES_DIR = Path(__file__).parent / "templates"

# Production: first retry 15 s, sweep every 60 s, "sending" stale after 120 s.
FAST_TIMING = {
    "OUTBOX_RETRY_SCALE": 0.02,  # retries after 0.3 s, 0.6 s, ... at most 3.6 s apart
    "OUTBOX_SENDING_TIMEOUT": 3.0,
    "OUTBOX_SWEEP_INTERVAL": 1.0,
}


@pytest.fixture(autouse=True)
def outbox_settings(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATES_DIR]}
    ]
    for name, value in FAST_TIMING.items():
        setattr(settings, name, value)
    settings.ADMINS = [("Operators", "webmaster@example.org")]


@pytest.fixture
def worker_env(settings):
    """Environment for a db_worker that agrees with this test's settings."""
    return {
        **{name: str(value) for name, value in FAST_TIMING.items()},
        "EMAIL_TIMEOUT": "3",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "ADMIN_EMAILS": "webmaster@example.org",
    }


def queue_test_emails(count: int, **kwargs):
    from outbox.services import queue_email

    with transaction.atomic():
        return [
            queue_email(
                "outbox_test", f"reader{index}@example.org", {"name": f"Reader {index}"}, **kwargs
            )
            for index in range(count)
        ]


def wait_until(predicate, timeout: float, message: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"{message} (waited {timeout}s)")
