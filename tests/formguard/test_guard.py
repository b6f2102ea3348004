"""The abuse protection both public forms share; the forms' own tests prove it end to end."""

import time

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test import RequestFactory

from formguard import ratelimit
from formguard.client import client_ip, client_key
from formguard.forms import TOKEN_MAX_AGE, ProtectedFormMixin, new_token
from formguard.models import FormSubmission, SpentToken
from formguard.services import spend_once

rf = RequestFactory()


def request_from(remote="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.post("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "203.0.113.7"),  # no proxy: a client-written header is ignored
        (1, "198.51.100.9, 198.51.100.1", "198.51.100.1"),  # the proxy appended the client
        (2, "198.51.100.9, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "198.51.100.1", "203.0.113.7"),  # fewer hops than proxies: fall back
        (1, "", "203.0.113.7"),
    ],
)
def test_client_ip_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from(forwarded=forwarded)) == expected


def test_client_key_is_a_keyed_hash_not_the_address(settings):
    key = client_key(request_from("203.0.113.7"))
    assert "203.0.113.7" not in key and len(key) == 32
    assert key == client_key(request_from("203.0.113.7"))
    assert key != client_key(request_from("203.0.113.8"))
    settings.SECRET_KEY = "another-deployment-" + "x" * 40
    assert key != client_key(request_from("203.0.113.7"))


@pytest.mark.parametrize(
    ("text", "count", "seconds"), [("5/10m", 5, 600), ("20/h", 20, 3600), ("3/30s", 3, 30)]
)
def test_rate_parsing(text, count, seconds):
    assert ratelimit.Rate.parse(text) == ratelimit.Rate(count, seconds)


@pytest.mark.parametrize("text", ["", "five/10m", "5/10w", "0/1m"])
def test_bad_rate_is_a_configuration_error(text):
    with pytest.raises(ImproperlyConfigured):
        ratelimit.Rate.parse(text)


@pytest.mark.django_db
def test_sixth_submission_in_the_window_is_refused_per_client(settings):
    settings.FORM_RATE_LIMIT = "5/10m"
    results = [ratelimit.count_submission("test", "client-a") for _ in range(6)]
    assert [r.accepted for r in results] == [True] * 5 + [False]
    assert 590 < results[5].retry_after <= 601
    assert ratelimit.count_submission("test", "client-b").accepted  # another client
    assert ratelimit.count_submission("other-form", "client-a").accepted  # another form


@pytest.mark.django_db
def test_the_window_slides_so_a_boundary_never_lets_twice_the_limit_through(settings, time_machine):
    """A fixed 10-minute window lets 5 through a second before it turns and 5
    more a second after; the sliding one counts the 10 minutes before each POST."""
    settings.FORM_RATE_LIMIT = "5/10m"
    turn_of_a_window = (time.time() // 600 + 1) * 600
    time_machine.move_to(turn_of_a_window - 1, tick=False)
    assert all(ratelimit.count_submission("test", "c").accepted for _ in range(5))
    time_machine.move_to(turn_of_a_window + 1, tick=False)
    refused = ratelimit.count_submission("test", "c")
    assert not refused.accepted
    assert 595 <= refused.retry_after <= 600  # the first five leave the window then
    time_machine.move_to(turn_of_a_window - 1 + 601, tick=False)
    results = [ratelimit.count_submission("test", "c").accepted for _ in range(6)]
    assert results == [True] * 5 + [False]


@pytest.mark.django_db
def test_counts_older_than_the_window_are_deleted(settings, time_machine):
    settings.FORM_RATE_LIMIT = "2/1m"
    time_machine.move_to(time.time(), tick=False)
    for client in ["a", "b", "c"]:
        ratelimit.count_submission("test", client)
    assert FormSubmission.objects.count() == 3
    time_machine.shift(61)
    ratelimit.count_submission("test", "d")
    assert list(FormSubmission.objects.values_list("client", flat=True)) == ["d"]
    assert "203.0.113" not in str(list(FormSubmission.objects.values()))


def test_429_page_says_when_to_try_again(rf, settings):
    request = rf.get("/")
    response = ratelimit.too_many_requests(request, 125)
    assert response.status_code == 429
    assert response["Retry-After"] == "125"
    assert "try again in about 3 minutes" in response.content.decode()


def test_a_long_wait_is_said_in_hours_in_either_language(rf):
    from django.utils import translation

    response = ratelimit.too_many_requests(rf.get("/"), 24 * 3600)
    assert "try again in about 24 hours" in response.content.decode()
    assert ratelimit.describe_wait(90 * 60) == "90 minutes"
    with translation.override("fr"):
        assert ratelimit.describe_wait(24 * 3600) == "24 heures"
        assert ratelimit.describe_wait(1) == "1 seconde"


class SampleForm(ProtectedFormMixin, forms.Form):
    rate_limit_scope = "sample"
    name = forms.CharField(max_length=10)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("request", request_from())
        super().__init__(*args, **kwargs)


@pytest.mark.django_db
def test_token_measures_fill_time_and_honeypot(settings):
    settings.FORM_MIN_SECONDS = 3
    token = new_token()
    form = SampleForm({"name": "Ana", "form_token": token})
    assert form.is_valid()
    assert form.spam_reason == "too fast"

    settings.FORM_MIN_SECONDS = 0
    form = SampleForm({"name": "Ana", "form_token": token, "website": "http://spam.example"})
    assert form.is_valid() and form.spam_reason == "honeypot"
    form = SampleForm({"name": "Ana", "form_token": token})
    assert form.is_valid() and form.spam_reason == ""


@pytest.mark.django_db
def test_tampered_token_is_refused_with_a_message_and_replaced():
    form = SampleForm({"name": "Ana", "form_token": new_token() + "x"})
    assert not form.is_valid()
    assert "send the form again" in str(form.non_field_errors())
    assert SampleForm({"name": "Ana", "form_token": form.data["form_token"]}).is_valid()


@pytest.mark.django_db
def test_errors_are_tied_to_their_inputs():
    form = SampleForm({"name": "A" * 11, "form_token": new_token()})
    assert not form.is_valid()
    html = str(form["name"])
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_name_error"' in html


@pytest.mark.django_db
def test_a_token_is_spent_once():
    with transaction.atomic():
        assert spend_once("abc") is True
        assert spend_once("abc") is False
    assert SpentToken.objects.count() == 1


@pytest.mark.django_db
def test_spent_tokens_are_pruned_once_older_than_a_tokens_life(time_machine):
    """One row per POST would otherwise stay forever; past 24 hours the token
    itself is refused for its age, so its row proves nothing."""
    time_machine.move_to(time.time(), tick=False)
    spend_once("yesterday")
    time_machine.shift(TOKEN_MAX_AGE - 60)
    spend_once("an-hour-ago")
    time_machine.shift(120)  # "yesterday" is now a token's life and a minute old
    spend_once("now")
    assert set(SpentToken.objects.values_list("nonce", flat=True)) == {"an-hour-ago", "now"}
    assert spend_once("an-hour-ago") is False  # still within its life: still one-time


@pytest.mark.django_db
def test_oversized_body_gets_a_413_page(client):
    response = client.post("/", data="x" * (1024 * 1024 + 1), content_type="text/plain")
    assert response.status_code == 413
    assert '<main id="main"' in response.content.decode()


@pytest.mark.django_db
def test_wrong_method_gets_a_405_page_in_the_layout(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert '<main id="main"' in response.content.decode()


@pytest.mark.django_db
def test_fill_time_token_expires(settings, time_machine):
    settings.FORM_MIN_SECONDS = 0
    token = new_token()
    time_machine.move_to(time.time() + 60 * 60 * 25)
    assert not SampleForm({"name": "Ana", "form_token": token}).is_valid()


def test_ipv6_clients_are_counted_by_their_64_network():
    home = client_key(request_from("2001:db8:1:2::10"))
    assert home == client_key(request_from("2001:db8:1:2:ffff::99"))  # same /64
    assert home != client_key(request_from("2001:db8:1:3::10"))  # next /64
    assert client_key(request_from("::ffff:203.0.113.7")) == client_key(request_from("203.0.113.7"))
