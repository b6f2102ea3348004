"""Zero axe-core violations (WCAG 2.2 AA) on the site-wide pages, in real Chromium."""

import pytest

from tests.conftest import assert_accessible

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
