"""The demo stories are told in full, each with its own honest illustration,
and the pages ask visitors to act with one primary action."""

import hashlib
import html as html_lib
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from stories.models import PullQuote, Story
from stories.validators import check_captions
from tests.quality.public_pages import public_pages

pytestmark = pytest.mark.django_db

DONATE_URL = "https://give.example.org/stories-of-hope"
COUNTRIES = {
    "one-home-restored-162-made-safe": "Uganda",
    "from-the-hospital-to-the-high-court": "Kenya",
    "the-sound-of-good-news": "Bolivia",
}


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def words(body_html: str) -> int:
    return len(html_lib.unescape(re.sub(r"<[^>]+>", " ", body_html)).split())


def test_every_story_is_told_in_250_to_450_words(demo):
    counts = {story.slug: words(story.body) for story in Story.objects.all()}
    assert len(counts) == 7
    assert all(250 <= count <= 450 for count in counts.values()), counts


def test_each_story_has_its_own_illustration_with_a_real_caption_and_credit(client, demo):
    pictures = [story.picture for story in Story.objects.select_related("hero_image", "clip")]
    digests = {
        hashlib.sha256(default_storage.open(p.file.name).read()).hexdigest() for p in pictures
    }
    assert len(digests) == 7, "two stories share one illustration"
    assert len({p.alt_text for p in pictures}) == 7
    for picture in pictures:
        assert picture.alt_text.startswith("Illustration"), picture.alt_text
        assert picture.credit == "Illustration: Stories of Hope"
    story = Story.objects.get(slug="one-home-restored-162-made-safe")
    page = client.get(story.get_absolute_url()).content.decode()
    assert story.hero_image.caption in page
    assert '<span class="credit">Illustration: Stories of Hope</span>' in page
    for path in public_pages():
        assert "for the demo" not in client.get(path).content.decode(), path


def test_luke_and_his_mother_speak_in_dialogue(client, demo):
    page = client.get("/stories/the-wisdom-of-a-seven-year-old/").content.decode()
    spoken = re.findall(r"<p>“[^<]+”</p>", page)
    assert len(spoken) >= 6, spoken
    assert "a pseudonym is used" in page


def test_quotes_not_in_the_persons_own_words_are_marked_as_retold(client, demo):
    quote = PullQuote.objects.get(story__slug="the-wisdom-of-a-seven-year-old")
    page = client.get("/stories/the-wisdom-of-a-seven-year-old/").content.decode()
    assert "Retold in our words" in page
    quote.verbatim = True
    quote.save()
    page = client.get("/stories/the-wisdom-of-a-seven-year-old/", {"fresh": 1}).content.decode()
    assert "Retold in our words" not in page and quote.text.replace("'", "&#x27;") in page


def test_every_story_shows_its_country_where_the_facts_give_one(client, demo):
    for slug, country in COUNTRIES.items():
        page = client.get(f"/stories/{slug}/").content.decode()
        assert f'?country={country.lower()}">{country}</a>' in page
        assert f'<p class="story-meta">{country}</p>' in client.get("/stories/").content.decode()


def test_both_clips_have_webvtt_captions_and_a_transcript_on_the_page(client, demo):
    for slug in ("finally-headed-home", "this-is-bablu"):
        story = Story.objects.select_related("clip").get(slug=slug)
        check_captions(story.clip.captions)
        page = client.get(story.get_absolute_url()).content.decode()
        assert "What the video shows" in page
        first_cue = story.clip.transcript.split("\n\n")[0]
        assert html_lib.escape(first_cue) in page
        assert f'href="{story.clip.captions.url}" download' in page


def test_what_you_can_do_is_one_band_with_one_primary_action_and_honest_labels(client, demo):
    page = client.get("/").content.decode()
    band = page[
        page.index('<section class="band"') : page.index(
            "</section>", page.index('<section class="band"')
        )
    ]
    buttons = re.findall(r'<a class="button([^"]*)" href="([^"]+)">([^<]+)</a>', band)
    assert [(href, label) for _cls, href, label in buttons] == [
        ("/fundraise/", "Start a fundraiser"),
        ("/stories/", "Choose a story to share"),
        ("/media-contact/", "Contact the media team"),
    ]
    assert [cls for cls, _href, _label in buttons] == [
        "",
        " button--secondary",
        " button--secondary",
    ]
    assert "/stories/feed/" not in band, "the feed is not a donor action"
    assert page.count("Make an impact") == 0 and page.count('id="media-heading"') == 0
    footer = page[page.index('<footer class="site-footer">') :]
    assert 'href="/stories/feed/"' in footer


def test_give_appears_exactly_when_donate_url_is_set(client, demo, settings):
    pages = public_pages()
    for path in pages:
        page = client.get(path).content.decode()
        assert ">Give<" not in page, path
        assert (
            '<a class="button button--give site-header__action" href="/fundraise/">Start a fundraiser</a>'
            in page
        )
    settings.DONATE_URL = DONATE_URL
    for path in pages:
        page = client.get(path, {"fresh": "1"}).content.decode()
        assert f'href="{DONATE_URL}">Give</a>' in page, path
    story = client.get("/stories/this-is-bablu/", {"fresh": "1"}).content.decode()
    next_story = story[story.index('id="next-story-heading"') :]
    assert f'href="{DONATE_URL}">Give</a>' in next_story
    assert 'href="/fundraise/">Start a fundraiser</a>' in next_story
    assert "facebook.com/sharer" in next_story


def test_help_write_the_next_story_ends_every_story(client, demo):
    for story in Story.objects.all():
        page = client.get(story.get_absolute_url()).content.decode()
        assert "Help write the next story" in page
        assert page.index("Help write the next story") > page.index('<div class="prose">')


def test_shares_use_a_1200_by_630_picture(client, demo, settings):
    page = client.get("/stories/the-sound-of-good-news/").content.decode()
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', page)[1]
    assert '<meta property="og:image:width" content="1200">' in page
    assert '<meta property="og:image:height" content="630">' in page
    name = og_image.removeprefix(settings.SITE_URL + settings.MEDIA_URL)
    with default_storage.open(name) as handle, Image.open(handle) as image:
        assert image.size == (1200, 630)
    home = client.get("/").content.decode()
    assert re.search(r'<meta property="og:image" content="[^"]+/share\.jpg">', home)


def test_headlines_keep_hyphenated_words_whole(client, demo):
    page = client.get("/stories/the-wisdom-of-a-seven-year-old/").content.decode()
    assert 'The wisdom of a <span class="nobr">seven-year-old</span>' in page
    hostile = Story.objects.get(slug="this-is-bablu")
    hostile.headline = "<script>x-y</script>"
    hostile.save()
    page = client.get(hostile.get_absolute_url()).content.decode()
    assert "<script>x-y" not in page and '&lt;script&gt;<span class="nobr">x-y</span>' in page
