"""Versions people can read: compare any two side by side, word by word, every
part included; revert restores every part as a new draft; times name their zone."""

import pytest
from django.test import Client
from django.utils import timezone

from stories.models import PullQuote, StoryDraft, StoryRevision
from tests.stories.editorial import change_url, form_data, staff_in
from tests.stories.factories import StoredImageFactory, StoryFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for_pia():
    client = Client()
    client.force_login(staff_in("Publishers", "pia", first_name="Pia"))
    return client


def test_compare_two_versions_marks_changed_words_in_every_part(client_for_pia):
    client = client_for_pia
    courts, housing = ThemeFactory(name="Courts"), ThemeFactory(name="Housing")
    story = StoryFactory(
        headline="A long road home",
        body="<p>She waited three years.</p>",
        themes=[courts],
        figures=[(12, "made safe")],
    )
    PullQuote.objects.create(story=story, text="We were heard.", position=0)
    client.post(
        change_url(story),
        form_data(
            client,
            story,
            headline="A short road home",
            body="<p>She waited two years.</p>",
            themes=[housing.pk],
            impact_figures=[{"number": 15, "label": "made safe", "position": 0}],
            pull_quotes=[{"text": "We were finally heard.", "attribution": "", "position": 0}],
        ),
    )
    old, new = story.revisions.order_by("created_at", "pk")
    listing = client.get(f"/admin/stories/story/{story.pk}/versions/").content.decode()
    zone = timezone.localtime().strftime("%Z")
    assert "Draft saved" in listing and zone in listing and "Preview this version" in listing

    html = client.get(
        f"/admin/stories/story/{story.pk}/versions/compare/?version={old.pk}&version={new.pk}"
    ).content.decode()
    assert "<del>long </del>" in html and "<ins>short </ins>" in html
    assert "<del>three </del>" in html and "<ins>two </ins>" in html  # the text, rendered
    assert "<del>12 </del>" in html and "<ins>15 </ins>" in html  # the figures
    assert "<ins>finally </ins>" in html  # the quotes
    assert "<del>Courts</del>" in html and "<ins>Housing</ins>" in html
    assert "&lt;p&gt;" not in html  # markup is not shown as text
    assert (
        client.get(
            f"/admin/stories/story/{story.pk}/versions/compare/?version={old.pk}"
        ).status_code
        == 302
    )


def test_revert_restores_every_part_as_a_new_draft(client_for_pia):
    client = client_for_pia
    courts, housing = ThemeFactory(name="Courts"), ThemeFactory(name="Housing")
    first_picture, second_picture = StoredImageFactory(), StoredImageFactory()
    story = StoryFactory(
        headline="First words", themes=[courts], figures=[(1, "one")], hero_image=first_picture
    )
    PullQuote.objects.create(story=story, text="First quote", position=0)
    client.post(
        change_url(story),
        form_data(
            client,
            story,
            headline="Second words",
            themes=[housing.pk],
            hero_image=second_picture.pk,
            impact_figures=[{"number": 2, "label": "two", "position": 0}],
            pull_quotes=[],
            _publish="Publish",
        ),
    )
    story.refresh_from_db()
    assert story.headline == "Second words" and not story.pull_quotes.exists()
    original = story.revisions.get(event=StoryRevision.Event.CREATED)

    response = client.post(f"/admin/stories/story/{story.pk}/versions/{original.pk}/revert/")
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Second words"  # live until published
    draft = StoryDraft.objects.get(story=story).content
    assert draft["fields"]["headline_en"] == "First words"
    assert draft["fields"]["hero_image"] == first_picture.pk
    assert draft["themes"] == [courts.pk]
    assert [(f["number"], f["label_en"]) for f in draft["impact_figures"]] == [(1, "one")]
    assert [q["text_en"] for q in draft["pull_quotes"]] == ["First quote"]
    assert story.revisions.filter(event=StoryRevision.Event.REVERTED).exists()

    form = client.get(change_url(story)).content.decode()
    assert 'value="First words"' in form and "First quote" in form
    client.post(change_url(story), form_data(client, story, _publish="Publish"))
    story.refresh_from_db()
    assert story.headline == "First words" and story.hero_image == first_picture
    assert list(story.themes.all()) == [courts]
    assert [(f.number, f.label) for f in story.impact_figures.all()] == [(1, "one")]
    assert [q.text for q in story.pull_quotes.all()] == ["First quote"]


def test_a_version_can_be_previewed(client_for_pia):
    story = StoryFactory(headline="Then")
    client_for_pia.post(change_url(story), form_data(client_for_pia, story, headline="Now"))
    then = story.revisions.get(event=StoryRevision.Event.CREATED)
    html = client_for_pia.get(
        f"/admin/stories/story/{story.pk}/versions/{then.pk}/preview/"
    ).content.decode()
    assert "<h1>Then</h1>" in html or ">Then<" in html


def test_the_old_history_revert_cannot_write_to_the_live_story(client_for_pia):
    story = StoryFactory(headline="Live")
    record = story.history.first()
    response = client_for_pia.post(
        f"/admin/stories/story/{story.pk}/history/{record.history_id}/", {"headline": "Sneaky"}
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Live"
