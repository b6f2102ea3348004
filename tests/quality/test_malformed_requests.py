"""No malformed request gets a 500: wrong methods, traversal, NUL bytes, huge
query strings, invalid UTF-8 bodies and forged CSRF tokens all answer 4xx
(or a normal page)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    # Answer as a real server would: an unhandled exception becomes a 500
    # response (which the tests then refuse) instead of being re-raised.
    return Client(raise_request_exception=False)


PAGES = [
    "/",
    "/stories/",
    "/stories/feed/",
    "/sitemap.xml",
    "/robots.txt",
    "/media-contact/",
    "/media-contact/thanks/",
    "/fundraise/",
    "/fundraise/thanks/",
    "/fundraise/guide/",
    "/privacy/",
    "/healthz",
    "/admin/login/",
]
FORMS = ["/media-contact/", "/fundraise/", "/admin/login/"]


@pytest.fixture
def story_url():
    from tests.stories.factories import StoryFactory

    return StoryFactory().get_absolute_url()


def all_pages(story_url):
    return [*PAGES, story_url, "/fundraise/unsubscribe/forged-token/"]


def assert_not_server_error(response, what):
    assert response.status_code < 500, f"{what} answered {response.status_code}"


@pytest.mark.parametrize("method", ["put", "patch", "delete", "trace"])
def test_wrong_methods(client, story_url, method):
    for url in all_pages(story_url):
        response = getattr(client, method)(url)
        assert_not_server_error(response, f"{method.upper()} {url}")
        assert response.status_code in {200, 302, 403, 404, 405}, f"{method} {url}"


@pytest.mark.parametrize(
    "path",
    [
        "/../../etc/passwd",
        "/stories/../../config/settings.py",
        "/static/../config/settings.py",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/stories/%2e%2e%2f%2e%2e%2fetc%2fpasswd/",
        "/media/../.data/secret_key",
        "/stories/\x00/",
        "/stories/%00/",
        "/fundraise/guide/%00",
        "/" + "a" * 5000 + "/",
    ],
)
def test_path_tricks(client, path):
    response = client.get(path)
    assert_not_server_error(response, path)
    assert b"SECRET" not in response.content and b"root:" not in response.content


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=" + "x" * 10_000,
        "q=" + "%F0%9F%92%A9" * 2000,
        "page=" + "9" * 40,
        "page=-1",
        "page=%00",
        "country=" + "%00",
        "country=" + "z" * 10_000,
        "theme=%ff%fe",
        "q=%ff%fe&page=2",
        "q=!!!%20&%20|%20:*",
        "q=" + "(" * 500,
        "&".join(f"k{i}=v" for i in range(1500)),
    ],
)
def test_query_strings(client, story_url, query):
    for url in all_pages(story_url):
        response = client.get(f"{url}?{query}")
        assert_not_server_error(response, f"GET {url}?{query[:40]}")


@pytest.mark.parametrize(
    "body",
    [
        b"name=\xff\xfe\xfd&email=\xc3\x28",
        b"\x00\x00\x00",
        b"form_token=%ff%00&name=%00",
        b"=&=&&&==",
    ],
)
def test_invalid_bodies(client, body):
    for url in FORMS:
        response = client.generic(
            "POST", url, body, content_type="application/x-www-form-urlencoded"
        )
        assert_not_server_error(response, f"POST {url} {body[:20]!r}")


def test_forged_or_missing_csrf_token_is_a_403_page_in_the_layout():
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)
    for url in FORMS:
        browser.get(url)
        for token in ("", "forged" * 6):
            response = browser.post(url, {"csrfmiddlewaretoken": token, "name": "x"})
            assert response.status_code == 403, url
            if not url.startswith("/admin/"):
                assert '<main id="main"' in response.content.decode()


@pytest.mark.parametrize("content_type", ["multipart/form-data", "multipart/form-data; boundary=x"])
def test_broken_multipart(client, content_type):
    for url in FORMS:
        response = client.generic("POST", url, b"--x\r\ngarbage", content_type=content_type)
        assert_not_server_error(response, f"multipart POST {url}")
