"""English at today's addresses, French under /fr/: every public page in both
languages, the switcher, hreflang in head and sitemap, no Accept-Language
guessing, the page cache and the edge keeping the languages apart, one feed
per language, and error pages in the address's language (README, Languages)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from stories.caching import paths_for
from stories.models import CollectionItem
from tests.contact.factories import form_data as inquiry_data
from tests.i18n import compiled  # noqa: F401  (the French catalogue, compiled)
from tests.stories.factories import StoryFactory, home_with, translated_story

pytestmark = pytest.mark.django_db

# English page → its French twin (stories come from the fixtures below).
PAIRS = [
    ("/", "/fr/"),
    ("/stories/", "/fr/histoires/"),
    ("/stories/?q=garden", "/fr/histoires/?q=garden"),
    ("/media-contact/", "/fr/contact-medias/"),
    ("/media-contact/thanks/", "/fr/contact-medias/merci/"),
    ("/fundraise/", "/fr/collecte-de-fonds/"),
    ("/fundraise/thanks/", "/fr/collecte-de-fonds/merci/"),
    ("/fundraise/guide/", "/fr/collecte-de-fonds/guide/"),
    ("/privacy/", "/fr/confidentialite/"),
]


@pytest.fixture
def bilingual():
    story = translated_story()
    home_with([story])
    return story


@pytest.fixture
def english_only():
    return StoryFactory(headline="Only in English", slug="only-in-english")


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    return match.group(1) if match else ""


def alternates(response) -> dict[str, str]:
    html = response.content.decode()
    return {
        lang: unescape(href)
        for lang, href in re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html
        )
    }


def switcher(response) -> str:
    """Where the language switcher's link leads (its ``next``)."""
    html = response.content.decode()
    match = re.search(r'<li class="site-nav__language"><a href="([^"]+)"', html)
    assert match, "no language switcher on the page"
    return unescape(match.group(1))


# ---------------------------------------------------------------- pages


def test_every_public_page_answers_in_both_languages(client, bilingual):
    pairs = [*PAIRS, (bilingual.url_in("en"), bilingual.url_in("fr"))]
    for english, french in pairs:
        en, fr = client.get(english), client.get(french)
        assert en.status_code == 200 and fr.status_code == 200, (english, french)
        assert html_lang(en) == "en-CA", english
        assert html_lang(fr) == "fr-CA", french
        assert en["Content-Language"] == "en-CA" and fr["Content-Language"] == "fr-CA"
        # Each page's switcher leads to its twin, and its head names both.
        assert switcher(en).endswith("next=" + _quoted(french)), english
        assert switcher(fr).endswith("next=" + _quoted(english)), french
    # The pages reached from emails and notices say their language too.
    from fundraising.services import unsubscribe_token
    from tests.fundraising.factories import SignupFactory

    token = unsubscribe_token(
        SignupFactory(
            news_consent=True, consent_wording="Send me news", consent_given_at=timezone.now()
        )
    )
    for path, lang in [
        (f"/fundraise/unsubscribe/{token}/", "en-CA"),
        (f"/fr/collecte-de-fonds/desabonnement/{token}/", "fr-CA"),
        ("/fr/histoires/?untranslated=1", "fr-CA"),
    ]:
        shown = client.get(path)
        assert shown.status_code == 200 and html_lang(shown) == lang, path
    for path, lang in [
        (f"/fr/collecte-de-fonds/desabonnement/{token}/", "fr-CA"),
        (f"/fundraise/unsubscribe/{token}/", "en-CA"),
    ]:
        done = client.post(path)
        assert done.status_code == 200 and html_lang(done) == lang, path
    assert bilingual.url_in("fr") == "/fr/histoires/un-jardin-pousse/"
    story = client.get("/fr/histoires/un-jardin-pousse/").content.decode()
    assert "Un jardin pousse" in story and "A garden grows" not in story


def _quoted(path: str) -> str:
    from urllib.parse import quote

    return quote(path, safe="/")


def test_english_addresses_are_unchanged_and_english_words_under_fr_are_not_pages(client):
    for english, _french in PAIRS:
        assert client.get(english).status_code == 200
    assert client.get("/fr/stories/").status_code == 404
    assert client.get("/histoires/").status_code == 404
    assert client.get("/sitemap.xml").status_code == 200
    assert client.get("/fr/sitemap.xml").status_code == 404
    robots = client.get("/robots.txt").content.decode()
    for line in (
        "Disallow: /stories/preview/",
        "Disallow: /fr/histoires/apercu/",
        "Disallow: /language/",
    ):
        assert line in robots.splitlines()


def test_the_address_decides_the_language_not_the_browser_nor_the_cookie(client, bilingual):
    client.cookies["django_language"] = "fr"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")
    assert response.status_code == 200  # a shared English link opens in English
    assert html_lang(response) == "en-CA"
    vary = response.get("Vary", "").lower()
    assert "accept-language" not in vary and "cookie" not in vary
    french = client.get("/fr/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert french.status_code == 200 and html_lang(french) == "fr-CA"


# ------------------------------------------------------------- switcher


def test_switcher_on_a_translated_story_leads_to_its_french_address(client, bilingual):
    page = client.get("/stories/a-garden-grows/")
    link = switcher(page)
    assert link == "/language/fr/?next=/fr/histoires/un-jardin-pousse/"
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/fr/histoires/un-jardin-pousse/"
    assert response["Cache-Control"] == "private, no-store"
    assert response.cookies["django_language"].value == "fr"  # the choice is remembered
    french = client.get(response["Location"])
    assert html_lang(french) == "fr-CA" and "Un jardin pousse" in french.content.decode()
    back = client.get(switcher(french))
    assert back["Location"] == "/stories/a-garden-grows/"
    assert back.cookies["django_language"].value == "en"


def test_switcher_on_an_untranslated_story_leads_to_the_french_list_saying_so(
    client, english_only, bilingual
):
    page = client.get("/stories/only-in-english/")
    response = client.get(switcher(page), follow=True)
    assert response.redirect_chain[-1][0] == "/fr/histoires/?untranslated=1"
    html = response.content.decode()
    assert html_lang(response) == "fr-CA"
    assert "pas encore été traduite en français" in html
    assert "Un jardin pousse" in html and "Only in English" not in html
    # The story has no French address to announce.
    assert set(alternates(page)) == {"en-CA", "x-default"}
    assert client.get("/fr/histoires/only-in-english/").status_code == 404


def test_switcher_follows_only_this_sites_addresses_in_that_language(client):
    for target in ["//evil.example/", "https://evil.example/fr/", "/stories/", "javascript:x"]:
        response = client.get("/language/fr/", {"next": target})
        assert response.status_code == 302 and response["Location"] == "/fr/", target
    assert client.get("/language/de/", {"next": "/"}).status_code == 404


# -------------------------------------------------------------- hreflang


def test_hreflang_alternates_in_the_head(client, bilingual, settings):
    site = settings.SITE_URL
    story = (bilingual.url_in("en"), bilingual.url_in("fr"))
    for english, french in [("/", "/fr/"), ("/stories/", "/fr/histoires/"), story]:
        expected = {"en-CA": site + english, "fr-CA": site + french, "x-default": site + english}
        assert alternates(client.get(english)) == expected, english
        assert alternates(client.get(french)) == expected, french


def test_hreflang_alternates_in_the_sitemap(client, bilingual, english_only, settings):
    site = settings.SITE_URL
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    both = {
        "en-CA": site + "/stories/a-garden-grows/",
        "fr-CA": site + "/fr/histoires/un-jardin-pousse/",
        "x-default": site + "/stories/a-garden-grows/",
    }
    assert entries[site + "/stories/a-garden-grows/"] == both
    assert entries[site + "/fr/histoires/un-jardin-pousse/"] == both
    assert entries[site + "/stories/only-in-english/"] == {
        "en-CA": site + "/stories/only-in-english/",
        "x-default": site + "/stories/only-in-english/",
    }
    assert not any("only-in-english" in loc and "/fr/" in loc for loc in entries)
    assert entries[site + "/fr/collecte-de-fonds/"]["en-CA"] == site + "/fundraise/"


# ----------------------------------------------------- caches and edge


def test_the_page_cache_keeps_the_languages_apart(client, bilingual):
    pairs = [
        ("/", "/fr/"),
        ("/stories/", "/fr/histoires/"),
        (bilingual.url_in("en"), bilingual.url_in("fr")),
    ]
    for english, french in pairs:
        first_fr = client.get(french)
        assert first_fr["X-Page-Cache"] == "miss"
        # The English page of the same content is its own entry, never the French one.
        first_en = client.get(english, HTTP_ACCEPT_LANGUAGE="fr")
        assert first_en["X-Page-Cache"] == "miss", english
        for url, lang in [(french, "fr-CA"), (english, "en-CA")]:
            again = client.get(url)
            assert again["X-Page-Cache"] == "hit", url
            assert html_lang(again) == lang and again["Content-Language"] == lang, url
    assert "Un jardin pousse" in client.get(bilingual.url_in("fr")).content.decode()
    assert "Un jardin pousse" not in client.get(bilingual.url_in("en")).content.decode()


def test_edge_keys_name_the_language_and_purges_reach_both_addresses(client, bilingual):
    en, fr = client.get(bilingual.url_in("en")), client.get(bilingual.url_in("fr"))
    en_keys, fr_keys = set(en["xkey"].split()), set(fr["xkey"].split())
    story_key = f"story-{bilingual.pk}"
    assert {story_key, "lang-en"} <= en_keys and "lang-fr" not in en_keys
    assert {story_key, "lang-fr"} <= fr_keys and "lang-en" not in fr_keys
    assert en["ETag"] != fr["ETag"]
    paths = paths_for({story_key, "home", "feed"})
    assert {
        "/stories/a-garden-grows/",
        "/fr/histoires/un-jardin-pousse/",
        "/",
        "/fr/",
        "/stories/feed/",
        "/fr/histoires/fil/",
    } <= set(paths)


# ----------------------------------------------------------------- feeds


def test_each_language_has_its_own_feed_linked_from_its_pages(client, bilingual, english_only):
    french = client.get("/fr/histoires/fil/")
    assert french.status_code == 200
    feed = ET.fromstring(french.content).find("channel")
    titles = [item.findtext("title") for item in feed.findall("item")]
    links = [item.findtext("link") for item in feed.findall("item")]
    assert titles == ["Un jardin pousse"]
    assert links == [
        bilingual.absolute_url.replace(
            "/stories/a-garden-grows/", "/fr/histoires/un-jardin-pousse/"
        )
    ]
    assert feed.findtext("language") == "fr-CA"
    english = ET.fromstring(client.get("/stories/feed/").content).find("channel")
    assert {item.findtext("title") for item in english.findall("item")} == {
        "A garden grows",
        "Only in English",
    }
    assert english.findtext("language") == "en-CA"
    for page, feed_url in [
        ("/fr/", "/fr/histoires/fil/"),
        ("/fr/histoires/", "/fr/histoires/fil/"),
        ("/", "/stories/feed/"),
    ]:
        html = client.get(page).content.decode()
        assert f'type="application/rss+xml" title="Stories of Hope" href="{feed_url}"' in html or (
            f'href="{feed_url}"' in html
        ), page
        other = "/stories/feed/" if feed_url.startswith("/fr/") else "/fr/histoires/fil/"
        assert f'href="{other}"' not in html, page


# ----------------------------------------------------------- error pages


def test_error_pages_speak_the_language_of_the_address(client, settings):
    missing = client.get("/fr/histoires/nulle-part/")
    assert missing.status_code == 404 and html_lang(missing) == "fr-CA"
    assert alternates(missing) == {}  # no version of a page that isn't there
    assert switcher(missing) == "/language/en/?next=/"
    flood = client.get("/fr/?" + "&".join(f"k{i}=v" for i in range(1500)))
    assert flood.status_code == 400 and html_lang(flood) == "fr-CA"
    assert html_lang(client.get("/nowhere/")) == "en-CA"
    too_big = client.post("/fr/contact-medias/", {"message": "x" * (3 * 1024 * 1024)})
    assert too_big.status_code == 413 and html_lang(too_big) == "fr-CA"
    bad_host = client.get("/fr/", HTTP_HOST="evil.example")
    assert bad_host.status_code == 400 and html_lang(bad_host) == "fr-CA"
    assert html_lang(client.get("/", HTTP_HOST="evil.example")) == "en-CA"
    not_allowed = client.put("/fr/contact-medias/")
    assert not_allowed.status_code == 405 and html_lang(not_allowed) == "fr-CA"
    with translation.override("fr"):
        assert '<html lang="fr-CA">' in render_to_string("500.html")
        assert 'href="/fr/histoires/"' in render_to_string("500.html")
    with translation.override("en"):
        assert '<html lang="en-CA">' in render_to_string("500.html")


def test_csrf_and_rate_limit_pages_in_french(settings):
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "1/10m"
    strict = Client(enforce_csrf_checks=True)
    refused = strict.post("/fr/contact-medias/", {"name": "Robin"})
    assert refused.status_code == 403 and html_lang(refused) == "fr-CA"
    client = Client()
    assert client.post("/fr/contact-medias/", inquiry_data()).status_code == 303
    limited = client.post("/fr/contact-medias/", inquiry_data())
    assert limited.status_code == 429 and html_lang(limited) == "fr-CA"
    assert limited["Content-Language"] == "fr-CA"


# --------------------------------------------------------- query counts


def _queries(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def _bilingual_stories(count):
    stories = [StoryFactory() for _ in range(count)]
    for story in stories:
        story.headline_fr, story.slug_fr = f"Histoire {story.pk}", f"histoire-{story.pk}"
        story.save()
    collection = home_with([])
    for story in stories:
        CollectionItem.objects.create(collection=collection, story=story, position=story.pk)
    return stories


def test_french_pages_cost_within_two_queries_of_english_flat_in_the_number_of_stories(client):
    stories = _bilingual_stories(2)
    pages = lambda: [  # noqa: E731
        ("/", "/fr/"),
        ("/stories/", "/fr/histoires/"),
        ("/stories/feed/", "/fr/histoires/fil/"),
        (stories[0].url_in("en"), stories[0].url_in("fr")),
    ]
    small = {fr: (_queries(client, en), _queries(client, fr)) for en, fr in pages()}
    _bilingual_stories(8)
    large = {fr: (_queries(client, en), _queries(client, fr)) for en, fr in pages()}
    for url, (en, fr) in small.items():
        assert abs(fr - en) <= 2, (url, en, fr)
        assert large[url] == (en, fr), (url, small[url], large[url])
