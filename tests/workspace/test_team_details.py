"""Smaller things each team meets: help texts that render, "View on site" for
hidden stories, the home collection's fixed slug, media-team-only assignees,
"Resend guide" on a sign-up, and the site's name on the staff password pages."""

from __future__ import annotations

import pytest

from outbox.models import OutboundEmail
from stories.models import Collection, Story
from tests.contact.factories import MediaInquiryFactory
from tests.fundraising.factories import SignupFactory
from tests.stories.factories import StoryFactory
from tests.workspace.factories import team_member

pytestmark = pytest.mark.django_db


def test_help_text_shows_the_slug_placeholder(client):
    client.force_login(team_member("Editors"))
    html = client.get("/admin/stories/story/add/").content.decode()
    assert "/stories/&lt;slug&gt;/" in html


def test_view_on_site_opens_the_preview_for_a_story_visitors_cannot_see(client):
    client.force_login(team_member("Editors"))
    draft = StoryFactory(state=Story.State.DRAFT, publish_at=None)
    live = StoryFactory()
    draft_page = client.get(f"/admin/stories/story/{draft.pk}/change/")
    assert draft_page.context["absolute_url"] == f"/stories/preview/{draft.pk}/"
    assert client.get(draft_page.context["absolute_url"]).status_code == 200
    live_page = client.get(f"/admin/stories/story/{live.pk}/change/")
    assert live_page.context["absolute_url"] == live.get_absolute_url()


def test_the_home_collections_slug_cannot_be_changed(client):
    client.force_login(team_member("Editors"))
    home = Collection.objects.create(title="Home", slug=Collection.HOME_SLUG)
    other = Collection.objects.create(title="Summer", slug="summer")
    home_form = client.get(f"/admin/stories/collection/{home.pk}/change/")
    assert "slug" not in home_form.context["adminform"].form.fields
    other_form = client.get(f"/admin/stories/collection/{other.pk}/change/")
    assert "slug" in other_form.context["adminform"].form.fields
    client.post(
        f"/admin/stories/collection/{home.pk}/change/",
        {
            "title": "Home page",
            "slug": "renamed",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    home.refresh_from_db()
    assert (home.title, home.slug) == ("Home page", "home")


def test_inquiry_assignees_are_media_team_members_only(client):
    member = team_member("Media team", username="ana")
    team_member("Editors", username="eli")
    team_member("Events team", username="eva")
    client.force_login(member)
    inquiry = MediaInquiryFactory()
    form = client.get(f"/admin/contact/mediainquiry/{inquiry.pk}/change/").context["adminform"].form
    assert [user.username for user in form.fields["assignee"].queryset] == ["ana"]


def test_resend_guide_button_on_a_signup(client, django_capture_on_commit_callbacks):
    client.force_login(team_member("Events team"))
    signup = SignupFactory()
    page = client.get(f"/admin/fundraising/fundraisersignup/{signup.pk}/change/")
    assert "Resend guide" in page.content.decode()
    url = f"/admin/fundraising/fundraisersignup/{signup.pk}/resend-guide/"
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert f"The guide is queued again for {signup.email}" in response.content.decode()
    assert OutboundEmail.objects.filter(template="fundraising_guide", to=signup.email).count() == 1

    spam = SignupFactory(is_spam=True, spam_reason="honeypot")
    spam_page = client.get(f"/admin/fundraising/fundraisersignup/{spam.pk}/change/")
    assert "Resend guide" not in spam_page.content.decode()


def test_staff_password_pages_carry_the_site_name(client):
    html = client.get("/admin/password/MQ/bad-token/").content.decode()
    assert "Stories of Hope administration" in html
    assert "Django administration" not in html
    login = client.get("/admin/login/").content.decode()
    assert "Stories of Hope" in login and "Django" not in login


def test_addresses_and_numbers_are_mailto_and_tel_links(client):
    client.force_login(team_member("Events team"))
    signup = SignupFactory(email="sam@example.org")
    listing = client.get("/admin/fundraising/fundraisersignup/").content.decode()
    assert '<a href="mailto:sam@example.org">sam@example.org</a>' in listing

    client.force_login(team_member("Media team"))
    inquiry = MediaInquiryFactory(email="kim@example.org", phone="+1 555-010-0142")
    page = client.get(f"/admin/contact/mediainquiry/{inquiry.pk}/change/").content.decode()
    assert 'href="mailto:kim@example.org"' in page
    assert 'href="tel:+1-555-010-0142"' in page
    assert signup.pk
