"""Signing a team member in to the workspace, for its browser tests."""

from tests.factories import STAFF_PASSWORD


def sign_in(page, live_server, user):
    """``user`` (made by the staff factories) signed in at 1366×768, on the admin's index."""
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", STAFF_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content-main")
