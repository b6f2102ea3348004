"""What a visitor sees, in real Chromium at a laptop's and a phone's size.

Each test loops over pages inside one browser, to keep the suite quick.
"""

import pytest
from django.core.management import call_command

from stories.models import Story
from tests.quality.public_pages import public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
DONATE_URL = "https://give.example.org/stories-of-hope"


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


def in_viewport(page, selector: str) -> bool:
    """The element is displayed and wholly inside the first screen (no scrolling)."""
    return page.eval_on_selector(
        selector,
        """element => {
            const box = element.getBoundingClientRect();
            return box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0
                && box.bottom <= innerHeight && box.right <= innerWidth;
        }""",
    )


# Words of each heading's last line: one Range per word, grouped by the line
# (the top of its box) it was laid out on.
LAST_LINE_WORDS = """
() => [...document.querySelectorAll("h1, h2, h3")]
  .filter(h => h.getClientRects().length && getComputedStyle(h).visibility !== "hidden"
               && !h.closest(".visually-hidden"))
  .map(h => {
    const words = [];
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const rect = range.getClientRects()[0];
        if (rect) words.push({word: match[0], top: Math.round(rect.top)});
      }
    }
    const tops = [...new Set(words.map(w => w.top))].sort((a, b) => a - b);
    const last = words.filter(w => w.top === tops[tops.length - 1]).map(w => w.word);
    return {text: h.textContent.trim(), lines: tops.length, last};
  })
"""


def test_first_screen_shows_the_lead_story_and_one_primary_action(browser, demo_site, settings):
    lead = Story.objects.get(slug="one-home-restored-162-made-safe")
    for home, donate_url, action in (
        ("/", "", "Start a fundraiser"),
        ("/", DONATE_URL, "Give"),
        ("/fr/", "", "Lancer une collecte"),  # French labels run longer
    ):
        settings.DONATE_URL = donate_url
        lead_url = lead.url_in("fr" if home == "/fr/" else "en")
        for viewport in (DESKTOP, PHONE):
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(demo_site + f"{home}?screen={viewport['width']}-{bool(donate_url)}")
            size = f"{home} at {viewport['width']}×{viewport['height']}"
            assert in_viewport(page, "h1"), f"title off the first screen: {size}"
            assert in_viewport(page, ".home-hero__subtitle"), size
            assert in_viewport(page, f'.lead-story a[href="{lead_url}"]'), size
            assert in_viewport(page, ".lead-story__media img"), size
            primary = page.locator(".site-header__action")
            assert primary.inner_text().strip() == action
            assert in_viewport(page, ".site-header__action"), size
            name = page.locator(".site-brand__name").bounding_box()
            button = primary.bounding_box()
            assert name["x"] + name["width"] <= button["x"] or (
                name["y"] + name["height"] <= button["y"]
            ), f"the action covers the site's name: {size}"
            hero = page.eval_on_selector(".home-hero", "e => e.getBoundingClientRect().height")
            assert hero <= viewport["height"] * 0.5, f"hero is {hero}px high at {size}"
            context.close()


def test_no_heading_ends_on_a_lone_word(browser, demo_site):
    pages = public_pages()
    assert len(pages) >= 15
    orphans = []
    for viewport in (PHONE, DESKTOP):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for path in pages:
            page.goto(demo_site + path)
            for heading in page.evaluate(LAST_LINE_WORDS):
                if heading["lines"] > 1 and len(heading["last"]) == 1:
                    orphans.append(f"{viewport['width']}px {path}: {heading['text']!r}")
        context.close()
    assert not orphans, "headings whose last line is one word:\n" + "\n".join(orphans)


def test_story_cards_are_one_link_each_and_clickable_as_a_whole(browser, demo_site):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(demo_site + "/stories/")
    cards = page.locator(".story-card")
    assert cards.count() == 7
    for index in range(cards.count()):
        assert cards.nth(index).locator("a").count() == 1, "one link, one tab stop per card"
    heights = page.eval_on_selector_all(
        ".cards > .story-card", "cards => cards.map(c => c.getBoundingClientRect().height)"
    )
    tops = page.eval_on_selector_all(
        ".cards > .story-card", "cards => cards.map(c => c.getBoundingClientRect().top)"
    )
    rows = {}
    for top, height in zip(tops, heights, strict=True):
        rows.setdefault(round(top), set()).add(round(height))
    assert all(len(row) == 1 for row in rows.values()), f"uneven cards in a row: {rows}"
    # A click on the picture (not on the headline) opens the story.
    card = cards.nth(2)
    href = card.locator("a").get_attribute("href")
    box = card.locator("img").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**" + href)
    # The "More stories" cards on a story page work the same way, by keyboard too.
    page.goto(demo_site + "/stories/")
    first = page.locator(".story-card a").first
    first.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.story-card') !== null")
    assert page.evaluate("document.activeElement.getAttribute('href')") == page.locator(
        ".story-card a"
    ).nth(1).get_attribute("href")
    context.close()


def test_play_is_a_link_to_the_host_without_javascript_and_never_wraps(browser, demo_site):
    for clip_story in ("finally-headed-home", "this-is-bablu"):
        story = Story.objects.select_related("clip").get(slug=clip_story)
        context = browser.new_context(viewport=PHONE, java_script_enabled=False)
        page = context.new_page()
        page.goto(demo_site + story.get_absolute_url())
        play = page.locator(".clip-embed__play")
        assert play.evaluate("e => e.tagName") == "A"
        assert play.get_attribute("href") == story.clip.external_url
        line = play.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        text_height = play.evaluate(
            "e => { const r = document.createRange(); r.selectNodeContents(e);"
            " return r.getBoundingClientRect().height; }"
        )
        assert text_height < line * 1.5, "the Play label wraps onto two lines"
        transcript = page.locator(".clip-transcript")
        assert "[" in transcript.inner_text(), "the transcript is on the page"
        captions = transcript.locator("a[download]").get_attribute("href")
        assert page.request.get(demo_site + captions).text().startswith("WEBVTT")
        context.close()


def test_focus_moves_to_the_error_summary_after_a_failed_submit(browser, live_server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    for form_page in ("/media-contact/", "/fundraise/"):
        page.goto(live_server.url + form_page)
        if form_page == "/media-contact/":
            # On a phone, the number to call comes before the form.
            call = page.locator('.media-contact__card a[href^="tel:"]')
            form = page.locator("form.form")
            assert call.bounding_box()["y"] < form.bounding_box()["y"]
        page.click("form.form button[type=submit]")
        page.wait_for_selector("#error-summary")
        page.wait_for_function("document.activeElement.id === 'error-summary'")
        summary_top = page.eval_on_selector("#error-summary", "e => e.getBoundingClientRect().top")
        assert 0 <= summary_top < PHONE["height"], "the focused summary is scrolled into view"
    context.close()
