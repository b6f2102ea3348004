"""The HTTP caching contract as a browser or a CDN in front of the app sees it."""

from __future__ import annotations

import datetime
import gzip
import re

import brotli
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from stories.models import Story
from tests.fundraising.factories import GuideFactory
from tests.stories.factories import StoryFactory, home_with

pytestmark = pytest.mark.django_db


def cache_control(response) -> dict:
    directives = {}
    for part in response["Cache-Control"].split(","):
        name, _, value = part.strip().partition("=")
        directives[name] = int(value) if value.isdigit() else True
    return directives


def test_every_visitor_page_is_public_with_an_etag_and_the_keys_of_what_it_shows(client):
    story, other = StoryFactory(), StoryFactory()
    home_with([story])
    GuideFactory()
    expected = {
        "/": {"home", f"story-{story.pk}"},
        "/stories/": {"stories-list", f"story-{story.pk}", f"story-{other.pk}"},
        "/stories/?q=hope": {"stories-list"},
        story.get_absolute_url(): {f"story-{story.pk}", f"story-{other.pk}"},
        "/stories/feed/": {"feed"},
        "/sitemap.xml": {"sitemap"},
        "/robots.txt": {"robots"},
        "/fundraise/guide/": {"guide"},
    }
    for url, keys in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        directives = cache_control(response)
        assert directives.get("public") and directives["s-maxage"] > directives["max-age"] > 0, url
        assert directives["stale-while-revalidate"] > 0 and directives["stale-if-error"] > 0, url
        assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"]), url
        assert keys <= set(response["xkey"].split()), url
        assert response["Surrogate-Key"] == response["xkey"], url
        assert "cookie" not in response.get("Vary", "").lower(), url
        assert "Accept-Encoding" in response["Vary"], url


def test_a_matching_if_none_match_gets_a_304_on_a_miss_and_on_a_hit(client):
    StoryFactory()
    first = client.get("/stories/")
    etag = first["ETag"]
    cached = client.get("/stories/", HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304 and cached.content == b""
    assert cached["ETag"] == etag and cached["Cache-Control"] == first["Cache-Control"]
    assert client.get("/stories/", HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
    guide_etag = client.get("/fundraise/guide/")["ETag"]
    assert client.get("/fundraise/guide/", HTTP_IF_NONE_MATCH=guide_etag).status_code == 304


def test_s_maxage_ends_when_a_scheduled_story_is_due(
    client, time_machine, django_capture_on_commit_callbacks
):
    time_machine.move_to(timezone.now(), tick=False)
    StoryFactory()
    far = cache_control(client.get("/stories/"))
    assert far["s-maxage"] == 3600 and far["stale-while-revalidate"] == 60
    with django_capture_on_commit_callbacks(execute=True):
        StoryFactory(
            state=Story.State.SCHEDULED, publish_at=timezone.now() + datetime.timedelta(seconds=90)
        )
    near = cache_control(client.get("/stories/"))
    assert near["s-maxage"] == 90 and near["max-age"] == 60
    assert near["stale-while-revalidate"] == 0  # nothing stale is served past the moment
    time_machine.shift(datetime.timedelta(seconds=60))
    assert cache_control(client.get("/stories/"))["s-maxage"] == 30  # a hit, recomputed


def test_forms_thanks_pages_previews_and_staff_pages_are_private(client):
    draft = StoryFactory(state=Story.State.DRAFT)
    for url in ("/media-contact/", "/media-contact/thanks/", "/fundraise/", "/fundraise/thanks/"):
        response = client.get(url)
        assert "private" in response["Cache-Control"], url
        assert "no-store" in response["Cache-Control"], url
        assert "xkey" not in response, url
    staff = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(staff)
    for url in (f"/stories/preview/{draft.pk}/", "/stories/", "/", "/admin/"):
        response = client.get(url)
        assert "private" in response["Cache-Control"], url
        assert "no-store" in response["Cache-Control"], url
        assert "X-Page-Cache" not in response, url


def test_pages_are_stored_and_served_compressed_when_the_client_accepts_it(client):
    StoryFactory(headline="Compressed but the same")
    plain = client.get("/stories/")
    assert "Content-Encoding" not in plain
    for coding, decompress in (("gzip", gzip.decompress), ("br", brotli.decompress)):
        for outcome in ("hit", "hit"):  # the stored bytes, twice
            response = client.get("/stories/", HTTP_ACCEPT_ENCODING=f"{coding}, deflate")
            assert response["X-Page-Cache"] == outcome
            assert response["Content-Encoding"] == coding
            assert decompress(response.content) == plain.content
            assert len(response.content) < len(plain.content) / 2
            assert response["ETag"] != plain["ETag"]  # another representation, another tag
    first_miss = client.get("/stories/?page=1", HTTP_ACCEPT_ENCODING="gzip")
    assert first_miss["X-Page-Cache"] == "miss" and first_miss["Content-Encoding"] == "gzip"


def test_uploaded_media_are_cacheable_for_a_year(client, settings):
    image = settings.MEDIA_ROOT / "stories" / "images" / "0123abcd.jpg"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\xff\xd8\xff\xe0 not really a picture")
    response = client.get("/media/stories/images/0123abcd.jpg")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_files_uploaded_to_a_bucket_carry_the_same_lifetime():
    from tests.conftest import django_in_subprocess

    lines, errors = django_in_subprocess(
        "from django.core.files.storage import default_storage\n"
        "print('CacheControl', default_storage.get_object_parameters('a.jpg')['CacheControl'])",
        SECRET_KEY="test-only-key",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        MEDIA_STORAGE="storages.backends.s3.S3Storage",
        AWS_STORAGE_BUCKET_NAME="stories-media",
    )
    assert lines.get("CacheControl") == "public, max-age=31536000, immutable", errors
