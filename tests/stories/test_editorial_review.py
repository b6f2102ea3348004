"""Review before publishing: Editors submit, Publishers publish or return,
each step is emailed through the outbox, and no crafted POST gets around it."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import close_old_connections, connection

from outbox.models import OutboundEmail
from stories import workflow
from stories.models import Story, StoryDraft, StoryReview
from tests.stories.editorial import change_url, form_data, staff_in
from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/stories/story/"


@pytest.fixture
def erin(client):
    """An Editor: may edit and submit, not publish."""
    user = staff_in("Editors", "erin", first_name="Erin")
    client.force_login(user)
    return user


@pytest.fixture
def pia():
    return staff_in("Publishers", "pia", first_name="Pia")


def test_publishers_can_publish_and_editors_cannot(pia, erin):
    assert pia.has_perm("stories.publish_story") and not erin.has_perm("stories.publish_story")
    publisher_perms = set(Group.objects.get(name="Publishers").permissions.all())
    assert set(Group.objects.get(name="Editors").permissions.all()) < publisher_perms


def test_an_editor_sees_submit_not_publish(client, erin):
    story = StoryFactory()
    html = client.get(change_url(story)).content.decode()
    assert 'name="_submit_review"' in html
    assert 'name="_publish"' not in html and 'name="_schedule"' not in html


def test_an_editor_cannot_publish_by_a_crafted_post(client, erin, pia):
    story = StoryFactory(headline="The live one")
    for button in ("_publish", "_schedule"):
        data = form_data(client, story, headline="Sneaked out", **{button: "1"})
        data["schedule_at"] = "2099-01-01T10:00"
        assert client.post(change_url(story), data).status_code == 403
    new = client.post(
        "/admin/stories/story/add/",
        {
            "headline_en": "Brand new",
            "slug_en": "brand-new",
            "summary_en": "S",
            "identifies_nobody": "on",
            "impact_figures-TOTAL_FORMS": "0",
            "impact_figures-INITIAL_FORMS": "0",
            "pull_quotes-TOTAL_FORMS": "0",
            "pull_quotes-INITIAL_FORMS": "0",
            "_publish": "1",
        },
    )
    assert new.status_code == 403
    draft = StoryFactory(state=Story.State.DRAFT, headline="Bulk")
    client.post(CHANGELIST_URL, {"action": "publish_stories", "_selected_action": [draft.pk]})
    story.refresh_from_db()
    draft.refresh_from_db()
    assert story.headline == "The live one" and draft.state == Story.State.DRAFT
    assert not Story.objects.filter(slug="brand-new").exists()
    with pytest.raises(workflow.WorkflowError):
        workflow.publish(draft, erin)


def test_submit_then_a_publisher_publishes_and_the_author_is_told(client, erin, pia):
    story = StoryFactory(headline="Before review", slug="before-review")
    response = client.post(
        change_url(story),
        form_data(client, story, headline="After review", _submit_review="1", review_note="Ready"),
        follow=True,
    )
    assert "Submitted for review" in response.content.decode()
    review = StoryReview.objects.get(story=story, status=StoryReview.Status.PENDING)
    to_publisher = OutboundEmail.objects.get(template="stories_review_submitted")
    assert to_publisher.to == "pia@example.org" and "After review" in to_publisher.subject
    assert "Erin" in to_publisher.body_text and "Ready" in to_publisher.body_text
    assert "In review" in client.get(CHANGELIST_URL).content.decode()

    client.force_login(pia)
    form = client.get(change_url(story)).content.decode()
    assert "submitted by Erin" in form and "“Ready”" in form
    client.post(change_url(story), form_data(client, story, _publish="Publish"))
    story.refresh_from_db()
    assert story.headline == "After review" and story.is_visible()
    review.refresh_from_db()
    assert review.status == StoryReview.Status.APPROVED and review.decided_by == pia
    approved = OutboundEmail.objects.get(template="stories_review_approved")
    assert approved.to == "erin@example.org" and "Pia" in approved.body_text
    assert story.absolute_url in approved.body_text


def test_a_publisher_returns_it_with_a_comment(client, erin, pia):
    story = StoryFactory(headline="Needs work")
    client.post(
        change_url(story), form_data(client, story, headline="Needs work?", _submit_review="1")
    )
    client.force_login(pia)
    refused = client.post(change_url(story), {"_return_review": "1", "review_comment": " "})
    assert refused.status_code == 302
    assert StoryReview.objects.get().status == StoryReview.Status.PENDING
    client.post(
        change_url(story),
        {"_return_review": "1", "review_comment": "Please check the second figure."},
    )
    review = StoryReview.objects.get()
    assert review.status == StoryReview.Status.RETURNED
    returned = OutboundEmail.objects.get(template="stories_review_returned")
    assert returned.to == "erin@example.org"
    assert "Please check the second figure." in returned.body_text
    story.refresh_from_db()
    assert story.headline == "Needs work"  # nothing went live
    assert StoryDraft.objects.get(story=story).content["fields"]["headline_en"] == "Needs work?"
    client.force_login(erin)
    form = client.get(change_url(story)).content.decode()
    assert "returned with comments" in form and "Please check the second figure." in form


def test_submitting_with_a_consent_problem_says_what_is_missing(client, erin, pia):
    story = StoryFactory(state=Story.State.DRAFT, identifies_nobody=False)
    data = form_data(client, story, _submit_review="1")
    response = client.post(change_url(story), data)
    assert response.status_code == 200
    assert "without consent" in response.content.decode()
    assert not StoryReview.objects.exists() and not OutboundEmail.objects.exists()


def test_with_review_off_every_editor_publishes(client, erin, settings):
    settings.STORY_REVIEW = "off"
    story = StoryFactory(state=Story.State.DRAFT)
    assert 'name="_publish"' in client.get(change_url(story)).content.decode()
    client.post(change_url(story), form_data(client, story, _publish="Publish"))
    story.refresh_from_db()
    assert story.is_visible()


def test_deleting_a_story_in_review_tells_the_reviewers(client, erin, pia):
    story = StoryFactory(headline="Short-lived")
    client.post(change_url(story), form_data(client, story, _submit_review="1"))
    client.post(f"/admin/stories/story/{story.pk}/delete/", {"post": "yes"})
    assert not Story.objects.filter(pk=story.pk).exists()
    told = OutboundEmail.objects.get(template="stories_review_deleted")
    assert told.to == "pia@example.org" and "Short-lived" in told.body_text


@pytest.mark.django_db(transaction=True)
def test_two_publishers_approving_at_once_publish_once(erin, pia):
    other = staff_in("Publishers", "paz")
    story = StoryFactory(headline="Old words")
    workflow.save_working_copy(
        story, {**workflow.working_content(story), "fields": {"headline": "New words"}}, erin
    )
    workflow.submit_for_review(story, erin)
    start = threading.Barrier(2)
    outcomes = []

    def approve(user):
        try:
            start.wait()
            workflow.publish(Story.objects.get(pk=story.pk), user)
            outcomes.append("published")
        except workflow.WorkflowError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(user,)) for user in (pia, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    close_old_connections()
    assert sorted(outcomes) == ["published", "refused"]
    assert story.revisions.filter(event="published").count() == 1
    assert OutboundEmail.objects.filter(template="stories_review_approved").count() == 1
    assert Story.objects.get(pk=story.pk).headline == "New words"
