"""Zero axe-core violations (WCAG 2.2 AA) on the site-wide pages, in English and
French, in real Chromium."""

import pytest

from tests.conftest import assert_accessible, submit_with_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_not_found_page(page, live_server):
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert_accessible(page)


@pytest.mark.parametrize("form_page", ["/media-contact/", "/fundraise/"])
def test_rate_limited_form_page(page, live_server, settings, form_page):
    settings.FORM_RATE_LIMIT = "1/10m"
    page.goto(live_server.url + form_page)
    page.click("form button[type=submit]")  # the one allowed POST (with errors)
    response = None
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click("form button[type=submit]")
    response = answer.value
    assert response.status == 429
    page.wait_for_selector("#rate-limit-notice")
    assert "try again in about" in page.content()
    assert_accessible(page)


def test_privacy_page(page, live_server):
    page.goto(live_server.url + "/privacy/")
    assert_accessible(page)


def test_admin_login_page(page, live_server):
    page.goto(live_server.url + "/admin/login/")
    assert_accessible(page)


def test_skip_link_moves_focus_to_main(page, live_server):
    page.goto(live_server.url + "/privacy/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "the focused skip link has no visible outline"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


# The French pages, visited in one browser session: (address, expected status).
FRENCH_PAGES = [
    ("/fr/", 200),
    ("/fr/histoires/", 200),
    ("/fr/histoires/un-jardin-pousse/", 200),
    ("/fr/histoires/?q=jardin", 200),
    ("/fr/contact-medias/", 200),
    ("/fr/collecte-de-fonds/", 200),
    ("/fr/collecte-de-fonds/guide/", 200),
    ("/fr/collecte-de-fonds/merci/", 200),
    ("/fr/contact-medias/merci/", 200),
    ("/fr/confidentialite/", 200),
    ("/fr/collecte-de-fonds/desabonnement/pas-un-jeton/", 400),
    ("/fr/aucune-page-ici/", 404),
]


def test_french_pages_and_form_errors_have_no_axe_violations(page, live_server, settings):
    from tests.i18n import compiled  # noqa: F401  (the French catalogue, compiled)
    from tests.stories.factories import StoryFactory, home_with

    settings.FORM_MIN_SECONDS = 0
    story = StoryFactory(
        headline="A garden grows",
        slug="a-garden-grows",
        headline_fr="Un jardin pousse",
        slug_fr="un-jardin-pousse",
        summary_fr="Un jardin communautaire redonne confiance à tout un quartier.",
        body_fr="<p>Le récit de ce qui est arrivé au jardin.</p>",
    )
    home_with([story])

    for path, status in FRENCH_PAGES:
        response = page.goto(live_server.url + path)
        assert response.status == status, path
        assert page.get_attribute("html", "lang") == "fr-CA", path
        assert_accessible(page)
        if path == "/fr/histoires/?q=jardin":
            assert "Un jardin pousse" in page.text_content("main"), "the search found nothing"

    # The unsubscribe page an email leads to, before and after, is checked in both
    # languages by tests/fundraising/test_browser.py.

    # The forms' error states, in French.
    page.goto(live_server.url + "/fr/contact-medias/")
    page.fill("#id_email", "pas-une-adresse")
    summary = submit_with_errors(page)
    assert "Veuillez nous indiquer votre nom." in summary
    assert page.get_attribute("#id_name", "aria-invalid") == "true"
    assert_accessible(page)

    page.goto(live_server.url + "/fr/collecte-de-fonds/")
    page.fill("#id_first_name", "Kim")
    page.fill("#id_email", "pas-une-adresse")
    summary = submit_with_errors(page)
    assert "Veuillez entrer votre nom de famille." in summary
    assert page.get_attribute("#id_last_name", "aria-invalid") == "true"
    assert_accessible(page)
