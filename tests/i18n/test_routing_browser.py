"""A visitor reads a story in English, switches to French and back, in real
Chromium; axe-core finds nothing on either language's pages."""

import pytest

from tests.conftest import assert_accessible
from tests.i18n import compiled  # noqa: F401  (the French catalogue, compiled)
from tests.stories.factories import StoryFactory, home_with, translated_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_switcher_journey_in_both_languages(page, live_server):
    translated = translated_story()
    StoryFactory(headline="Only in English", slug="only-in-english")
    home_with([translated])

    page.goto(live_server.url + "/stories/a-garden-grows/")
    assert page.get_attribute("html", "lang") == "en-CA"
    assert_accessible(page)
    page.click("text=Français")
    page.wait_for_url("**/fr/histoires/un-jardin-pousse/")
    assert page.get_attribute("html", "lang") == "fr-CA"
    assert "Un jardin pousse" in page.text_content("h1")
    assert_accessible(page)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["django_language"] == "fr"

    page.click("text=English")
    page.wait_for_url("**/stories/a-garden-grows/")
    page.goto(live_server.url + "/stories/only-in-english/")
    page.click("text=Français")
    page.wait_for_url("**/fr/histoires/?untranslated=1")
    assert page.get_attribute("html", "lang") == "fr-CA"
    assert "pas encore été traduite" in page.text_content("main")
    assert_accessible(page)
