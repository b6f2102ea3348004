"""The media form in a real Chromium: keyboard only, and axe-core on every state."""

import pytest

from contact.models import MediaInquiry
from tests.conftest import (
    focus_from_first_error_link,
    submit_with_errors,
    tab_to,
    type_by_keyboard,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_keyboard_only_submission_reaches_the_thanks_page(live_server, page, settings):
    from tests.conftest import assert_accessible

    settings.FORM_MIN_SECONDS = 0
    page.goto(live_server.url + "/media-contact/")
    type_by_keyboard(
        page,
        [
            ("#id_name", "Kim Keyboard"),
            ("#id_email", "kim@example.org"),
            ("#id_outlet", "Example Radio"),
            ("#id_phone", "+1 555-010-0177"),
            ("#id_topic", "Interview for a feature"),
            ("#id_message", "Could we record a short interview next week?"),
        ],
    )
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/media-contact/thanks/")

    assert page.locator("h1").inner_text().startswith("Thank you")
    inquiry = MediaInquiry.objects.get()
    assert (inquiry.name, inquiry.email, inquiry.state) == (
        "Kim Keyboard",
        "kim@example.org",
        "new",
    )
    assert_accessible(page)


def test_empty_form_and_form_with_errors_have_no_axe_violations(live_server, page):
    from tests.conftest import assert_accessible

    page.goto(live_server.url + "/media-contact/")
    assert_accessible(page)

    page.fill("#id_email", "not-an-address")
    page.fill("#id_deadline", "2001-01-01T10:00")
    summary = submit_with_errors(page)
    assert "Please tell us your name." in summary
    assert "The deadline must be in the future." in summary
    assert page.input_value("#id_email") == "not-an-address"
    assert page.get_attribute("#id_name", "aria-invalid") == "true"
    assert_accessible(page)

    # The summary's links take keyboard users to the field.
    assert focus_from_first_error_link(page) == "id_name"
    assert not MediaInquiry.objects.exists()
