"""Through a real Varnish running the shipped VCL: what visitors see after a
change, what never enters the cache, and what it serves when the app is down.

Saves in this process purge Varnish inline (the refresh task runs at commit),
so "the next request" is the first request after the save returns.
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from edge.models import Purge
from stories.models import Story
from tests.edge.conftest import get
from tests.stories.factories import StoryFactory

pytestmark = [pytest.mark.varnish, pytest.mark.slow]


def cached_twice(edge_site, path):
    """Fetch ``path`` until Varnish holds it; returns the cached response."""
    get(edge_site.url(path))
    response = get(edge_site.url(path))
    assert response.headers["X-Cache"] == "hit", f"{path} did not enter Varnish"
    return response


def wait_until(moment: datetime.datetime) -> None:
    while timezone.now() <= moment:
        time.sleep(0.05)


def test_an_edit_shows_through_varnish_on_the_next_request(edge_site):
    story = StoryFactory(headline="A garden grows")
    for path in (story.get_absolute_url(), "/stories/", "/stories/feed/"):
        assert "A garden grows" in cached_twice(edge_site, path).text
    story.headline = "A garden blooms"
    story.save()
    assert Purge.objects.filter(keys__contains=[f"story-{story.pk}"], state="done").exists()
    for path in (story.get_absolute_url(), "/stories/", "/stories/feed/"):
        page = get(edge_site.url(path))
        assert "A garden blooms" in page.text and "A garden grows" not in page.text, path


def test_publishing_and_unpublishing_show_through_varnish(edge_site):
    StoryFactory(headline="Already here")
    draft = StoryFactory(headline="Quiet until today", state=Story.State.DRAFT)
    assert "Quiet until today" not in cached_twice(edge_site, "/stories/").text
    assert get(edge_site.url(draft.get_absolute_url())).status == 404
    draft.state = Story.State.PUBLISHED
    draft.save()
    assert "Quiet until today" in get(edge_site.url("/stories/")).text
    assert "Quiet until today" in cached_twice(edge_site, draft.get_absolute_url()).text
    draft.state = Story.State.DRAFT
    draft.save()
    assert "Quiet until today" not in get(edge_site.url("/stories/")).text
    assert get(edge_site.url(draft.get_absolute_url())).status == 404


def test_a_story_related_to_none_shows_a_newly_published_one_through_varnish(edge_site):
    """With no story sharing its theme or country, a story's page shows the
    newest stories: publishing a newer one, related to nothing, changes it."""
    loner = StoryFactory(headline="On its own")  # its own theme and country
    StoryFactory(headline="Older news")
    newcomer = StoryFactory(
        headline="Fresh from the field",
        state=Story.State.DRAFT,
        publish_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    page = cached_twice(edge_site, loner.get_absolute_url())
    assert "Older news" in page.text and "Fresh from the field" not in page.text
    newcomer.state = Story.State.PUBLISHED
    newcomer.save()
    assert "Fresh from the field" in get(edge_site.url(loner.get_absolute_url())).text


def test_a_scheduled_story_appears_and_an_expiring_one_goes_at_their_time(edge_site):
    """No purge here (the inline task runner cannot wait for a time): the
    page's own s-maxage ends at the moment, and Varnish fetches afresh."""
    soon = timezone.now() + datetime.timedelta(seconds=3)
    StoryFactory(headline="Arriving soon", state=Story.State.SCHEDULED, publish_at=soon)
    StoryFactory(headline="Leaving soon", expire_at=soon)
    page = cached_twice(edge_site, "/stories/")
    assert "Leaving soon" in page.text and "Arriving soon" not in page.text
    assert "s-maxage=" in page.headers["Cache-Control"]
    wait_until(soon)
    page = get(edge_site.url("/stories/"))
    assert "Arriving soon" in page.text and "Leaving soon" not in page.text


def test_staff_pages_and_previews_never_enter_varnish(edge_site):
    draft = StoryFactory(headline="Not ready yet", state=Story.State.DRAFT)
    staff = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client = Client()
    client.force_login(staff)
    staff_cookie = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}

    preview = f"/stories/preview/{draft.pk}/"
    for _ in range(2):
        page = get(edge_site.url(preview), staff_cookie)
        assert "Not ready yet" in page.text
        assert page.headers["X-Cache"] == "miss"
        assert "private" in page.headers["Cache-Control"]
    staff_list = get(edge_site.url("/stories/"), staff_cookie)
    assert staff_list.headers["Cache-Control"] == "private, no-store"

    visitor = get(edge_site.url(preview))
    assert "Not ready yet" not in visitor.text
    visitor_list = get(edge_site.url("/stories/"))
    assert visitor_list.headers["X-Cache"] == "miss"  # the staff member's page was not kept
    assert visitor_list.headers["Cache-Control"].startswith("public")


def test_a_response_that_sets_a_cookie_is_never_stored(edge_site):
    StoryFactory()
    # A malformed CSRF cookie makes Django set a fresh one on this public page.
    first = get(edge_site.url("/stories/"), {"Cookie": "csrftoken=broken"})
    assert first.status == 200 and "csrftoken=" in (first.headers["Set-Cookie"] or "")
    for _ in range(2):
        visitor = get(edge_site.url("/stories/"))
        assert visitor.headers["Set-Cookie"] is None
    assert visitor.headers["X-Cache"] == "hit"


def test_a_tracking_parameter_is_a_hit(edge_site):
    story = StoryFactory(headline="Shared everywhere")
    cached_twice(edge_site, story.get_absolute_url())
    for query in ("?fbclid=IwAR0abc", "?utm_source=news&utm_medium=email", "?gclid=x&ref=feed"):
        page = get(edge_site.url(story.get_absolute_url() + query))
        assert page.headers["X-Cache"] == "hit", query
        assert "Shared everywhere" in page.text
    cached_twice(edge_site, "/stories/?page=1&q=hope")
    assert get(edge_site.url("/stories/?q=hope&fbclid=1&page=1")).headers["X-Cache"] == "hit"


def test_gzip_and_plain_clients_each_get_their_own_stored_copy_and_an_edit_purges_both(
    edge_site,
):
    story = StoryFactory(headline="Read without gzip")
    url = edge_site.url(story.get_absolute_url())
    gzip_client = {"Accept-Encoding": "gzip"}
    for headers in ({}, gzip_client):
        get(url, headers)
        again = get(url, headers)
        assert again.headers["X-Cache"] == "hit", headers
    plain = get(url)
    assert plain.headers.get("Content-Encoding") is None and "Read without gzip" in plain.text
    assert get(url, gzip_client).headers["Content-Encoding"] == "gzip"
    story.headline = "Read plainly"
    story.save()
    assert "Read plainly" in get(url).text


def test_pages_are_served_stale_while_the_app_is_down(edge_site):
    soon = timezone.now() + datetime.timedelta(seconds=5)
    StoryFactory(headline="Still readable")
    StoryFactory(headline="Due any moment", state=Story.State.SCHEDULED, publish_at=soon)
    cached_twice(edge_site, "/stories/")  # fresh only until the scheduled story is due
    edge_site.app.stop()
    deadline = time.monotonic() + 20
    while not edge_site.backend_is_sick():
        assert time.monotonic() < deadline, "Varnish never noticed the app was down"
        time.sleep(0.2)
    wait_until(soon)
    page = get(edge_site.url("/stories/"))
    assert page.status == 200
    assert "Still readable" in page.text
