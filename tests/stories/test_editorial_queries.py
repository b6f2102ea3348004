"""The story change list and change form make the same number of queries
whatever the number of stories, drafts, reviews, figures and quotes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories import workflow
from stories.models import PullQuote, StoryDraft
from tests.stories.editorial import change_url, staff_in
from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def stories_in_every_state(count, editor):
    for index in range(count):
        story = StoryFactory(figures=[(index, "homes"), (index + 1, "schools")])
        if index % 3 == 1:
            StoryDraft.objects.create(story=story, content=workflow.working_content(story))
        if index % 3 == 2:
            workflow.submit_for_review(story, editor)


def test_the_change_list_does_not_grow_with_the_stories(client):
    editor = staff_in("Publishers", "pia")
    client.force_login(editor)
    stories_in_every_state(3, editor)
    few = count_queries(client, "/admin/stories/story/")
    stories_in_every_state(30, editor)
    many = count_queries(client, "/admin/stories/story/")
    assert many == few, f"{few} queries for 3 stories, {many} for 33"
    assert few <= 17


def story_with_parts(figures, editor):
    story = StoryFactory(figures=[(n, f"figure {n}") for n in range(figures)])
    for n in range(figures):
        PullQuote.objects.create(story=story, text=f"Quote {n}", position=n)
    workflow.save_working_copy(story, workflow.working_content(story), editor)
    return story


def test_the_change_form_does_not_grow_with_figures_and_quotes(client):
    editor = staff_in("Publishers", "pia")
    client.force_login(editor)
    small, large = story_with_parts(1, editor), story_with_parts(20, editor)
    client.get(change_url(small))  # warm the per-process caches (content types, permissions)
    few = count_queries(client, change_url(small))
    many = count_queries(client, change_url(large))
    assert many == few, f"{few} queries with 1 figure and quote, {many} with 20"
    assert few <= 27  # 27th: the image chooser reads the chosen picture for its thumbnail
