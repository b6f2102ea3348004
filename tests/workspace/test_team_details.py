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
            "title_en": "Home page",
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


def test_internal_notes_are_a_dated_log_nobody_overwrites(client):
    from django.utils import timezone

    ana = team_member("Media team", username="ana", first_name="Ana", last_name="Lind")
    ben = team_member("Media team", username="ben")
    inquiry = MediaInquiryFactory(internal_notes="Typed before the log existed.")
    url = f"/admin/contact/mediainquiry/{inquiry.pk}/change/"
    # Two people open the page at once and each adds a note.
    for user, text in ((ana, "Left a voicemail."), (ben, "She called back; interview Friday.")):
        client.force_login(user)
        response = client.post(url, {"state": "in_progress", "assignee": ana.pk, "add_note": text})
        assert response.status_code == 302
    client.post(url, {"state": "in_progress", "assignee": ana.pk, "add_note": "  "})
    notes = list(inquiry.notes.all())
    assert [(n.author.username, n.text) for n in notes] == [
        ("ben", "She called back; interview Friday."),
        ("ana", "Left a voicemail."),
    ]
    html = client.get(url).content.decode()
    today = timezone.localdate().isoformat()
    assert f"{today}" in html and "Ana Lind" in html
    assert "Typed before the log existed." in html
    assert html.index("interview Friday") < html.index("Left a voicemail")
    assert 'name="internal_notes"' not in html


def test_staff_are_invited_from_the_admin_through_the_outbox(
    client, immediate_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from tests.workspace.factories import StaffUserFactory

    client.force_login(team_member("Media team"))
    assert client.get("/admin/invite/").status_code == 403

    client.force_login(StaffUserFactory())
    assert b"Invite a staff member" in client.get("/admin/").content
    refused = client.post("/admin/invite/", {"email": "not an address", "team": "Media team"})
    assert refused.status_code == 200
    assert "Please enter an email address like name@example.org." in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            "/admin/invite/", {"email": "rosa@example.org", "team": "Events team", "name": "Rosa"}
        )
    rosa = get_user_model().objects.get(email="rosa@example.org")
    assert done.status_code == 302
    assert list(rosa.groups.values_list("name", flat=True)) == ["Events team"]
    assert not rosa.has_usable_password()
    assert OutboundEmail.objects.get(to="rosa@example.org").state == "sent"
    [message] = mailoutbox
    assert "Rosa" in message.body and "/admin/password/" in message.body
    again = client.post("/admin/invite/", {"email": "rosa@example.org", "team": "Events team"})
    assert "already" in again.content.decode()


def test_guide_sections_and_tips_on_one_page_with_a_stale_pdf_warning(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fundraising.models import Guide, GuideSection
    from tests.fundraising.factories import GuideSectionFactory, GuideTipFactory

    client.force_login(team_member("Events team"))
    GuideSection.objects.all().delete()  # the shipped guide's sections
    section = GuideSectionFactory(title="Getting started")
    tip = GuideTipFactory(section=section, title="Pick a date", text="Old advice.")
    guide = Guide.load()
    url = f"/admin/fundraising/guide/{guide.pk}/change/"

    page = client.get(url).content.decode()
    assert "Tips in “Getting started”" in page and "Old advice." in page

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    data = {
        "title_en": guide.title,
        "intro_en": "",
        "sections-TOTAL_FORMS": "1",
        "sections-INITIAL_FORMS": "1",
        "sections-0-id": str(section.pk),
        "sections-0-guide": str(guide.pk),
        "sections-0-order": "0",
        "sections-0-title_en": "Getting started",
        f"tips-{section.pk}-TOTAL_FORMS": "1",
        f"tips-{section.pk}-INITIAL_FORMS": "1",
        f"tips-{section.pk}-0-id": str(tip.pk),
        f"tips-{section.pk}-0-section": str(section.pk),
        f"tips-{section.pk}-0-order": "0",
        f"tips-{section.pk}-0-title_en": "Pick a date",
        f"tips-{section.pk}-0-text_en": "New advice, with the PDF.",
    }
    response = client.post(url, {**data, "pdf": SimpleUploadedFile("guide.pdf", pdf)})
    assert response.status_code == 302, [
        (f.formset.prefix, f.formset.errors) for f in response.context["inline_admin_formsets"]
    ] + [response.context["adminform"].form.errors]
    tip.refresh_from_db()
    assert tip.text == "New advice, with the PDF."
    assert "PDF is older than the tips" not in client.get(url).content.decode()

    # The tips change again without a new PDF: warn.
    data[f"tips-{section.pk}-0-text_en"] = "Newer advice, PDF not updated."
    assert client.post(url, data).status_code == 302
    assert "The PDF is older than the tips" in client.get(url).content.decode()
