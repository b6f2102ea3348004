import os
import subprocess
import sys
import time

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import BASE_DIR, test_database_url

pytestmark = pytest.mark.django_db


def test_admin_can_be_moved_with_admin_url():
    script = (
        "import django; django.setup();"
        "from django.test import Client; c = Client();"
        "print('MOVED', c.get('/staff-door/login/').status_code);"
        "print('OLD', c.get('/admin/login/').status_code)"
    )
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": test_database_url(),
        "SECRET_KEY": "m" * 50,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "testserver",
        "ADMIN_URL": "staff-door/",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines.get("MOVED") == "200", result.stderr[-1500:]
    assert lines["OLD"] == "404"


def test_staff_are_signed_out_after_the_idle_time(client, settings, time_machine):
    settings.SESSION_COOKIE_AGE = 30 * 60
    staff = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    time_machine.move_to(time.time(), tick=False)
    client.force_login(staff)
    for _ in range(3):  # active use keeps the session alive past one idle period
        time_machine.shift(20 * 60)
        assert client.get("/admin/").status_code == 200
    time_machine.shift(31 * 60)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
