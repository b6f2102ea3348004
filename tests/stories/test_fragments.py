"""After a change, a page that doesn't show what changed is put together from
the pieces kept for it (stories/fragments.py), and a page that does shows
the change on the next request, whichever row it was."""

import datetime
import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from stories import caching, fragments
from stories.models import CallToAction, PullQuote, Story
from tests.stories.factories import StoryFactory, ThemeFactory, home_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a commit would run (the announcement of the change) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss", url
    return response.content.decode(), len(queries)


def edit(commit, story, **fields):
    with commit():
        for name, value in fields.items():
            setattr(story, name, value)
        story.save()


@pytest.mark.parametrize("others", [2, 10])
def test_a_story_page_nothing_changed_on_is_put_together_in_one_query(client, commit, others):
    with commit():
        theme = ThemeFactory()
        shown = StoryFactory(headline="A garden grows", themes=[theme])
        StoryFactory.create_batch(3, themes=[theme])  # the related stories below it
        elsewhere = StoryFactory.create_batch(others)  # other countries, other themes
    before, _ = queries_for(client, shown.get_absolute_url())
    edit(commit, elsewhere[0], headline="Somewhere else entirely")
    after, count = queries_for(client, shown.get_absolute_url())
    # When the new content version ends: the kept page needs no lookup.
    assert count == 1
    assert after == before
    edit(commit, shown, headline="A garden blooms")
    html, count = queries_for(client, shown.get_absolute_url())
    assert "A garden blooms" in html and "A garden grows" not in html
    assert count > 1  # rendered from the rows


def test_a_kept_story_page_follows_every_row_it_shows(client, commit):
    with commit():
        theme = ThemeFactory(name="Courage")
        shown = StoryFactory(headline="A garden grows", themes=[theme], figures=[(12, "made safe")])
        related = StoryFactory(headline="A river crossed", themes=[theme])
        PullQuote.objects.create(story=shown, text="We planted it together.", position=0)
    url = shown.get_absolute_url()

    def page():
        return client.get(url).content.decode()

    assert "A river crossed" in page() and "We planted it together." in page()
    edit(commit, related, headline="A river bridged")
    assert "A river bridged" in page()
    figure = shown.impact_figures.get()
    with commit():
        figure.label = "welcomed home"
        figure.save()
    assert "welcomed home" in page()
    with commit():
        PullQuote.objects.filter(story=shown).get().delete()
    assert "We planted it together." not in page()
    with commit():
        shown.hero_image.alt_text = "Beans climbing a fence"
        shown.hero_image.save()
    assert "Beans climbing a fence" in page()
    with commit():
        theme.name = "Bravery"
        theme.save()
    assert "Bravery" in page() and "Courage" not in page()
    edit(commit, related, state=Story.State.DRAFT)
    assert "A river bridged" not in page()


def test_a_kept_piece_ends_at_the_next_clock_change(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    theme = ThemeFactory()
    shown = StoryFactory(themes=[theme])
    StoryFactory(
        headline="Here for now",
        themes=[theme],
        expire_at=timezone.now() + datetime.timedelta(minutes=2),
    )
    assert "Here for now" in client.get(shown.get_absolute_url()).content.decode()
    time_machine.shift(datetime.timedelta(minutes=2, seconds=1))
    assert "Here for now" not in client.get(shown.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [3, 10])
def test_the_list_after_an_edit_renders_only_the_edited_card(client, commit, count):
    with commit():
        stories = StoryFactory.create_batch(count)
    queries_for(client, "/stories/")
    edit(commit, stories[-1], headline="Freshly edited")
    html, after_edit = queries_for(client, "/stories/")
    assert "Freshly edited" in html
    # Version, ids, count, the filter lists, and the one card's story and figures.
    assert after_edit == 7
    # A new address in the same content version: only the ids and their count.
    _html, new_search = queries_for(client, "/stories/?q=story")
    assert new_search == 2


def test_home_keeps_its_pieces_while_no_story_on_it_changes(client, commit):
    with commit():
        lead = StoryFactory(headline="On the first screen")
        off_home = StoryFactory()
        home_with([lead])
    before, _ = queries_for(client, "/")
    edit(commit, off_home, headline="Not on the home page")
    after, count = queries_for(client, "/")
    assert after == before and count == 1  # when the content version ends
    with commit():
        CallToAction.objects.create(
            title="Volunteer with us",
            text="Give an afternoon.",
            link_url="https://example.org/",
            link_label="Join",
        )
    assert "Volunteer with us" in client.get("/").content.decode()
    edit(commit, lead, headline="Still on the first screen")
    assert "Still on the first screen" in client.get("/").content.decode()


def test_an_address_the_page_cache_does_not_keep_is_rendered_from_the_rows(client):
    """No kept piece serves it: it shows the rows as they are, even before
    a change is announced (here, none ever is: the test never commits)."""
    story = StoryFactory(headline="A garden grows")
    client.get(story.get_absolute_url())
    story.headline = "A garden blooms"
    story.save()
    html = client.get(story.get_absolute_url(), {"fresh": 1}).content.decode()
    assert "A garden blooms" in html


def test_a_deploy_with_other_templates_keeps_nothing(client, monkeypatch):
    story = StoryFactory()
    client.get(story.get_absolute_url())
    state = caching.current_state()
    assert fragments.get(f"story-page:{story.slug}", state) is not None
    monkeypatch.setattr(fragments, "identity_of", lambda name: f"{name} as deployed later")
    assert fragments.get(f"story-page:{story.slug}", state) is None


def test_a_kept_story_page_is_never_served_for_a_story_gone_or_moved(client, commit):
    """A kept page is used without looking the story up, so each way a story
    leaves its address must end it."""
    with commit():
        moving, hiding, deleted = StoryFactory.create_batch(3)
    old = [story.get_absolute_url() for story in (moving, hiding, deleted)]
    for url in old:
        client.get(url)
    edit(commit, moving, slug="a-new-address")
    edit(commit, hiding, state=Story.State.DRAFT)
    with commit():
        deleted.delete()
    moved = client.get(old[0])
    assert moved.status_code == 301 and moved["Location"] == "/stories/a-new-address/"
    assert client.get(old[1]).status_code == 404
    assert client.get(old[2]).status_code == 404


def test_deleting_a_picture_a_kept_page_shows_ends_that_page(client, commit):
    """The story's reference to it is cleared before the delete is announced,
    so the pages it was on are named before that."""
    with commit():
        story = StoryFactory()
        story.hero_image.alt_text = "Beans climbing a fence"
        story.hero_image.save()
    assert "Beans climbing a fence" in client.get(story.get_absolute_url()).content.decode()
    with commit():
        story.hero_image.delete()
    assert "Beans climbing a fence" not in client.get(story.get_absolute_url()).content.decode()


def test_signed_in_staff_see_the_rows_as_they_are(client, commit):
    from django.contrib.auth import get_user_model

    with commit():
        story = StoryFactory(headline="A garden grows")
    client.get(story.get_absolute_url())
    story.headline = "A garden blooms"
    story.save()  # no commit runs: nothing is announced yet
    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.org", "pw"))
    assert "A garden blooms" in client.get(story.get_absolute_url()).content.decode()


def test_a_lost_stamp_never_brings_back_a_piece_stored_before_a_change():
    state = caching.current_state()
    fragments.put("a-piece", {"keys": ["story-999999"]}, ["story-999999"], state)
    assert fragments.get("a-piece", state) is not None
    fragments.bump(["story-999999"])
    assert fragments.get("a-piece", state) is None
    # Evicted from the cache, or its file removed: not the same as never announced.
    os.remove(fragments._file_name("story-999999"))
    assert fragments.get("a-piece", state) is None
