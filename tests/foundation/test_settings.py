"""Every setting in README's table is read from the environment, with safe defaults."""

import os
import subprocess
import sys

import pytest

from tests.conftest import BASE_DIR


def load_settings(**env):
    """Import config.settings in a fresh interpreter with exactly this environment."""
    environment = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/probe",
        "SECRET_KEY": "x" * 50,
        "DATA_DIR": os.environ.get("DATA_DIR", str(BASE_DIR / ".data")),
    }
    environment.update({k: v for k, v in env.items() if v is not None})
    for key, value in env.items():
        if value is None:
            environment.pop(key, None)
    script = (
        # Lazy values (the editor's static_lazy script path) can't be read before
        # the apps load, and none of the checks here is about them.
        "import json, config.settings as s;"
        "from django.utils.functional import Promise;"
        "shown = lambda v: '<lazy>' if isinstance(v, Promise) else str(v);"
        "print(json.dumps({k: getattr(s, k) for k in dir(s) if k.isupper()}, default=shown))"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def settings_of(**env):
    import json

    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_production_safe():
    s = settings_of()
    assert s["DEBUG"] is False
    assert s["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert s["SITE_URL"] == "http://127.0.0.1:8000"
    assert s["DEFAULT_FROM_EMAIL"] == "Stories of Hope <no-reply@example.org>"
    assert s["EVENTS_TEAM_EMAIL"] == "events@example.org"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert (s["EMAIL_USE_TLS"], s["EMAIL_TIMEOUT"]) == (False, 30)
    assert s["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")
    assert s["TASKS_IMMEDIATE"] is False
    assert s["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert s["FORM_RATE_LIMIT"] == "5/10m"
    assert s["FORM_MIN_SECONDS"] == 3.0
    assert s["TRUSTED_PROXY_COUNT"] == 0
    assert s["ADMIN_URL"] == "admin/"
    assert s["PERSONAL_DATA_RETENTION_DAYS"] == 730
    assert s["STAFF_2FA"] == "optional"
    assert s["MEDIA_ROOT"].endswith(".data/media")
    assert s["X_FRAME_OPTIONS"] == "DENY"
    assert "SECURE_HSTS_SECONDS" not in s  # no HSTS on plain http
    assert s["PRIVACY_EMAIL"] == "privacy@example.org"
    assert s["SERVE_MEDIA"] is True
    assert s["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert (s["AXES_FAILURE_LIMIT"], s["AXES_COOLOFF_TIME"], s["AXES_ENABLED"]) == (5, 0.25, True)


def test_every_variable_is_read():
    s = settings_of(
        DEBUG="1",
        ALLOWED_HOSTS="stories.example.org,www.example.org",
        SITE_URL="https://stories.example.org/",
        DATABASE_URL="postgres://app:pw@db.example.org:6543/hope",
        EMAIL_URL="smtp://mailer:secret@127.0.0.1:1025/?tls=True&timeout=7",
        DEFAULT_FROM_EMAIL="Hope <hope@example.org>",
        MEDIA_TEAM_EMAIL="press@example.org",
        EVENTS_TEAM_EMAIL="fundraising@example.org",
        CACHE_URL="redis://127.0.0.1:6379/3",
        MEDIA_STORAGE="storages.backends.s3.S3Storage",
        TASKS_IMMEDIATE="1",
        FORM_RATE_LIMIT="10/1h",
        FORM_MIN_SECONDS="5",
        TRUSTED_PROXY_COUNT="2",
        ADMIN_URL="/staff-only/",
        PERSONAL_DATA_RETENTION_DAYS="365",
        STAFF_2FA="required",
        PRIVACY_EMAIL="data-requests@example.org",
        SERVE_MEDIA="1",  # served by the app even beside a bucket
        STAFF_SESSION_IDLE_SECONDS="1800",
        AXES_FAILURE_LIMIT="3",
        AXES_COOLOFF_HOURS="2",
        AXES_ENABLED="0",
        OUTBOX_SENDING_TIMEOUT="300",
        OUTBOX_SWEEP_INTERVAL="30",
        OUTBOX_RETRY_SCALE="0.5",
    )
    assert s["DEBUG"] is True
    assert s["ALLOWED_HOSTS"] == ["stories.example.org", "www.example.org"]
    assert s["SITE_URL"] == "https://stories.example.org"
    db = s["DATABASES"]["default"]
    assert (db["HOST"], db["PORT"], db["NAME"], db["USER"]) == (
        "db.example.org",
        6543,
        "hope",
        "app",
    )
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_HOST_USER"]) == ("127.0.0.1", 1025, "mailer")
    assert (s["EMAIL_HOST_PASSWORD"], s["EMAIL_TIMEOUT"]) == ("secret", 7)
    assert s["EMAIL_USE_TLS"] is True
    assert s["DEFAULT_FROM_EMAIL"] == "Hope <hope@example.org>"
    assert s["MEDIA_TEAM_EMAIL"] == "press@example.org"
    assert s["EVENTS_TEAM_EMAIL"] == "fundraising@example.org"
    cache = s["CACHES"]["default"]
    assert (
        cache["BACKEND"].endswith("RedisCache") and cache["LOCATION"] == "redis://127.0.0.1:6379/3"
    )
    assert s["STORAGES"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s["TASKS"]["default"]["BACKEND"].endswith("ImmediateBackend")
    assert s["FORM_RATE_LIMIT"] == "10/1h"
    assert s["FORM_MIN_SECONDS"] == 5.0
    assert s["TRUSTED_PROXY_COUNT"] == 2
    assert s["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert s["ADMIN_URL"] == "staff-only/"
    assert s["PERSONAL_DATA_RETENTION_DAYS"] == 365
    assert s["STAFF_2FA"] == "required"
    assert s["PRIVACY_EMAIL"] == "data-requests@example.org"
    assert s["SERVE_MEDIA"] is True
    assert s["SESSION_COOKIE_AGE"] == 1800
    assert (s["AXES_FAILURE_LIMIT"], s["AXES_COOLOFF_TIME"], s["AXES_ENABLED"]) == (3, 2.0, False)
    assert s["OUTBOX_SENDING_TIMEOUT"] == 300.0
    assert s["OUTBOX_SWEEP_INTERVAL"] == 30.0
    assert s["OUTBOX_RETRY_SCALE"] == 0.5


def test_https_site_turns_on_secure_cookies_hsts_and_redirect():
    s = settings_of(SITE_URL="https://stories.example.org")
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SESSION_COOKIE_SECURE"] is True
    assert s["CSRF_COOKIE_SECURE"] is True
    assert s["SECURE_HSTS_SECONDS"] >= 31536000
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://stories.example.org"]


def test_missing_secret_key_with_debug_off_is_a_clear_startup_error():
    result = load_settings(SECRET_KEY=None, DEBUG=None)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_missing_secret_key_is_tolerated_in_debug():
    assert settings_of(SECRET_KEY=None, DEBUG="1")["DEBUG"] is True


@pytest.mark.parametrize("value", ["sqlite:///x.db", "mysql://u@h/db"])
def test_only_postgresql_is_accepted(value):
    result = load_settings(DATABASE_URL=value)
    assert result.returncode != 0
    assert "PostgreSQL only" in result.stderr


def test_invalid_two_factor_mode_is_refused():
    result = load_settings(STAFF_2FA="sometimes")
    assert result.returncode != 0
    assert "STAFF_2FA" in result.stderr


def test_deploy_check_is_clean_with_production_settings():
    environment = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": os.environ["DATABASE_URL"],
        "SECRET_KEY": "k" * 20 + "-Zq8#vL2@pR5!xT9^mW3&nB7*cF1%hJ4",
        "ALLOWED_HOSTS": "stories.example.org",
        "SITE_URL": "https://stories.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
