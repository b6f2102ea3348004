"""Every media address on a page comes from the configured storage (a bucket or CDN)."""

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import BASE_DIR
from tests.stories.factories import StoredImageFactory, StoryFactory, home_with
from tests.stories.storage import CDN

pytestmark = pytest.mark.django_db

MEDIA_ATTRIBUTES = re.compile(r'\b(?:src|srcset|poster)="([^"]*)"')


@pytest.fixture
def cdn_storage(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.stories.storage.CdnStorage"},
    }


def media_addresses(html: str) -> list[str]:
    """Each address in src, srcset and poster attributes, static files left out."""
    found = []
    for value in MEDIA_ATTRIBUTES.findall(html):
        for candidate in value.split(","):
            address = candidate.strip().split(" ")[0]
            if address and not address.startswith("/static/"):
                found.append(address)
    return found


def meta_content(html: str, prop: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{prop}" content="([^"]*)"', html)
    assert match, f"no {prop}"
    return match.group(1)


def test_story_page_images_come_from_the_storage(client, cdn_storage):
    story = StoryFactory(hero_image=StoredImageFactory())
    html = client.get(story.get_absolute_url()).content.decode()
    addresses = media_addresses(html)
    assert len(addresses) == 7  # six renditions in two srcsets, plus the img src
    assert all(address.startswith(CDN) for address in addresses), addresses
    assert meta_content(html, "og:image").startswith(CDN + "r/stories/images/")
    assert meta_content(html, "twitter:image").startswith(CDN)
    data = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["image"][0].startswith(CDN)
    assert "/media/" not in html


def test_an_image_without_renditions_yet_uses_the_storage_too(client, cdn_storage):
    story = StoryFactory(hero_image=StoredImageFactory(renditions=[]))
    html = client.get(story.get_absolute_url()).content.decode()
    assert media_addresses(html) == [f"{CDN}{story.hero_image.file.name}"]
    assert meta_content(html, "og:image") == f"{CDN}{story.hero_image.file.name}"


def test_home_and_list_use_the_storage(client, cdn_storage):
    story = StoryFactory()
    collection = home_with([story])
    collection.hero_image = StoredImageFactory()
    collection.save()
    for url in ("/", "/stories/"):
        html = client.get(url).content.decode()
        addresses = media_addresses(html)
        assert addresses and all(address.startswith(CDN) for address in addresses), url
    assert meta_content(client.get("/").content.decode(), "og:image").startswith(CDN)


def test_local_files_stay_under_media_url_as_absolute_og_image(client, settings):
    story = StoryFactory(hero_image=StoredImageFactory())
    html = client.get(story.get_absolute_url()).content.decode()
    assert all(address.startswith("/media/") for address in media_addresses(html))
    assert meta_content(html, "og:image").startswith(settings.SITE_URL + "/media/")


def storage_url_in_a_fresh_process(name: str, **environment) -> str:
    """default_storage.url(name) as a server started with these variables would give it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("MEDIA_", "AWS_", "DJANGO_"))
    }
    env.update(
        SECRET_KEY="test-only-key",
        # Settings are read without connecting; a URL keeps the embedded server out of it.
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        DJANGO_SETTINGS_MODULE="config.settings",
        **environment,
    )
    code = (
        "import django, sys; django.setup()\n"
        "from django.core.files.storage import default_storage\n"
        "print(default_storage.url(sys.argv[1]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, name],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_media_url_is_read_from_the_environment():
    name = "stories/images/0123abcd.jpg"
    assert storage_url_in_a_fresh_process(name) == f"/media/{name}"
    assert (
        storage_url_in_a_fresh_process(name, MEDIA_URL="https://media.example.org/files")
        == f"https://media.example.org/files/{name}"
    )


def test_a_bucket_named_in_the_environment_serves_plain_public_addresses():
    name = "stories/renditions/0123abcd/800.jpg"
    url = storage_url_in_a_fresh_process(
        name,
        MEDIA_STORAGE="storages.backends.s3.S3Storage",
        AWS_STORAGE_BUCKET_NAME="stories-media",
        AWS_S3_CUSTOM_DOMAIN="bucket.example.org",
    )
    assert url == f"https://bucket.example.org/{name}"
