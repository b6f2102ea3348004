"""Addresses under a story's admin page that are not a story's ID get the
admin's "no such story" answer, never a server error. A relative stylesheet
link resolved against the change page (``…/<id>/change/widgets.css``) was
answering 500."""

import pytest

from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "tail", ["change/widgets.css", "change/x/y/", "not-a-number/change/", "12%2F3/change/"]
)
def test_odd_addresses_under_a_story_are_not_server_errors(editor_client, tail):
    story = StoryFactory()
    response = editor_client.get(f"/admin/stories/story/{story.pk}/{tail}", follow=True)
    assert response.status_code in (200, 404)
