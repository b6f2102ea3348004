"""The staff workspace in a real Chromium at 1366×768: each team's home page,
the failed-email flow through a real SMTP server answering 550, the image
chooser, and the refusal to delete an image in use; axe-core on every page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fundraising.models import FundraiserSignup
from outbox.models import OutboundEmail
from stories.models import Story, StoryImage
from tests.conftest import assert_accessible, tab_to
from tests.contact.factories import MediaInquiryFactory
from tests.fundraising.factories import SignupFactory, form_data
from tests.stories.factories import StoredImageFactory, StoryFactory, jpeg_bytes
from tests.workspace.browser import sign_in
from tests.workspace.factories import team_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_events_team_sees_the_refused_guide_in_red_and_corrects_the_address(
    live_server, page, client, settings, smtp_sink, immediate_tasks
):
    settings.FORM_MIN_SECONDS = 0
    settings.EVENTS_TEAM_EMAIL = "events@example.org"
    smtp_sink.reject_rcpt["robni@example.org"] = (
        "550 5.1.1 <robni@example.org>: Recipient address rejected: "
        "User unknown in virtual mailbox table"
    )
    assert client.post("/fundraise/", form_data(email="robni@example.org")).status_code == 303
    signup = FundraiserSignup.objects.get()
    assert OutboundEmail.objects.get(template="fundraising_guide").state == "failed"

    sign_in(page, live_server, team_member("Events team"))
    alert = page.locator("#panel-email_problems_fundraising_fundraisersignup")
    assert "workspace-panel--alert" in alert.get_attribute("class")
    assert "failed: refused at once" in alert.inner_text()
    assert "guide email failed" in page.locator("#panel-signups").inner_text()
    assert no_horizontal_scroll(page)
    assert_accessible(page)

    alert.get_by_role("link", name="Your fundraising guide").first.click()
    page.wait_for_selector("#delivery-problems")
    problems = page.locator("#delivery-problems").inner_text()
    assert "The address does not exist" in problems
    assert "Correct the address on the sign-up, then resend the guide." in problems
    assert_accessible(page)

    page.fill("#delivery-problems input[type=email]", "robin@example.org")
    page.get_by_role("button", name="Correct address and resend").click()
    page.wait_for_selector(".messagelist")
    assert "a new copy is queued" in page.locator(".messagelist").inner_text()
    assert page.locator("#delivery-problems").count() == 0
    smtp_sink.wait_for(1)
    assert len(smtp_sink.to("robin@example.org")) == 1
    signup.refresh_from_db()
    assert signup.email == "robin@example.org"


def test_editor_and_media_home_pages_fit_and_pass_axe(live_server, page):
    now = timezone.now()
    editor = team_member("Editors")
    draft = StoryFactory(headline="My draft about a bakery", state=Story.State.DRAFT)
    Story.history.filter(id=draft.pk).update(history_user=editor)
    StoryFactory(state=Story.State.SCHEDULED, publish_at=now + datetime.timedelta(hours=3))
    MediaInquiryFactory(outlet="Example Radio", deadline=now - datetime.timedelta(hours=2))

    sign_in(page, live_server, editor)
    assert "My draft about a bakery" in page.locator("#panel-my_drafts").inner_text()
    assert page.locator("#panel-inquiries").count() == 0
    assert no_horizontal_scroll(page)
    assert_accessible(page)
    page.locator("#panel-scheduled").get_by_role("link", name="Open the list").click()
    page.wait_for_selector("#result_list")
    assert page.locator("#result_list tbody tr").count() == 1

    page.context.clear_cookies()
    sign_in(page, live_server, team_member("Media team"))
    inquiries = page.locator("#panel-inquiries").inner_text()
    assert "Example Radio" in inquiries and "overdue" in inquiries
    assert page.locator("#panel-my_drafts").count() == 0
    assert no_horizontal_scroll(page)
    assert_accessible(page)


def test_chooser_searches_uploads_and_shows_the_thumbnail(live_server, page, tmp_path):
    StoredImageFactory(alt_text="A lighthouse in fog")
    StoredImageFactory(alt_text="Children at a water pump")
    # Never published, so its rows are its working copy and saving stores the choice.
    story = StoryFactory(hero_image=None, state=Story.State.DRAFT, publish_at=None)
    sign_in(page, live_server, team_member("Editors"))
    page.goto(f"{live_server.url}/admin/stories/story/{story.pk}/change/")
    field = page.locator(".image-chooser").first
    assert "No image chosen." in field.inner_text()
    # The body editor starts tall, spell-checked and named after its label.
    body = page.locator(".prose-editor [contenteditable]").first
    expect(body).to_have_attribute("spellcheck", "true")
    expect(body).to_have_attribute("aria-label", "Body (English)")
    assert body.bounding_box()["height"] >= 300
    assert_accessible(page)

    field.get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    dialog.locator(".image-library__choice").first.wait_for()
    assert dialog.locator(".image-library__choice").count() == 2
    assert_accessible(page)
    dialog.get_by_label("Search by alt text, caption or credit").fill("lighthouse")
    dialog.get_by_role("button", name="Search").click()
    expect(dialog.locator(".image-library__choice")).to_have_count(1)
    dialog.get_by_role("button", name="A lighthouse in fog").click()
    assert "A lighthouse in fog" in field.inner_text()
    assert field.locator("img").count() == 1

    # Upload inside the chooser, keyboard only for the choice itself.
    photo = tmp_path / "kite.jpg"
    photo.write_bytes(jpeg_bytes((1200, 800)))
    field.get_by_role("button", name="Choose another image").click()
    dialog.locator(".image-library__upload").wait_for()
    dialog.locator("input[type=file]").set_input_files(str(photo))
    dialog.locator("#id_alt_text_en").fill("A red kite over a beach")
    dialog.get_by_role("button", name="Upload and choose").click()
    expect(field).to_contain_text("A red kite over a beach")
    assert not dialog.is_visible()
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/stories/story/")
    story.refresh_from_db()
    assert story.hero_image == StoryImage.objects.get(alt_text="A red kite over a beach")


def test_deleting_an_image_in_use_is_refused_naming_the_story(live_server, page):
    image = StoredImageFactory(alt_text="A bridge at dawn")
    StoryFactory(headline="The bridge home", hero_image=image)
    sign_in(page, live_server, team_member("Editors"))
    page.goto(f"{live_server.url}/admin/stories/storyimage/{image.pk}/change/")
    assert "The bridge home" in page.locator(".field-where_used").inner_text()
    tab_to(page, "a.deletelink")
    page.keyboard.press("Enter")
    page.wait_for_selector(".errornote")
    assert "in use and cannot be deleted" in page.locator(".errornote").inner_text()
    assert "The bridge home" in page.locator("#deleted-objects").inner_text()
    assert page.get_by_role("button", name="Yes, I’m sure").count() == 0
    assert_accessible(page)
    assert StoryImage.objects.filter(pk=image.pk).exists()


def test_every_change_list_fits_1366_pixels(live_server, page):
    from django.contrib import admin

    from tests.outbox.factories import OutboundEmailFactory
    from tests.workspace.factories import StaffUserFactory

    long = "A rather long piece of text that staff typed without thinking about widths " * 2
    for n in range(3):
        address = f"{'firstname.middlename.lastname' * 2}{n}@subdomain.example.org"
        signup = SignupFactory(email=address, city=long[:100], message=long)
        OutboundEmailFactory(
            source=signup,
            to=address,
            subject=long[:200],
            state="failed",
            attempts=1,
            last_error="x refused: 550 5.1.1 User unknown " + long,
        )
        MediaInquiryFactory(email=address, topic=long[:200], outlet=long[:200])
        StoryFactory(headline=long[:200])
    admin_user = StaffUserFactory()
    sign_in(page, live_server, admin_user)
    too_wide = []
    for model in admin.site._registry:
        opts = model._meta
        url = f"{live_server.url}/admin/{opts.app_label}/{opts.model_name}/"
        page.goto(url)
        if not page.locator("#changelist .results").count():
            continue  # an empty list, or one that redirects to its only record
        # The admin scrolls a wide table inside its own box, not the page.
        results = page.locator("#changelist .results")
        widths = results.evaluate("box => [box.scrollWidth, box.clientWidth]")
        if widths[0] > widths[1] or not no_horizontal_scroll(page):
            too_wide.append((opts.label, widths))
    assert not too_wide, too_wide


def test_home_collection_is_reordered_by_drag_and_by_keyboard(live_server, page):
    from stories.models import CollectionItem
    from tests.stories.factories import home_with

    first, second, third = (
        StoryFactory(headline=f"Story {name}") for name in ("one", "two", "three")
    )
    home = home_with([first, second, third])
    sign_in(page, live_server, team_member("Editors"))
    page.goto(f"{live_server.url}/admin/stories/collection/{home.pk}/change/")
    assert page.locator(".field-slug .readonly").inner_text() == "home"
    rows = page.locator("#items-group tbody tr.has_original")
    assert rows.count() == 3

    # Drag "three" onto "one": it goes first.
    rows.nth(2).drag_to(rows.nth(0))
    expect(page.locator(".order-status")).to_contain_text("to position 1 of 3")
    # Keyboard: focus "Move down" on the (now) first row and press Enter.
    page.get_by_role("button", name="Move “Story three” down").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".order-status")).to_contain_text("“Story three” to position 2 of 3")
    assert_accessible(page)
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/stories/collection/")
    order = list(
        CollectionItem.objects.filter(collection=home)
        .order_by("position")
        .values_list("story__headline", flat=True)
    )
    assert order == ["Story one", "Story three", "Story two"]


def test_record_email_guide_and_invite_pages_pass_axe(live_server, page):
    from fundraising.models import Guide
    from tests.outbox.factories import OutboundEmailFactory
    from tests.workspace.factories import StaffUserFactory

    inquiry = MediaInquiryFactory(phone="+1 555-010-0142")
    failed = OutboundEmailFactory(
        source=inquiry,
        to=inquiry.email,
        state="failed",
        attempts=1,
        last_error=f"{inquiry.email} refused: 550 5.1.1 User unknown",
    )
    image = StoredImageFactory()
    StoryFactory(hero_image=image)
    sign_in(page, live_server, StaffUserFactory())
    pages = [
        f"/admin/contact/mediainquiry/{inquiry.pk}/change/",
        f"/admin/outbox/outboundemail/{failed.pk}/change/",
        "/admin/outbox/outboundemail/?problem=any",
        f"/admin/fundraising/guide/{Guide.load().pk}/change/",
        f"/admin/stories/storyimage/{image.pk}/change/",
        "/admin/stories/storyimage/",
        "/admin/invite/",
    ]
    for path in pages:
        page.goto(live_server.url + path)
        assert_accessible(page)
    page.goto(f"{live_server.url}/admin/contact/mediainquiry/{inquiry.pk}/change/")
    page.fill("#id_add_note", "Phoned the newsroom; the address had a typo.")
    page.click("input[name=_continue]")
    page.wait_for_selector(".notes-log")
    assert "Phoned the newsroom" in page.locator(".notes-log").inner_text()
    assert_accessible(page)
