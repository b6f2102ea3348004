"""The admin home page per team: what each panel counts, where it links, and
that the page costs the same number of queries at two data sizes."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outbox.models import OutboundEmail
from stories.models import Story
from tests.contact.factories import MediaInquiryFactory
from tests.fundraising.factories import SignupFactory
from tests.outbox.factories import OutboundEmailFactory
from tests.stories.factories import StoryFactory
from tests.workspace.factories import StaffUserFactory, team_member

pytestmark = pytest.mark.django_db

State = OutboundEmail.State


def panels(response):
    return {
        (section.team, panel.key): panel
        for section in response.context["team_sections"]
        for panel in section.panels
    }


def make_world(editor, scale=1):
    """Stories, inquiries, sign-ups and emails; each kind ``scale`` times."""
    now = timezone.now()
    today = timezone.localdate()
    someone_else = StaffUserFactory()
    made = {}
    for _ in range(scale):
        mine = StoryFactory(state=Story.State.DRAFT, publish_at=None)
        theirs = StoryFactory(state=Story.State.DRAFT, publish_at=None)
        Story.history.filter(id=mine.pk).update(history_user=editor)
        Story.history.filter(id=theirs.pk).update(history_user=someone_else)
        StoryFactory(state=Story.State.SCHEDULED, publish_at=now + datetime.timedelta(hours=5))
        StoryFactory(
            identifies_nobody=False,
            consent_obtained_on=today - datetime.timedelta(days=300),
            consent_scope="web",
            consent_expires_on=today + datetime.timedelta(days=12),
        )
        StoryFactory(
            identifies_nobody=False,
            consent_obtained_on=today - datetime.timedelta(days=400),
            consent_scope="web",
            consent_expires_on=today - datetime.timedelta(days=2),
        )
        StoryFactory()  # live, nothing to do

        overdue = MediaInquiryFactory(deadline=now - datetime.timedelta(hours=3))
        MediaInquiryFactory(deadline=now + datetime.timedelta(days=4))
        MediaInquiryFactory(deadline=None)
        MediaInquiryFactory(state="answered", deadline=now - datetime.timedelta(days=1))
        made["overdue"] = overdue

        recent = SignupFactory()
        SignupFactory(received_at=now - datetime.timedelta(days=30))
        SignupFactory(is_spam=True, spam_reason="honeypot")

        failed_guide = OutboundEmailFactory(
            source=recent,
            template="fundraising_guide",
            to=recent.email,
            state=State.FAILED,
            attempts=1,
            last_error="nobody@example.org refused: 550 5.1.1 User unknown",
        )
        # Failed, then resent and delivered: nothing left to act on.
        resent = OutboundEmailFactory(source=recent, state=State.FAILED, attempts=1)
        OutboundEmailFactory(source=recent, state=State.SENT, sent_at=now, resent_from=resent)
        OutboundEmailFactory(
            source=overdue,
            state=State.QUEUED,
            attempts=1,
            next_attempt_at=now + datetime.timedelta(minutes=2),
            last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        )
        OutboundEmailFactory(source=overdue, state=State.SENT, sent_at=now)
        OutboundEmailFactory(template="staff_invitation", state=State.FAILED, attempts=1)
        made["failed_guide"] = failed_guide
    return made


def test_editor_sees_own_drafts_schedule_and_consent_only(client):
    editor = team_member("Editors")
    make_world(editor)
    client.force_login(editor)
    response = client.get("/admin/")
    found = panels(response)
    assert {team for team, _key in found} == {"Editors"}
    counts = {key: panel.count for (_team, key), panel in found.items()}
    assert counts == {
        "in_review": 0,
        "my_drafts": 1,
        "scheduled": 1,
        "consent_expiring": 1,
        "hidden_by_consent": 1,
    }
    assert "goes live" in found["Editors", "scheduled"].rows[0].detail
    assert found["Editors", "hidden_by_consent"].alert
    # Each panel's link opens the list holding exactly its rows.
    for panel in found.values():
        listing = client.get(panel.list_url)
        assert listing.status_code == 200, panel.list_url
        assert listing.context["cl"].result_count == panel.count, panel.key


def test_media_team_sees_inquiries_overdue_first_and_its_failed_emails(client):
    member = team_member("Media team")
    made = make_world(StaffUserFactory())
    client.force_login(member)
    found = panels(client.get("/admin/"))
    assert {team for team, _key in found} == {"Media team"}
    inquiries = found["Media team", "inquiries"]
    assert inquiries.count == 3
    assert inquiries.rows[0].flag == "overdue"
    assert inquiries.rows[0].url.endswith(f"/mediainquiry/{made['overdue'].pk}/change/")
    assert inquiries.rows[-1].detail == "no deadline"
    problems = found["Media team", "email_problems_contact_mediainquiry"]
    assert (problems.count, problems.alert) == (1, True)
    assert problems.rows[0].detail.startswith("retrying, attempt 2, next try ")
    for panel in found.values():
        listing = client.get(panel.list_url)
        assert listing.status_code == 200, panel.list_url
        assert listing.context["cl"].result_count == panel.count, panel.key
    # Deadline order on the list too: the overdue inquiry comes first.
    listing = client.get(inquiries.list_url)
    assert listing.context["cl"].result_list[0] == made["overdue"]


def test_events_team_sees_recent_signups_with_guide_state_and_failures(client):
    member = team_member("Events team")
    made = make_world(StaffUserFactory())
    client.force_login(member)
    found = panels(client.get("/admin/"))
    assert {team for team, _key in found} == {"Events team"}
    signups = found["Events team", "signups"]
    assert signups.count == 1
    assert "guide email failed" in signups.rows[0].detail
    problems = found["Events team", "email_problems_fundraising_fundraisersignup"]
    assert problems.count == 1  # the resent-and-delivered one is no longer a problem
    assert problems.rows[0].url.endswith(
        f"/fundraisersignup/{made['failed_guide'].source_id}/change/"
    )
    assert problems.rows[0].detail == "failed: refused at once (1 attempt)"
    for panel in found.values():
        listing = client.get(panel.list_url)
        assert listing.status_code == 200, panel.list_url
        assert listing.context["cl"].result_count == panel.count, panel.key


def test_superuser_sees_every_team_and_the_emails_of_no_team(client):
    admin = StaffUserFactory()
    make_world(admin)
    client.force_login(admin)
    response = client.get("/admin/")
    found = panels(response)
    assert {team for team, _key in found} == {
        "Editors",
        "Media team",
        "Events team",
        "Site operators",
    }
    assert found["Site operators", "email_problems_other"].count == 1
    # The models stay listed below the panels.
    assert b'id="panel-my_drafts"' in response.content
    assert b"/admin/stories/story/" in response.content


@pytest.mark.parametrize("team", ["Editors", "Publishers", "Media team", "Events team", None])
def test_the_home_page_costs_the_same_queries_at_two_data_sizes(client, team):
    user = team_member(team) if team else StaffUserFactory()
    client.force_login(user)
    make_world(user, scale=1)
    client.get("/admin/")  # content types and sessions cached, as on any later visit
    with CaptureQueriesContext(connection) as small:
        assert client.get("/admin/").status_code == 200
    make_world(user, scale=8)
    with CaptureQueriesContext(connection) as large:
        assert client.get("/admin/").status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]
    print(f"admin index, {team or 'superuser'}: {len(small)} queries")


def test_publisher_sees_what_awaits_review_and_the_editor_what_they_submitted(client, settings):
    from stories.models import StoryReview

    settings.STORY_REVIEW = "required"
    editor = team_member("Editors")
    publisher = team_member("Publishers")
    submitted = StoryFactory(state=Story.State.DRAFT, publish_at=None)
    StoryReview.objects.create(story=submitted, submitted_by=editor)

    client.force_login(editor)
    found = panels(client.get("/admin/"))
    assert found["Editors", "in_review"].count == 1
    assert ("Editors", "awaiting_review") not in found

    client.force_login(publisher)
    found = panels(client.get("/admin/"))
    awaiting = found["Editors", "awaiting_review"]
    assert awaiting.count == 1 and awaiting.rows[0].text == submitted.headline
    listing = client.get(awaiting.list_url)
    assert listing.context["cl"].result_count == 1
