"""Zero axe-core violations (WCAG 2.2 AA) on the site-wide pages, in real Chromium."""

import pytest

from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_not_found_page(page, live_server):
    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    assert_accessible(page)


def test_rate_limited_page(page, live_server, rf):
    from formguard.ratelimit import too_many_requests

    html = too_many_requests(rf.get("/media-contact/"), 125).content
    # Serve the server's own 429 page at a live address so its stylesheet loads too.
    page.route(
        live_server.url + "/limited",
        lambda route: route.fulfill(status=429, body=html, headers={"content-type": "text/html"}),
    )
    page.goto(live_server.url + "/limited")
    assert "try again in about 3 minutes" in page.content()
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
