"""A live story is edited as a draft: visitors, the page cache and the feed
see the live version until someone publishes; discard drops the draft."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from stories.models import ImpactFigure, PullQuote, SlugRedirect, Story, StoryDraft, StoryRevision
from tests.stories.editorial import change_url, form_data, staff_in
from tests.stories.factories import StoryFactory, ThemeFactory

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/stories/story/"


@pytest.fixture
def publisher(client):
    user = staff_in("Publishers", "pia", first_name="Pia")
    client.force_login(user)
    return user


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a commit would run (cache invalidation, emails) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_saved_draft_changes_nothing_visitors_see_until_it_is_published(
    client, publisher, visitor, commit
):
    housing = ThemeFactory(name="Housing")
    story = StoryFactory(headline="Home at last", slug="home-at-last", figures=[(12, "made safe")])
    page = visitor.get("/stories/home-at-last/")
    assert page["X-Page-Cache"] == "miss" and "Home at last" in page.content.decode()
    feed_before = visitor.get("/stories/feed/").content

    data = form_data(
        client,
        story,
        headline="Home at last, and safe",
        themes=[housing.pk],
        impact_figures=[{"number": 40, "label": "families rehoused", "position": 0}],
        pull_quotes=[{"text": "We were heard at last.", "attribution": "A", "position": 0}],
    )
    with commit():
        response = client.post(change_url(story), data)
    assert response.status_code == 302

    # The live rows are untouched, the cached page is still served, the feed is the same.
    story.refresh_from_db()
    assert story.headline == "Home at last"
    assert [(f.number, f.label) for f in story.impact_figures.all()] == [(12, "made safe")]
    assert not PullQuote.objects.filter(story=story).exists()
    again = visitor.get("/stories/home-at-last/")
    assert again["X-Page-Cache"] == "hit" and "Home at last, and safe" not in again.content.decode()
    assert visitor.get("/stories/feed/").content == feed_before

    # The editor sees the draft, and the list says there is one.
    form = client.get(change_url(story)).content.decode()
    assert 'value="Home at last, and safe"' in form and 'value="families rehoused"' in form
    assert "We were heard at last." in form
    assert "Live + draft changes" in client.get(CHANGELIST_URL).content.decode()

    with commit():
        response = client.post(change_url(story), form_data(client, story, _publish="Publish"))
    assert response.status_code == 302
    live = visitor.get("/stories/home-at-last/").content.decode()
    assert "Home at last, and safe" in live and "families rehoused" in live
    assert "We were heard at last." in live
    story.refresh_from_db()
    assert list(story.themes.all()) == [housing]
    assert not StoryDraft.objects.filter(story=story).exists()
    assert ">Live<" in client.get(CHANGELIST_URL).content.decode()
    assert story.revisions.filter(event=StoryRevision.Event.PUBLISHED, created_by=publisher)


def test_discarding_a_draft_brings_the_live_version_back_to_the_form(client, publisher):
    story = StoryFactory(headline="The live headline")
    client.post(change_url(story), form_data(client, story, headline="A draft headline"))
    assert StoryDraft.objects.filter(story=story).exists()
    response = client.post(change_url(story), {"_discard_draft": "Discard draft"}, follow=True)
    assert "Draft discarded" in response.content.decode()
    assert not StoryDraft.objects.filter(story=story).exists()
    assert 'value="The live headline"' in client.get(change_url(story)).content.decode()


def test_a_new_slug_waits_for_publishing_then_the_old_address_redirects(
    client, publisher, visitor, commit
):
    story = StoryFactory(slug="old-address")
    client.post(change_url(story), form_data(client, story, slug="new-address"))
    assert visitor.get("/stories/old-address/").status_code == 200
    assert visitor.get("/stories/new-address/").status_code == 404
    with commit():
        client.post(change_url(story), form_data(client, story, _publish="Publish"))
    moved = visitor.get("/stories/old-address/")
    assert moved.status_code == 301 and moved["Location"] == "/stories/new-address/"
    assert SlugRedirect.objects.filter(old_slug="old-address", story=story).exists()


def test_a_story_never_published_is_saved_in_place_and_is_a_draft(client, publisher):
    story = StoryFactory(state=Story.State.DRAFT, headline="Not yet out")
    client.post(change_url(story), form_data(client, story, headline="Still not out"))
    story.refresh_from_db()
    assert story.headline == "Still not out" and not StoryDraft.objects.exists()
    assert ">Draft<" in client.get(CHANGELIST_URL).content.decode()


def test_schedule_is_the_one_way_to_publish_later(client, publisher, visitor):
    story = StoryFactory(state=Story.State.DRAFT, slug="later")
    when = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        change_url(story),
        form_data(client, story, _schedule="Schedule", schedule_at=f"{when:%Y-%m-%dT%H:%M}"),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.state == Story.State.SCHEDULED
    assert abs(story.publish_at - when) < datetime.timedelta(minutes=1)
    assert visitor.get("/stories/later/").status_code == 404
    assert "Scheduled (" in client.get(CHANGELIST_URL).content.decode()
    assert story.is_visible(now=when + datetime.timedelta(minutes=1))

    past = client.post(
        change_url(story), form_data(client, story, _schedule="1", schedule_at="2020-01-01T10:00")
    )
    assert past.status_code == 200 and "Choose a time in the future" in past.content.decode()


def test_scheduling_changes_to_a_live_story_keeps_the_live_version_until_then(
    client, publisher, visitor
):
    from stories.workflow import publish_scheduled_draft

    story = StoryFactory(headline="Live words", slug="live-words")
    when = timezone.localtime() + datetime.timedelta(hours=3)
    client.post(
        change_url(story),
        form_data(
            client,
            story,
            headline="Later words",
            _schedule="Schedule",
            schedule_at=f"{when:%Y-%m-%dT%H:%M}",
        ),
    )
    assert "Live words" in visitor.get("/stories/live-words/").content.decode()
    draft = StoryDraft.objects.get(story=story)
    assert draft.go_live_at is not None
    assert not publish_scheduled_draft(story.pk)  # too early: nothing happens
    StoryDraft.objects.filter(pk=draft.pk).update(go_live_at=timezone.now())
    assert publish_scheduled_draft(story.pk)
    cache.clear()
    assert "Later words" in visitor.get("/stories/live-words/").content.decode()


def test_the_change_list_names_every_state(client, publisher):
    today = timezone.localdate()
    StoryFactory(headline="Plain live")
    with_draft = StoryFactory(headline="Has a draft")
    StoryDraft.objects.create(story=with_draft, content={"fields": {}}, updated_by=publisher)
    StoryFactory(headline="Never out", state=Story.State.DRAFT)
    StoryFactory(
        headline="Out later",
        state=Story.State.SCHEDULED,
        publish_at=timezone.now() + datetime.timedelta(days=3),
    )
    StoryFactory(
        headline="Consent ran out",
        identifies_nobody=False,
        consent_obtained_on=today - datetime.timedelta(days=400),
        consent_scope="Web",
        consent_expires_on=today - datetime.timedelta(days=1),
    )
    html = client.get(CHANGELIST_URL).content.decode()
    for label in ("Live", "Live + draft changes", "Draft", "Scheduled (", "Hidden (consent)"):
        assert f">{label}" in html, label


def test_a_typo_fix_on_a_story_hidden_by_expired_consent_is_saved_as_a_draft(client, publisher):
    today = timezone.localdate()
    story = StoryFactory(
        headline="A typo hre",
        identifies_nobody=False,
        consent_obtained_on=today - datetime.timedelta(days=400),
        consent_scope="Web",
        consent_expires_on=today - datetime.timedelta(days=1),
    )
    response = client.post(change_url(story), form_data(client, story, headline="A typo here"))
    assert response.status_code == 302
    assert StoryDraft.objects.get(story=story).content["fields"]["headline_en"] == "A typo here"
    refused = client.post(change_url(story), form_data(client, story, _publish="Publish"))
    assert refused.status_code == 200
    assert "Consent expired on" in refused.content.decode()
    assert "renew it" in refused.content.decode()


def test_unpublishing_keeps_the_draft_as_the_story(client, publisher):
    story = StoryFactory(headline="Was live")
    client.post(change_url(story), form_data(client, story, headline="Draft words"))
    client.post(CHANGELIST_URL, {"action": "unpublish_stories", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.state == Story.State.DRAFT and story.headline == "Draft words"
    assert not StoryDraft.objects.exists()


def test_figures_left_unchanged_keep_their_rows(client, publisher):
    story = StoryFactory(figures=[(5, "homes"), (7, "schools")])
    before = list(ImpactFigure.objects.filter(story=story).values_list("pk", flat=True))
    client.post(change_url(story), form_data(client, story, headline="Only the headline"))
    client.post(change_url(story), form_data(client, story, _publish="Publish"))
    assert list(ImpactFigure.objects.filter(story=story).values_list("pk", flat=True)) == before
    assert ImpactFigure.history.filter(story_id=story.pk, history_type="~").count() == 0


def test_superusers_publish_too(client):
    root = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(root)
    story = StoryFactory(state=Story.State.DRAFT)
    client.post(change_url(story), form_data(client, story, _publish="Publish"))
    story.refresh_from_db()
    assert story.is_visible()
