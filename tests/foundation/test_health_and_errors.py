import json

import pytest

from tests.conftest import django_in_subprocess

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_task_counts(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert set(body["tasks"]) >= {"pending", "failed"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_with_a_reason_when_the_database_is_unreachable():
    # A real server process whose database port has nothing listening on it.
    lines, errors = django_in_subprocess(
        "from django.test import Client\n"
        "r = Client().get('/healthz')\n"
        "print('RESULT', r.status_code, r.content.decode())",
        SECRET_KEY="s" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:9/nothing",
        ALLOWED_HOSTS="testserver",
    )
    status, body = lines["RESULT"].split(" ", 1)
    assert status == "503", errors
    assert json.loads(body) == {"status": "error", "database": "unreachable"}
    # The driver's details (host, port) are for the operator's log only.
    assert "127.0.0.1" not in body and "port" not in body
    assert "port 9 failed" in errors


def test_unknown_url_is_404_in_the_site_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<main id="main"' in html
    assert 'href="/stories/"' in html and 'href="/fundraise/"' in html
    assert "Skip to main content" in html


def test_security_headers_on_pages(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


def test_no_inline_script_in_the_layout(client):
    html = client.get("/").content.decode()
    for chunk in html.split("<script")[1:]:
        assert chunk.split(">", 1)[0].strip().startswith("src="), "inline <script> found"


def test_uploaded_media_is_served_and_traversal_is_refused(client, settings, tmp_path):
    (settings.MEDIA_ROOT / "stories").mkdir(parents=True)
    (settings.MEDIA_ROOT / "stories" / "picture.webp").write_bytes(b"RIFF....WEBP")
    (tmp_path / "outside.txt").write_text("private")
    assert client.get("/media/stories/picture.webp").status_code == 200
    for sneaky in ("/media/../outside.txt", "/media/%2e%2e/outside.txt"):
        response = client.get(sneaky)
        assert response.status_code in (400, 404) and b"private" not in response.content
