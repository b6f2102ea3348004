"""Admin times name their zone; each staff member may choose theirs, and a
schedule typed in the form is read in it."""

import datetime
import zoneinfo

import pytest
from django.test import Client
from django.utils import timezone

from stories.models import Story
from tests.stories.editorial import change_url, form_data, staff_in
from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_a_staff_member_chooses_a_zone_and_the_schedule_is_read_in_it(settings):
    pia = staff_in("Publishers", "pia")
    client = Client()
    client.force_login(pia)
    story = StoryFactory(state=Story.State.DRAFT)
    page = client.get(change_url(story)).content.decode()
    assert f"Times are shown and read in {settings.TIME_ZONE}" in page

    response = client.post(
        "/admin/time-zone/", {"time_zone": "Asia/Kolkata", "next": change_url(story)}
    )
    assert response.status_code == 302 and response["Location"] == change_url(story)
    assert (
        "Times are shown and read in Asia/Kolkata" in client.get(change_url(story)).content.decode()
    )

    typed = (timezone.now() + datetime.timedelta(days=1)).astimezone(
        zoneinfo.ZoneInfo("Asia/Kolkata")
    )
    client.post(
        change_url(story),
        form_data(client, story, _schedule="1", schedule_at=f"{typed:%Y-%m-%dT%H:%M}"),
    )
    story.refresh_from_db()
    assert story.state == Story.State.SCHEDULED
    assert abs(story.publish_at - typed) < datetime.timedelta(minutes=1)
    versions = client.get(f"/admin/stories/story/{story.pk}/versions/").content.decode()
    assert "IST" in versions  # the zone is written out

    # Signing in again brings the choice back.
    again = Client()
    again.post("/admin/login/", {"username": "pia", "password": "pw-for-tests"})
    assert "Asia/Kolkata" in again.get(change_url(story)).content.decode()


def test_the_change_list_times_name_the_zone():
    pia = staff_in("Publishers", "pia")
    client = Client()
    client.force_login(pia)
    StoryFactory()
    html = client.get("/admin/stories/story/").content.decode()
    assert timezone.localtime().strftime("%Z") in html


def test_a_foreign_next_address_is_not_followed():
    client = Client()
    client.force_login(staff_in("Editors", "erin"))
    response = client.post(
        "/admin/time-zone/", {"time_zone": "Europe/Paris", "next": "https://evil.example.org/"}
    )
    assert response["Location"] == "/admin/"
