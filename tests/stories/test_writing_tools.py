"""The body editor's writing tools, as visitors and editors meet them: links to
other stories that follow their address (and never point at a story visitors
can't see), and pull quotes and impact figures placed inside the text."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from stories.caching import keys_for
from stories.diffing import compare_contents
from stories.drafts import snapshot_of_story
from stories.models import PullQuote, Story, StoryDraft
from stories.sanitising import sanitise_story_html
from tests.stories.editorial import change_url, form_data, staff_in
from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db

THREE_PARAGRAPHS = "<p>First part.</p><h2>Second part</h2><p>Third part.</p>"


def page_of(story) -> str:
    response = Client().get(f"/stories/{story.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def prose(html: str) -> str:
    """The story body region of a page: from the figures above the text to the call to help."""
    return html[html.index('class="wrap story__body"') : html.index('<section class="next-story"')]


# ------------------------------------------------------------ story links


def test_a_link_to_a_story_follows_its_new_address(django_capture_on_commit_callbacks):
    target = StoryFactory(headline="The garden grows", slug="the-garden")
    story = StoryFactory(body=f'<p>Read <a href="story:{target.pk}">how it began</a>.</p>')
    assert '<a href="/stories/the-garden/">how it began</a>' in page_of(story)

    with django_capture_on_commit_callbacks(execute=True):
        target.slug = "the-garden-blooms"
        target.save()
    html = page_of(story)
    assert '<a href="/stories/the-garden-blooms/">how it began</a>' in html
    assert "/stories/the-garden/" not in html


def test_a_link_to_a_story_visitors_cannot_see_is_plain_text():
    draft = StoryFactory(slug="secret-draft-slug", state=Story.State.DRAFT)
    story = StoryFactory(body=f'<p>Read <a href="story:{draft.pk}">what comes next</a>.</p>')
    html = page_of(story)
    assert "<p>Read what comes next.</p>" in html
    assert "secret-draft-slug" not in html and "story:" not in html


def test_links_to_stories_resolve_in_one_query_however_many_there_are():
    def queries_for(link_count):
        targets = StoryFactory.create_batch(link_count)
        body = "".join(f'<p><a href="story:{t.pk}">{t.headline}</a></p>' for t in targets)
        story = StoryFactory(body=body)
        client = Client()
        with CaptureQueriesContext(connection) as captured:
            html = client.get(f"/stories/{story.slug}/").content.decode()
        for target in targets:
            assert f'<a href="/stories/{target.slug}/">' in html
        return len(captured)

    queries_for(1)  # the first page of a process also works out the content version
    assert queries_for(1) == queries_for(8)


def test_a_page_is_purged_when_a_story_it_links_to_changes():
    target = StoryFactory(state=Story.State.DRAFT)
    story = StoryFactory(body=f'<p><a href="story:{target.pk}">next</a></p>')
    response = Client().get(f"/stories/{story.slug}/")
    # Named by the story it links to even while that one is hidden, so its
    # publishing (or new address) purges this page at the edge too.
    assert f"story-{target.pk}" in response["Surrogate-Key"].split()
    target.state = Story.State.PUBLISHED
    target.save()
    assert f"story-{story.pk}" in keys_for(target)


def test_the_sanitiser_keeps_story_links_in_exactly_one_form():
    assert sanitise_story_html('<a href="story:12">x</a>') == (
        '<a href="story:12" rel="noopener noreferrer">x</a>'
    )
    for hostile in ("story:12x", "STORY:12", " story:12", "story:0", "story:1/2", "story:-1"):
        assert "href" not in sanitise_story_html(f'<a href="{hostile}">x</a>'), hostile


def test_the_link_picker_searches_headlines_for_staff_only(client):
    live = StoryFactory(headline="Harvest in the valley")
    draft = StoryFactory(headline="Harvest to come", state=Story.State.DRAFT)
    StoryFactory(headline="Something else")
    url = "/admin/stories/story/link-targets/"
    assert client.get(url, {"q": "harvest"}).status_code == 302  # to the login page

    client.force_login(staff_in("Editors", "erin"))
    found = client.get(url, {"q": "  HARVEST "}).json()["stories"]
    assert found == [
        {"id": live.pk, "headline": "Harvest in the valley", "live": True},
        {"id": draft.pk, "headline": "Harvest to come", "live": False},
    ]
    assert client.get(url, {"q": "x" * 5000}).json() == {"stories": []}
    assert client.get(url, {"q": "harvest\x00"}).status_code == 400


# ------------------------------------------------------ placing quotes and figures


def test_quotes_and_figures_are_shown_after_the_paragraph_chosen():
    story = StoryFactory(body=THREE_PARAGRAPHS, figures=[(12, "made safe"), (40, "rehoused")])
    story.impact_figures.filter(label="rehoused").update(after_paragraph=2)
    PullQuote.objects.create(story=story, text="Placed words.", after_paragraph=1)
    PullQuote.objects.create(story=story, text="Closing words.")
    PullQuote.objects.create(story=story, text="Far past the end.", after_paragraph=40)
    body = prose(page_of(story))
    order = [
        "made safe",  # no paragraph chosen: above the text, as before
        "First part.",
        "Placed words.",
        "Second part",
        "rehoused",
        "Third part.",
    ]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)
    # Without a paragraph, and past the last one: after the text.
    assert body.index("Third part.") < body.index("Closing words.")
    assert body.index("Third part.") < body.index("Far past the end.")
    assert body.count('<div class="prose">') == 3  # split after paragraphs 1 and 2
    assert all(body.count(text) == 1 for text in order)


def test_placement_goes_through_the_draft_and_into_versions(
    client, django_capture_on_commit_callbacks
):
    publisher = staff_in("Publishers", "pia")
    client.force_login(publisher)
    story = StoryFactory(body=THREE_PARAGRAPHS)
    PullQuote.objects.create(story=story, text="We were heard.")
    before = snapshot_of_story(story)
    quote = {"text": "We were heard.", "attribution": "", "position": 0, "after_paragraph": 1}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(story), form_data(client, story, pull_quotes=[quote]))
    assert StoryDraft.objects.get(story=story).content["pull_quotes"][0]["after_paragraph"] == 1
    live = prose(page_of(story))
    assert live.index("Third part.") < live.index("We were heard.")  # still after the text

    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(story), form_data(client, story, _publish="Publish"))
    assert story.pull_quotes.get().after_paragraph == 1
    live = prose(page_of(story))
    assert live.index("First part.") < live.index("We were heard.") < live.index("Second part")
    rows = {row["name"]: row for row in compare_contents(before, snapshot_of_story(story))}
    assert rows["pull_quotes"]["changed"]
    assert "after paragraph 1" in rows["pull_quotes"]["new"]


def test_a_bad_paragraph_number_is_refused_beside_the_field(client):
    client.force_login(staff_in("Publishers", "pia"))
    story = StoryFactory(body=THREE_PARAGRAPHS)
    quote = {"text": "Words.", "attribution": "", "position": 0, "after_paragraph": "0"}
    response = client.post(change_url(story), form_data(client, story, pull_quotes=[quote]))
    assert response.status_code == 200
    assert re.search(r"greater than or equal to 1", response.content.decode())
    assert not StoryDraft.objects.filter(story=story).exists()


def test_the_preview_of_a_draft_shows_its_links_and_placements_as_visitors_will(client):
    client.force_login(staff_in("Publishers", "pia"))
    target = StoryFactory(slug="the-garden")
    hidden = StoryFactory(slug="not-yet", state=Story.State.DRAFT)
    story = StoryFactory(body="<p>Unchanged.</p>")
    body = (
        f'<p><a href="story:{target.pk}">Seen</a> and <a href="story:{hidden.pk}">unseen</a>.</p>'
    )
    quote = {"text": "Placed words.", "attribution": "", "position": 0, "after_paragraph": 1}
    client.post(
        change_url(story),
        form_data(client, story, body=body + "<p>After.</p>", pull_quotes=[quote]),
    )
    html = prose(client.get(f"/stories/preview/{story.pk}/").content.decode())
    assert '<a href="/stories/the-garden/">Seen</a> and unseen.' in html
    assert "not-yet" not in html
    assert html.index("unseen") < html.index("Placed words.") < html.index("After.")
