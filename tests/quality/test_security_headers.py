"""Security headers on every page, and production cookie and transport settings."""

import os
import subprocess
import sys

import pytest

from tests.conftest import BASE_DIR, django_in_subprocess, test_database_url
from tests.quality.test_malformed_requests import PAGES

pytestmark = pytest.mark.django_db(transaction=True)  # the child process must see the rows


@pytest.mark.parametrize("url", [*PAGES, "/no-such-page/"])
def test_headers_on_every_page(client, url):
    response = client.get(url)
    csp = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert "unsafe-inline" not in csp["script-src"] and "unsafe-eval" not in csp["script-src"]
    assert csp["frame-ancestors"] == "'none'"
    assert csp["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_production_sends_hsts_and_secure_cookies(tmp_path):
    """A production configuration, served over HTTPS behind one proxy."""
    environment = {
        "DATABASE_URL": test_database_url(),
        "SECRET_KEY": "p" * 60,
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "https://stories.example.org",
        "TRUSTED_PROXY_COUNT": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env={"PATH": os.environ["PATH"], **environment},
        check=True,
    )
    lines, errors = django_in_subprocess(
        "from django.test import Client\n"
        "from django.conf import settings as s\n"
        "c = Client(HTTP_X_FORWARDED_PROTO='https')\n"
        "r = c.get('/media-contact/', secure=True)\n"
        "print('STATUS', r.status_code)\n"
        "print('HSTS', r.get('Strict-Transport-Security'))\n"
        "m = r.cookies['csrftoken']\n"
        "print('CSRF', bool(m['secure']), m['samesite'])\n"
        "print('SESSION', s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)\n"
        "print('REDIRECT', Client().get('/privacy/').status_code)",
        **environment,
    )
    assert lines.get("STATUS") == "200", errors
    assert "max-age=31536000" in lines["HSTS"] and "includeSubDomains" in lines["HSTS"]
    assert lines["CSRF"] == "True Lax"
    assert lines["SESSION"] == "True True Lax"
    assert lines["REDIRECT"] == "301"  # plain http is sent to https
