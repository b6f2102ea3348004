"""Every change list this workspace changed costs the same number of queries
for a few rows or many, filtered as the home page's panels link to them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.contact.factories import MediaInquiryFactory
from tests.fundraising.factories import SignupFactory
from tests.outbox.factories import OutboundEmailFactory
from tests.stories.factories import StoredImageFactory, StoryFactory
from tests.workspace.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def add_rows(count):
    now = timezone.now()
    for _ in range(count):
        StoryFactory(state="scheduled", publish_at=now + datetime.timedelta(days=1))
        StoredImageFactory()
        inquiry = MediaInquiryFactory(deadline=now - datetime.timedelta(hours=1))
        signup = SignupFactory()
        OutboundEmailFactory(source=signup, state="failed", attempts=1, last_error="550 5.1.1 x")
        OutboundEmailFactory(source=inquiry, state="queued", attempts=2, last_error="421 later")


@pytest.mark.parametrize(
    ("url", "rows_per_round"),
    [
        ("/admin/stories/story/?show=scheduled", 1),
        ("/admin/stories/storyimage/", 2),  # each story brings its own hero image
        ("/admin/contact/mediainquiry/?deadline=open", 1),
        ("/admin/fundraising/fundraisersignup/?is_spam__exact=0", 1),
        ("/admin/outbox/outboundemail/?problem=any", 2),
    ],
)
def test_list_queries_do_not_grow_with_rows(client, url, rows_per_round):
    client.force_login(StaffUserFactory())
    add_rows(2)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    add_rows(20)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["cl"].result_count == 22 * rows_per_round
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    print(f"{url}: {len(few)} queries")
