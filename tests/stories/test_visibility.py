"""The one visibility rule at its edges, on every public surface, and preview around it."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from stories.models import Story
from tests.stories.factories import StoryFactory, home_with

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def hidden_stories():
    today = timezone.localdate()
    return {
        "draft": StoryFactory(headline="Hidden draft", state=Story.State.DRAFT),
        "future": StoryFactory(
            headline="Hidden future",
            state=Story.State.SCHEDULED,
            publish_at=NOW + datetime.timedelta(days=2),
        ),
        "expired": StoryFactory(
            headline="Hidden expired", expire_at=NOW - datetime.timedelta(minutes=1)
        ),
        "consent-expired": StoryFactory(
            headline="Hidden consent",
            identifies_nobody=False,
            consent_obtained_on=today - datetime.timedelta(days=400),
            consent_scope="Website",
            consent_expires_on=today,
        ),
        "no-consent": StoryFactory(headline="Hidden noconsent", identifies_nobody=False),
    }


def test_visible_rule_at_its_edges(db):
    shown = StoryFactory(headline="Shown")
    scheduled_past = StoryFactory(
        headline="Scheduled, time reached",
        state=Story.State.SCHEDULED,
        publish_at=NOW - datetime.timedelta(seconds=1),
    )
    consent_ok = StoryFactory(
        identifies_nobody=False,
        consent_obtained_on=timezone.localdate(),
        consent_scope="Web",
        consent_expires_on=timezone.localdate() + datetime.timedelta(days=1),
    )
    hidden_stories()
    assert set(Story.objects.visible()) == {shown, scheduled_past, consent_ok}


def test_hidden_stories_are_absent_from_every_page_feed_sitemap_and_search(client, db):
    visible = StoryFactory(headline="Visible one", summary="Hidden words appear nowhere else.")
    hidden = hidden_stories()
    home_with([visible, *hidden.values()])
    pages = {
        "home": client.get("/").content.decode(),
        "list": client.get("/stories/").content.decode(),
        "search": client.get("/stories/", {"q": "hidden"}).content.decode(),
        "feed": client.get("/stories/feed/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "related": client.get(f"/stories/{visible.slug}/").content.decode(),
    }
    assert "Visible one" in pages["home"] and "Visible one" in pages["search"]
    for story in hidden.values():
        assert client.get(f"/stories/{story.slug}/").status_code == 404
        for name, html in pages.items():
            assert story.headline not in html, f"{story.headline} leaked on {name}"
            assert f"/stories/{story.slug}/" not in html, f"{story.slug} linked on {name}"


def test_hidden_stories_show_in_staff_preview_with_never_cache(client, db):
    staff = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    for story in hidden_stories().values():
        response = client.get(f"/stories/preview/{story.pk}/")
        assert response.status_code == 200
        assert story.headline in response.content.decode()
        assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "noindex" in response["X-Robots-Tag"]


def test_staff_preview_needs_a_staff_login(client, db):
    story = StoryFactory(state=Story.State.DRAFT)
    response = client.get(f"/stories/preview/{story.pk}/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_signed_preview_link_works_without_an_account_then_expires(client, db, time_machine):
    from stories.views import preview_share_url

    story = StoryFactory(headline="Draft for a colleague", state=Story.State.DRAFT)
    time_machine.move_to(NOW, tick=False)
    path = preview_share_url(story).removeprefix("http://127.0.0.1:8000")
    path = path[path.index("/stories/") :]
    response = client.get(path)
    assert response.status_code == 200
    assert "Draft for a colleague" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    time_machine.move_to(NOW + datetime.timedelta(days=8), tick=False)
    response = client.get(path)
    assert response.status_code == 410
    assert "Draft for a colleague" not in response.content.decode()


def test_tampered_preview_link_is_refused(client, db):
    from stories.views import preview_token

    story = StoryFactory(state=Story.State.DRAFT)
    other = StoryFactory(headline="Someone else's draft", state=Story.State.DRAFT)
    token = preview_token(story)
    _value, _, rest = token.partition(":")
    forged = f"{other.pk}:{rest}"
    assert client.get(f"/stories/preview/s/{forged}/").status_code == 404
    assert client.get("/stories/preview/s/garbage/").status_code == 404


def test_a_story_is_visible_from_the_instant_of_its_publish_time(db):
    at = timezone.now()
    story = StoryFactory(state=Story.State.SCHEDULED, publish_at=at)
    assert story not in Story.objects.visible(at - datetime.timedelta(microseconds=1))
    assert story in Story.objects.visible(at)


def test_a_story_is_hidden_from_the_instant_of_its_expiry(db):
    at = timezone.now()
    story = StoryFactory(expire_at=at)
    assert story in Story.objects.visible(at - datetime.timedelta(microseconds=1))
    assert story not in Story.objects.visible(at)


def test_a_published_story_with_a_future_publish_time_waits_for_it(client, db):
    story = StoryFactory(
        headline="Published ahead of time", publish_at=NOW + datetime.timedelta(hours=1)
    )
    assert story.state == Story.State.PUBLISHED
    assert not story.is_visible()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert "Published ahead of time" not in client.get("/stories/").content.decode()
    assert story.is_visible(NOW + datetime.timedelta(hours=1))
