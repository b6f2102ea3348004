"""The abuse protection both public forms share; the forms' own tests prove it end to end."""

import time

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test import RequestFactory

from formguard import ratelimit
from formguard.client import client_ip, client_key
from formguard.forms import ProtectedFormMixin, new_token
from formguard.models import SpentToken
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


def test_sixth_submission_in_the_window_is_refused_per_client(settings):
    settings.FORM_RATE_LIMIT = "5/10m"
    results = [ratelimit.hit(request_from("203.0.113.7"), "test") for _ in range(6)]
    assert results[:5] == [0] * 5
    assert 0 < results[5] <= 600
    assert ratelimit.hit(request_from("203.0.113.99"), "test") == 0  # another client
    assert ratelimit.hit(request_from("203.0.113.7"), "other-form") == 0  # another form


def test_429_page_says_when_to_try_again(rf, settings):
    request = rf.get("/")
    response = ratelimit.too_many_requests(request, 125)
    assert response.status_code == 429
    assert response["Retry-After"] == "125"
    assert "try again in about 3 minutes" in response.content.decode()


class SampleForm(ProtectedFormMixin, forms.Form):
    name = forms.CharField(max_length=10)


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


def test_tampered_token_is_refused_with_a_message_and_replaced():
    form = SampleForm({"name": "Ana", "form_token": new_token() + "x"})
    assert not form.is_valid()
    assert "send the form again" in str(form.non_field_errors())
    assert SampleForm({"name": "Ana", "form_token": form.data["form_token"]}).is_valid()


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
