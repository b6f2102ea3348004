"""A shared preview link dies with the story's consent, its unpublishing or a
revoke, answering 410 in the site layout; it stays the same while it works."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from stories.models import Story
from stories.views import preview_share_url
from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def editor():
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")


def with_consent(**fields):
    return StoryFactory(
        headline="Amina's first day back at school",
        identifies_nobody=False,
        consent_obtained_on=TODAY - datetime.timedelta(days=30),
        consent_scope="Website, first name and photos",
        consent_expires_on=TODAY + datetime.timedelta(days=300),
        **fields,
    )


def link_on_change_page(client, story) -> str:
    html = client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    found = re.search(r'value="http://127\.0\.0\.1:8000(/stories/preview/s/[^"]+/)"', html)
    assert found, "the change page offers a share link"
    return found.group(1)


def assert_gone(client, path, headline):
    response = client.get(path)
    assert response.status_code == 410
    html = response.content.decode()
    assert headline not in html
    assert '<main id="main"' in html and "no longer works" in html
    assert "no-cache" in response["Cache-Control"]


def test_the_link_is_stable_while_it_works(client, editor):
    story = with_consent()
    client.force_login(editor)
    first = link_on_change_page(client, story)
    assert link_on_change_page(client, story) == first
    client.logout()
    assert client.get(first).status_code == 200


def test_unpublishing_ends_the_link(client, editor):
    story = with_consent()
    client.force_login(editor)
    path = link_on_change_page(client, story)
    client.post(
        "/admin/stories/story/",
        {"action": "unpublish_stories", "_selected_action": [story.pk]},
    )
    client.logout()
    assert_gone(client, path, story.headline)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("consent_scope", "Website only, no photos"),
        ("consent_expires_on", TODAY + datetime.timedelta(days=20)),
        ("consent_obtained_on", None),  # withdrawn
    ],
)
def test_any_change_of_consent_ends_the_link(client, editor, field, value):
    story = with_consent(state=Story.State.DRAFT)
    client.force_login(editor)
    path = link_on_change_page(client, story)
    setattr(story, field, value)
    story.save()
    client.logout()
    assert_gone(client, path, story.headline)


def test_expired_consent_is_never_shown_through_any_link(client, editor, time_machine):
    story = with_consent(state=Story.State.DRAFT)
    client.force_login(editor)
    path = link_on_change_page(client, story)
    client.logout()
    assert client.get(path).status_code == 200
    # The day consent ends, with no save, no job, nothing else: the link is gone.
    time_machine.move_to(
        timezone.make_aware(datetime.datetime.combine(story.consent_expires_on, datetime.time(9)))
    )
    assert_gone(client, path, story.headline)
    # Nor through a link made now, and the editors are told why none is offered.
    fresh = preview_share_url(story).removeprefix("http://127.0.0.1:8000")
    assert_gone(client, fresh, story.headline)
    client.force_login(editor)
    html = client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "Share links work only once consent is recorded" in html
    assert "/stories/preview/s/" not in html


def test_revoke_share_links_ends_them_and_offers_a_new_one(client, editor):
    story = with_consent(state=Story.State.DRAFT)
    client.force_login(editor)
    old = link_on_change_page(client, story)
    html = client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "Revoke share links" in html
    response = client.post(f"/admin/stories/story/{story.pk}/revoke-share-links/", follow=True)
    assert "now answers" in response.content.decode()
    new = link_on_change_page(client, story)
    assert new != old
    client.logout()
    assert_gone(client, old, story.headline)
    assert story.headline in client.get(new).content.decode()


def test_revoking_needs_a_post_and_the_change_permission(client, editor):
    story = with_consent(state=Story.State.DRAFT)
    viewer = get_user_model().objects.create_user("viewer", "viewer@example.org", "pw")
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_story"))
    client.force_login(editor)
    path = link_on_change_page(client, story)
    assert client.get(f"/admin/stories/story/{story.pk}/revoke-share-links/").status_code == 405
    client.force_login(viewer)
    assert client.post(f"/admin/stories/story/{story.pk}/revoke-share-links/").status_code == 403
    client.logout()
    assert client.get(path).status_code == 200


def test_a_dead_link_is_replaced_when_the_change_page_is_opened(client, editor, time_machine):
    story = with_consent(state=Story.State.DRAFT)
    client.force_login(editor)
    old = link_on_change_page(client, story)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=8))
    client.force_login(editor)  # the staff session itself has idled out by then
    new = link_on_change_page(client, story)
    assert new != old
    client.logout()
    assert client.get(old).status_code == 410
    assert client.get(new).status_code == 200
