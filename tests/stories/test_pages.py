"""What a visitor sees on /, /stories/, a story page, the feed, sitemap and robots.txt."""

import json
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command

from stories.models import Collection, Story
from tests.stories.factories import StoryFactory, ThemeFactory, home_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def text_of(response) -> str:
    return response.content.decode()


def test_home_shows_the_demo_page_in_editor_order(client, demo):
    html = text_of(client.get("/"))
    assert "<h1" in html and "Stories of Hope" in html
    assert "Moments of joy that keep us going" in html
    headlines = [
        "One home restored, 162 made safe",
        "From the hospital to the high court",
        "The sound of good news",
        "This is Bablu",
    ]
    positions = [html.index(headline) for headline in headlines]
    assert positions == sorted(positions), "home keeps the collection's order"
    assert ">162<" in html and ">150<" in html and ">76<" in html
    assert "What you can do" in html
    assert 'href="/fundraise/"' in html and 'href="/media-contact/"' in html
    assert "25 Tips for the Novice Fundraiser" in html
    assert "Test</" not in html


def test_home_follows_the_collection_order_editors_set(client, demo):
    home = Collection.objects.get(slug="home")
    items = list(home.items.order_by("position"))
    for position, item in enumerate(reversed(items)):
        item.position = position
        item.save()
    html = text_of(client.get("/"))
    assert html.index("This is Bablu") < html.index("One home restored")


def test_story_list_is_newest_first_and_links_every_story(client, demo):
    html = text_of(client.get("/stories/"))
    assert html.index("This is Bablu") < html.index("One home restored, 162 made safe")
    for story in Story.objects.all():
        assert f'href="/stories/{story.slug}/"' in html


def test_search_finds_the_bolivia_story_for_matraca(client, demo):
    html = text_of(client.get("/stories/", {"q": "matraca"}))
    assert "The sound of good news" in html
    assert "This is Bablu" not in html


def test_search_ranks_headline_matches_above_body_matches(client, db):
    StoryFactory(headline="Rattles in the office", summary="Plain.", body="<p>Plain.</p>")
    StoryFactory(headline="Other news", summary="Plain.", body="<p>One rattle was heard.</p>")
    html = text_of(client.get("/stories/", {"q": "rattle"}))
    assert html.index("Rattles in the office") < html.index("Other news")


def test_filters_by_country_and_theme(client, demo):
    html = text_of(client.get("/stories/", {"country": "kenya"}))
    assert "From the hospital to the high court" in html
    assert "The sound of good news" not in html
    html = text_of(client.get("/stories/", {"theme": "bonded-labour"}))
    assert "This is Bablu" in html and "Finally headed home" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"page": "999"}, 200),
        ({"page": "abc"}, 200),
        ({"page": "-1"}, 200),
        ({"q": "a" * 5000}, 200),
        # The site may refuse NUL bytes before the view (400); the view strips them (200).
        ({"q": "nul\x00byte"}, (200, 400)),
        ({"q": "'\"&|!<>():*"}, 200),
        ({"country": "atlantis"}, 404),
        ({"theme": "<script>"}, 404),
    ],
)
def test_bad_list_input_never_gives_500(client, db, params, expected):
    StoryFactory()
    status = client.get("/stories/", params).status_code
    assert status in (expected if isinstance(expected, tuple) else (expected,))


def test_story_page_has_everything_a_visitor_and_a_crawler_need(client, demo, settings):
    response = client.get("/stories/one-home-restored-162-made-safe/")
    html = text_of(response)
    assert response.status_code == 200
    assert "<h1" in html and "One home restored, 162 made safe" in html
    assert "thumbprint" in html
    assert ">162<" in html and "made safe" in html
    assert '<figure class="pull-quote">' in html
    canonical = f'<link rel="canonical" href="{settings.SITE_URL}/stories/one-home-restored-162-made-safe/">'
    assert canonical in html
    assert '<meta name="description" content="Hellen came home' in html
    assert '<meta property="og:title" content="One home restored, 162 made safe">' in html
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert og_image.startswith(settings.SITE_URL + "/media/")
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
    assert ld["@type"] == "Article" and ld["headline"] == "One home restored, 162 made safe"
    assert "More stories of hope" in html
    assert "facebook.com/sharer" in html and '<script src="https://' not in html
    assert "pseudonym" not in html


def test_every_image_has_alt_text_or_is_marked_decorative(client, demo):
    for url in ["/", "/stories/", "/stories/the-sound-of-good-news/"]:
        for tag in re.findall(r"<img [^>]*>", text_of(client.get(url))):
            alt = re.search(r'alt="([^"]*)"', tag)
            assert alt, tag
            # alt="" alone marks a decorative image; HTML forbids a role beside it.
            assert alt[1] or "role=" not in tag, tag


def test_first_image_is_eager_and_the_rest_lazy(client, demo):
    page = text_of(client.get("/stories/"))
    images = re.findall(r"<img [^>]*>", page[page.index("<main") :])
    assert 'fetchpriority="high"' in images[0] and 'loading="eager"' in images[0]
    assert all('loading="lazy"' in tag for tag in images[1:])
    assert all("width=" in tag and "height=" in tag for tag in images)


def test_pictures_offer_webp_and_a_fallback_at_three_widths(client, demo):
    # The story's hero is its 3:2 crop, made at 600 and 900 px (the demo picture
    # is too small for a 1200 px cut, and crops are never enlarged).
    html = text_of(client.get("/stories/the-sound-of-good-news/"))
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)"', html)[1]
    jpeg = re.search(r'<source type="image/jpeg" srcset="([^"]+)"', html)[1]
    for srcset in (webp, jpeg):
        assert [w for w in ("600w", "900w", "1200w") if w in srcset] == ["600w", "900w"]
    assert 'sizes="' in html


def test_pseudonym_note_appears_when_consent_says_so(client, demo):
    html = text_of(client.get("/stories/the-wisdom-of-a-seven-year-old/"))
    assert "pseudonym" in html


def test_clip_story_shows_a_poster_and_loads_nothing_from_the_video_host(client, demo):
    html = text_of(client.get("/stories/finally-headed-home/"))
    assert 'data-embed-src="https://www.youtube-nocookie.com/embed/' in html
    assert "<iframe" not in html
    assert not re.search(
        r'(src|href)="https://[^"]*(youtube|ytimg|vimeo)[^"]*"[^>]*rel="(pre|modulepre)', html
    )
    srcs = re.findall(r'<(?:img|script|iframe|link|source)[^>]+(?:src|href|srcset)="([^"]+)"', html)
    assert not [s for s in srcs if "youtube" in s or "vimeo" in s or "ytimg" in s]
    assert "Play video" in html


def test_feed_lists_stories_with_absolute_links(client, demo, settings):
    response = client.get("/stories/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = text_of(response)
    assert "<title>The sound of good news</title>" in xml
    assert f"<link>{settings.SITE_URL}/stories/the-sound-of-good-news/</link>" in xml
    # Feed readers tell stories apart by <guid>: the story's lasting address.
    assert f"<guid>{settings.SITE_URL}/stories/the-sound-of-good-news/</guid>" in xml


def test_sitemap_lists_stories_home_and_form_pages(client, demo, settings):
    xml = text_of(client.get("/sitemap.xml"))
    for path in ["/", "/stories/", "/fundraise/", "/media-contact/", "/stories/this-is-bablu/"]:
        assert f"<loc>{settings.SITE_URL}{path}</loc>" in xml


def test_robots_txt_names_the_sitemap(client, settings):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text_of(response)


def test_robots_txt_never_points_at_the_admin(client, settings):
    # A moved admin is one more thing an attacker has to find; robots.txt must not tell.
    settings.ADMIN_URL = "staff-door-7f3a/"
    text = text_of(client.get("/robots.txt"))
    assert "staff-door" not in text and "admin" not in text.lower()
    assert "Disallow: /stories/preview/" in text


def test_load_demo_is_idempotent_and_if_empty_leaves_edits_alone(demo):
    call_command("load_demo", verbosity=0)
    assert Story.objects.count() == 7
    story = Story.objects.get(slug="this-is-bablu")
    story.headline = "Edited by an editor"
    story.save()
    call_command("load_demo", "--if-empty", verbosity=0)
    assert Story.objects.get(pk=story.pk).headline == "Edited by an editor"
    assert Collection.objects.get(slug="home").items.count() == 7


def test_load_demo_gives_the_clip_stories_links_and_luke_a_pseudonym(demo):
    assert Story.objects.get(slug="finally-headed-home").clip.provider == "youtube"
    assert Story.objects.get(slug="this-is-bablu").clip.provider == "vimeo"
    luke = Story.objects.get(slug="the-wisdom-of-a-seven-year-old")
    assert luke.pseudonym_used and luke.consent_obtained_on
    assert Story.objects.visible().count() == 7


def test_slug_change_of_a_published_story_answers_301(client, db):
    story = StoryFactory(slug="old-address")
    story.slug = "new-address"
    story.save()
    response = client.get("/stories/old-address/")
    assert response.status_code == 301
    assert response["Location"] == "/stories/new-address/"
    assert client.get("/stories/new-address/").status_code == 200


def test_slug_change_of_a_never_published_draft_leaves_no_redirect(client, db):
    story = StoryFactory(slug="draft-address", state=Story.State.DRAFT, publish_at=None)
    story.slug = "draft-renamed"
    story.save()
    assert client.get("/stories/draft-address/").status_code == 404


def test_unknown_story_is_a_404_in_the_site_layout(client, db):
    response = client.get("/stories/no-such-story/")
    assert response.status_code == 404
    assert '<main id="main"' in text_of(response)


def _miss_queries(client, url, assert_max_queries, limit) -> int:
    """Queries for one request the page cache cannot answer, as after any edit."""
    cache.clear()
    with assert_max_queries(limit) as context:
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return len(context.captured_queries)


# What a page costs when rendered afresh, nothing kept; the version lookup and
# the header's logo (remembered in the cache after that) are two of them. The
# list reads its page's story ids, then the cards it has not kept
# (stories/fragments.py): one query more than reading them at once, and far
# fewer after an edit of one story (tests/stories/test_fragments.py).
MISS_QUERY_LIMITS = {"/": 6, "/stories/": 8, "story": 8}


@pytest.mark.parametrize("url", ["/", "/stories/", "story"])
def test_query_counts_do_not_grow_with_the_number_of_stories(
    client, db, url, django_assert_max_num_queries
):
    themes = [ThemeFactory(), ThemeFactory()]
    stories = [StoryFactory(themes=themes) for _ in range(10)]
    home_with(stories)
    target = f"/stories/{stories[0].slug}/" if url == "story" else url
    limit = MISS_QUERY_LIMITS[url]
    small = _miss_queries(client, target, django_assert_max_num_queries, limit)
    more = [StoryFactory(themes=themes) for _ in range(90)]
    collection = Collection.objects.get(slug="home")
    for position, story in enumerate(more, start=10):
        collection.items.create(story=story, position=position)
    large = _miss_queries(client, target, django_assert_max_num_queries, limit)
    assert large == small, f"{target}: {small} queries at 10 stories, {large} at 100"
