"""Admin sign-in: throttled against guessing, optional (or required) two-factor."""

import time
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def staff_user():
    return get_user_model().objects.create_user(
        "editor", "editor@example.org", PASSWORD, is_staff=True
    )


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)


def log_in(client, username, password, address="203.0.113.7", **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, **extra},
        REMOTE_ADDR=address,
    )


def test_right_password_gets_in(client, staff_user):
    response = log_in(client, "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


@pytest.mark.parametrize("unsafe", ["https://evil.example/steal", "//evil.example/", ""])
def test_an_unsafe_or_missing_next_lands_staff_on_the_admin_index(client, staff_user, unsafe):
    response = client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "next": unsafe}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_five_failures_lock_the_username_for_that_client_even_with_the_right_password(
    client, staff_user, settings
):
    settings.AXES_ENABLED = True
    for _ in range(4):
        assert log_in(client, "editor", "wrong").status_code == 200
    assert log_in(client, "editor", "wrong").status_code == 429  # the fifth failure locks
    locked = log_in(client, "editor", PASSWORD)
    assert locked.status_code == 429
    assert "Sign-in is locked" in locked.content.decode()
    assert "try again in 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in client.session

    # Another client is not locked out of the same account.
    other = log_in(client, "editor", PASSWORD, address="198.51.100.20")
    assert other.status_code == 302


def test_the_lock_ends_after_the_cool_off(client, staff_user, settings, time_machine):
    settings.AXES_ENABLED = True
    for _ in range(5):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", PASSWORD).status_code == 429
    time_machine.move_to(time.time() + 16 * 60)
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_success_resets_the_count(client, staff_user, settings):
    settings.AXES_ENABLED = True
    for _ in range(4):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        log_in(client, "editor", "wrong")
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_attempts_never_store_the_raw_address(client, staff_user, settings):
    settings.AXES_ENABLED = True
    log_in(client, "editor", "wrong", address="203.0.113.7")
    attempt = AccessAttempt.objects.get()
    assert attempt.ip_address != "203.0.113.7"
    assert attempt.ip_address.startswith("fd")


def test_superusers_see_locked_attempts(client, superuser, settings):
    settings.AXES_ENABLED = True
    log_in(client, "someone", "wrong")
    client.force_login(superuser)
    response = client.get("/admin/axes/accessattempt/")
    assert response.status_code == 200 and "someone" in response.content.decode()


def test_staff_with_an_authenticator_must_give_its_code(client, staff_user, time_machine):
    device = TOTPDevice.objects.create(user=staff_user, name="phone", confirmed=True)
    without = log_in(client, "editor", PASSWORD)
    assert without.status_code == 200
    assert "6-digit code" in without.content.decode()
    wrong = log_in(client, "editor", PASSWORD, otp_token="000000")
    assert wrong.status_code == 200
    time_machine.move_to(time.time() + 30)  # past django-otp's back-off after a wrong code
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    assert log_in(client, "editor", PASSWORD, otp_token=code).status_code == 302


def test_required_two_factor_refuses_superusers_without_an_authenticator(
    client, superuser, staff_user, settings
):
    settings.STAFF_2FA = "required"
    response = log_in(client, "boss", PASSWORD)
    assert response.status_code == 200
    assert "must use two-factor sign-in" in response.content.decode()
    # Other staff may still choose.
    assert log_in(client, "editor", PASSWORD).status_code == 302


def test_required_two_factor_lets_superusers_in_with_a_code(client, superuser, settings):
    settings.STAFF_2FA = "required"
    out = StringIO()
    call_command("add_totp_device", "boss", stdout=out)
    assert "otpauth://totp/" in out.getvalue()
    device = TOTPDevice.objects.get(user=superuser)
    code = f"{totp(device.bin_key, step=device.step, digits=device.digits):06d}"
    assert log_in(client, "boss", PASSWORD, otp_token=code).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_session_without_the_second_factor_is_sent_back_to_sign_in(client, superuser, settings):
    settings.STAFF_2FA = "required"
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_non_staff_cannot_reach_the_admin(client):
    get_user_model().objects.create_user("visitor", "v@example.org", PASSWORD)
    response = log_in(client, "visitor", PASSWORD)
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_lock_message_follows_the_configured_cool_off(client, staff_user, settings):
    settings.AXES_ENABLED = True
    settings.AXES_COOLOFF_TIME = 1  # hours
    for _ in range(5):
        log_in(client, "editor", "wrong")
    assert "try again in 60 minutes" in log_in(client, "editor", PASSWORD).content.decode()
