"""queue_email's extra headers: only the allowed ones, never across a line."""

import pytest

from outbox.services import queue_email
from tests.outbox.factories import OutboundEmailFactory  # noqa: F401  (keeps factories importable)

pytestmark = pytest.mark.django_db


def test_only_list_unsubscribe_headers_may_be_added():
    with pytest.raises(ValueError, match="not allowed"):
        queue_email("outbox_test", "a@example.org", {}, headers={"Bcc": "eve@example.org"})


def test_header_values_cannot_start_a_new_header():
    email = queue_email(
        "outbox_test",
        "a@example.org",
        {},
        headers={"List-Unsubscribe": "<https://example.org/u/>\r\nBcc: eve@example.org"},
    )
    assert "\n" not in email.extra_headers["List-Unsubscribe"]
    assert "\r" not in email.extra_headers["List-Unsubscribe"]
