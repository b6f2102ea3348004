"""The rate limit holds however many processes answer: a real gunicorn with
three workers, one client sending 18 media-contact POSTs at once."""

import os
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from config.dev import stop_processes
from contact.models import MediaInquiry
from formguard.models import FormSubmission
from tests.conftest import BASE_DIR, free_port, test_database_url, wait_until_serving
from tests.contact.factories import form_data

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CSRF = "a" * 32  # an unmasked token equal to the cookie's secret is valid
# A gunicorn hook, run in the worker that answered: proves several took part.
HOOK = """
def post_request(worker, req, environ, resp):
    with open({log!r}, "a") as log:
        log.write(f"{{worker.pid}} {{req.method}}\\n")
"""


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def post(port, data):
    body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": CSRF}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/media-contact/",
        data=body,
        headers={"Cookie": f"csrftoken={CSRF}"},
    )
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as answer:
        return answer.code


@pytest.fixture
def gunicorn(settings, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "SECRET_KEY": settings.SECRET_KEY,  # so this process can sign form tokens
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "http://127.0.0.1:8000",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATA_DIR": str(settings.DATA_DIR),
        "FORM_RATE_LIMIT": "5/10m",
        "FORM_MIN_SECONDS": "0",
    }
    env.pop("CACHE_URL", None)  # the default settings: no shared cache
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    log = tmp_path / "answered.log"
    hooks = tmp_path / "hooks.py"
    hooks.write_text(HOOK.format(log=str(log)))
    port = free_port()
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "3"),
            *("--bind", f"127.0.0.1:{port}", "--config", str(hooks)),
        ],
        cwd=BASE_DIR,
        env=env,
    )
    try:
        wait_until_serving(server, f"http://127.0.0.1:{port}/healthz")
        yield port, log
    finally:
        stop_processes([server])


def test_exactly_the_limit_is_accepted_across_three_workers(settings, gunicorn):
    port, log = gunicorn
    settings.FORM_MIN_SECONDS = 0
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(lambda _: post(port, form_data()), range(18)))

    assert sorted(statuses) == [303] * 5 + [429] * 13
    assert MediaInquiry.objects.count() == 5
    assert FormSubmission.objects.filter(accepted=True).count() == 5
    answered_by = {line.split()[0] for line in log.read_text().splitlines() if "POST" in line}
    assert len(answered_by) >= 2, f"only worker(s) {answered_by} answered; the test proves nothing"
