import time

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import django_in_subprocess, test_database_url

pytestmark = pytest.mark.django_db


def test_admin_can_be_moved_with_admin_url():
    lines, errors = django_in_subprocess(
        "from django.test import Client\n"
        "c = Client()\n"
        "print('MOVED', c.get('/staff-door/login/').status_code)\n"
        "print('OLD', c.get('/admin/login/').status_code)",
        DATABASE_URL=test_database_url(),
        SECRET_KEY="m" * 50,
        DEBUG="1",
        ALLOWED_HOSTS="testserver",
        ADMIN_URL="staff-door/",
    )
    assert lines.get("MOVED") == "200", errors
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
