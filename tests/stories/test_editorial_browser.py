"""The editorial journeys in a real Chromium: a live story edited as a draft
(autosave, leaving warning, preview, review, publish), two editors on one
story, a story returned to its author with a comment, consent withdrawn, and
compare and revert."""

import re

import pytest
from django.conf import settings
from django.test import Client

from outbox.models import OutboundEmail
from stories.admin import StoryAdmin
from stories.models import Story, StoryDraft
from stories.views import preview_share_url
from tests.conftest import assert_accessible
from tests.stories.editorial import staff_in
from tests.stories.factories import StoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def quick_timers(monkeypatch):
    """Autosave and heartbeat every second instead of every 30 and 20, to keep the test short."""
    monkeypatch.setattr(StoryAdmin, "autosave_seconds", 1)
    monkeypatch.setattr(StoryAdmin, "heartbeat_seconds", 1)


def signed_in_context(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_live_story_is_edited_as_a_draft_reviewed_and_published(
    browser, live_server, quick_timers
):
    erin = staff_in("Editors", "erin", first_name="Erin")
    pia = staff_in("Publishers", "pia", first_name="Pia")
    story = StoryFactory(headline="The garden grows", slug="the-garden")
    form_url = f"{live_server.url}/admin/stories/story/{story.pk}/change/"
    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + "/stories/the-garden/")
    assert visitor.locator("h1").inner_text() == "The garden grows"

    context, page = signed_in_context(browser, live_server, erin)
    page.goto(form_url)
    page.fill("#id_headline_en", "The garden blooms")

    # Leaving with unsaved changes asks first; staying keeps the page.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)  # the dialog is reported asynchronously
    assert dialogs == ["beforeunload"] and not page.is_closed()

    # Preview shows what is on the screen, in a new tab, saving nothing.
    with context.expect_page() as opened:
        page.click("button[data-preview]")
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").inner_text() == "The garden blooms"
    preview.close()
    with context.expect_page() as opened:
        page.get_by_role("button", name="Preview on laptop and phone").click()
    both = opened.value
    both.wait_for_load_state()
    for title, width in (("laptop", 1366), ("phone", 390)):
        frame = both.frame_locator(f"iframe[title='Preview at {title} width']")
        assert frame.locator("h1").inner_text() == "The garden blooms"
        assert frame.locator("html").evaluate("() => window.innerWidth") == width
    both.close()

    # Autosave keeps it in the draft; the tab can then close with no warning.
    page.locator("#editorial-autosave", has_text=re.compile(r"Saved \d\d:\d\d")).wait_for()
    dialogs.clear()
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    assert dialogs == []
    visitor.reload()
    assert visitor.locator("h1").inner_text() == "The garden grows"

    page = context.new_page()
    page.goto(form_url)
    assert page.input_value("#id_headline_en") == "The garden blooms"
    assert page.locator("input[name=_publish]").count() == 0  # an Editor submits
    page.fill("#id_review_note", "Ready when you are")
    page.click("input[name=_submit_review]")
    page.get_by_text("Submitted for review").wait_for()
    assert page.get_by_test_id("story-state").inner_text() == "In review"
    context.close()

    context, page = signed_in_context(browser, live_server, pia)
    page.goto(form_url)
    page.get_by_text("submitted by Erin").wait_for()
    page.click("input[name=_publish]")
    page.get_by_text("is live").wait_for()
    context.close()
    visitor.reload()
    assert visitor.locator("h1").inner_text() == "The garden blooms"


def test_two_editors_on_one_story(browser, live_server, quick_timers):
    erin = staff_in("Editors", "erin", first_name="Erin")
    pia = staff_in("Publishers", "pia", first_name="Pia")
    story = StoryFactory(summary="What happened, in short.")
    form_url = f"{live_server.url}/admin/stories/story/{story.pk}/change/"
    erins, erin_page = signed_in_context(browser, live_server, erin)
    pias, pia_page = signed_in_context(browser, live_server, pia)
    erin_page.goto(form_url)
    pia_page.goto(form_url)
    pia_page.locator("#editorial-presence", has_text="Being edited by Erin since").wait_for()

    erin_page.fill("#id_summary_en", "Erin's version of what happened.")
    erin_page.click("input[name=_continue]")
    erin_page.get_by_text("Draft of").wait_for()

    pia_page.fill("#id_summary_en", "Pia's version, typed at the same time.")
    pia_page.click("input[name=_continue]")
    pia_page.get_by_role("heading", name=re.compile("Erin saved this story at")).wait_for()
    assert pia_page.input_value("#id_summary_en") == "Pia's version, typed at the same time."
    conflict = pia_page.locator("#editorial-conflict")
    assert "Erin's version" in conflict.locator("del").all_inner_texts()[0]
    assert StoryDraft.objects.get(story=story).content["fields"]["summary_en"] == (
        "Erin's version of what happened."
    )
    # Having compared, Pia saves on purpose.
    pia_page.click("input[name=_continue]")
    pia_page.get_by_text("Draft of").wait_for()
    assert StoryDraft.objects.get(story=story).content["fields"]["summary_en"] == (
        "Pia's version, typed at the same time."
    )
    erins.close()
    pias.close()


def test_withdraw_consent_then_compare_and_revert_figures(browser, live_server):
    pia = staff_in("Publishers", "pia", first_name="Pia")
    taken_down = StoryFactory(slug="taken-down")
    share_link = preview_share_url(taken_down).replace(settings.SITE_URL, live_server.url)
    visitor = browser.new_context().new_page()
    assert visitor.goto(share_link).status == 200

    context, page = signed_in_context(browser, live_server, pia)
    page.goto(f"{live_server.url}/admin/stories/story/{taken_down.pk}/change/")
    page.fill("#id_headline_en", "")  # other fields may be invalid: withdrawal still works
    page.locator("summary", has_text="Withdraw consent").click()
    page.fill("#id_withdrawal_note", "She asked by phone today.")
    page.click("input[name=_withdraw_consent]")
    page.get_by_text("Consent withdrawn:").first.wait_for()
    assert visitor.goto(live_server.url + "/stories/taken-down/").status == 404
    assert visitor.goto(share_link).status == 410

    story = StoryFactory(slug="counted", figures=[(12, "made safe")])
    page.goto(f"{live_server.url}/admin/stories/story/{story.pk}/change/")
    page.fill("#id_impact_figures-0-number", "40")
    page.click("input[name=_publish]")
    page.get_by_text("is live").wait_for()
    assert "40" in visitor.goto(live_server.url + "/stories/counted/").text()

    page.get_by_role("link", name="Versions").click()
    boxes = page.locator("#versions input[type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(boxes.count() - 1).check()
    page.click("text=Compare the two ticked versions")
    figures = page.locator("tr[data-part=impact_figures]")
    assert figures.locator("del").inner_text().strip() == "12"
    assert figures.locator("ins").inner_text().strip() == "40"
    page.get_by_role("button", name=re.compile("Revert to the version of")).click()
    page.get_by_text("is back as the draft").wait_for()
    assert page.input_value("#id_impact_figures-0-number") == "12"
    assert "40" in visitor.goto(live_server.url + "/stories/counted/").text()
    page.click("input[name=_publish]")
    page.get_by_text("is live").wait_for()
    assert Story.objects.get(pk=story.pk).impact_figures.get().number == 12
    context.close()


def test_a_publisher_returns_a_story_and_the_editor_reads_why(browser, live_server):
    erin = staff_in("Editors", "erin", first_name="Erin")
    pia = staff_in("Publishers", "pia", first_name="Pia")
    story = StoryFactory(headline="Not yet told", slug="not-yet-told", state=Story.State.DRAFT)
    form_url = f"{live_server.url}/admin/stories/story/{story.pk}/change/"
    visitor_url = live_server.url + "/stories/not-yet-told/"
    visitor = browser.new_context().new_page()
    comment = "Please check the second figure with the family."

    context, page = signed_in_context(browser, live_server, erin)
    page.goto(form_url)
    page.fill("#id_review_note", "First full version")
    page.click("input[name=_submit_review]")
    page.get_by_text("Submitted for review").wait_for()
    assert page.get_by_test_id("story-state").inner_text() == "In review"
    assert page.get_by_text(comment).count() == 0
    context.close()

    # The Publisher finds it from her home page, not from a typed address.
    context, page = signed_in_context(browser, live_server, pia)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/admin/")
    awaiting = page.locator("#panel-awaiting_review")
    assert "Not yet told" in awaiting.inner_text()
    # Her team's panels only: no inquiries or sign-ups.
    assert page.locator("#panel-inquiries, #panel-signups").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
    awaiting.get_by_role("link", name="Not yet told").click()
    page.get_by_text("submitted by Erin").wait_for()
    assert page.url == form_url
    page.fill("#id_review_comment", comment)
    page.click("input[name=_return_review]")
    page.get_by_text("Returned to the author with your comment.").wait_for()
    context.close()

    context, page = signed_in_context(browser, live_server, erin)
    page.goto(form_url)
    last_review = page.locator("p.editorial-review")
    assert "returned with comments by Pia" in last_review.inner_text()
    assert comment in last_review.inner_text()
    assert page.get_by_test_id("story-state").inner_text() == "Draft"
    assert page.locator("input[name=_submit_review]").is_visible()  # she can send it again
    context.close()
    assert visitor.goto(visitor_url).status == 404
    told = OutboundEmail.objects.get(template="stories_review_returned")
    assert told.to == "erin@example.org" and comment in told.body_text
