"""HEAD answers like GET, without a body, whether or not the page is cached:
link checkers, uptime monitors and some crawlers ask HEAD first."""

import pytest

from tests.quality.test_malformed_requests import all_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_url():
    from tests.stories.factories import StoryFactory

    return StoryFactory().get_absolute_url()


def test_every_public_page_answers_head_like_get_on_a_cold_cache(client, story_url):
    from django.core.cache import cache

    for url in all_pages(story_url):
        cache.clear()  # the first request of each page is a cache miss
        head = client.head(url)
        get = client.get(url)
        assert head.status_code == get.status_code, f"HEAD {url}: {head.status_code}"
        assert head.status_code != 405, f"HEAD {url} refused"
        assert head["Content-Type"] == get["Content-Type"], url
        assert head.content == b"", f"HEAD {url} carried a body"
