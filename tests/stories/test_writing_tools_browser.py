"""The writing tools in a real Chromium: an Editor links words to another story
with the editor's button and places a pull quote inside the text; once
published, visitors see both, and the change form has no axe-core violations."""

import pytest

from stories.models import PullQuote, Story
from tests.conftest import assert_accessible
from tests.stories.editorial import staff_in
from tests.stories.factories import StoryFactory
from tests.stories.test_editorial_browser import signed_in_context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_links_a_story_and_places_a_quote(browser, live_server):
    erin = staff_in("Editors", "erin", first_name="Erin")
    pia = staff_in("Publishers", "pia", first_name="Pia")
    target = StoryFactory(headline="The garden grows", slug="the-garden")
    story = StoryFactory(
        headline="Harvest day",
        slug="harvest-day",
        state=Story.State.DRAFT,
        publish_at=None,
        body="<p>The first rows came up.</p><p>Read how it began.</p>",
    )
    PullQuote.objects.create(story=story, text="We grew it ourselves.", verbatim=True)
    form_url = f"{live_server.url}/admin/stories/story/{story.pk}/change/"

    context, page = signed_in_context(browser, live_server, erin)
    page.goto(form_url)
    body = page.get_by_role("textbox", name="Body (English)")
    body.get_by_text("Read how it began.").click()
    # Keys go where the caret is: wait until it is in the editor, the editor
    # mounted, so no key lands while the page is still setting itself up.
    page.wait_for_function(
        """(body) => body.editor && document.activeElement === body
            && body.contains(document.getSelection().anchorNode)""",
        arg=body.element_handle(),
    )
    page.keyboard.press("End")
    page.keyboard.press("ArrowLeft")
    for _ in "how it began":
        page.keyboard.press("Shift+ArrowLeft")
    # The editor takes the browser's selection on its own selectionchange
    # event; clicking the button before that would link an empty selection.
    page.wait_for_function(
        """(body) => {
            const { state } = body.editor
            const { from, to } = state.selection
            return state.doc.textBetween(from, to) === "how it began"
        }""",
        arg=body.element_handle(),
    )
    # The English body's toolbar (the French body's editor has its own, second).
    page.get_by_role("button", name="link to a story").first.click()
    dialog = page.get_by_role("dialog", name="Link to a story")
    search = dialog.get_by_label("Find a story by its headline")
    assert search.input_value() == "how it began"  # the dialog starts from the selected words
    search.fill("garden")
    choice = dialog.get_by_role("button", name="The garden grows")
    choice.wait_for()
    assert_accessible(page)  # the dialog open over the form
    choice.click()
    assert not dialog.is_visible()
    page.fill("#id_pull_quotes-0-after_paragraph", "1")
    assert_accessible(page)
    page.click("input[name=_continue]")
    page.get_by_text("Draft “Harvest day” saved.").wait_for()
    context.close()
    story.refresh_from_db()
    assert f'<a href="story:{target.pk}" rel="noopener noreferrer">how it began</a>' in story.body

    context, page = signed_in_context(browser, live_server, pia)
    page.goto(form_url)
    page.click("input[name=_publish]")
    page.get_by_text("is live").wait_for()
    context.close()

    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + "/stories/harvest-day/")
    link = visitor.get_by_role("link", name="how it began")
    assert link.get_attribute("href") == "/stories/the-garden/"
    body = visitor.locator(".story__body").inner_text()
    assert (
        body.index("The first rows came up.")
        < body.index("We grew it ourselves.")
        < body.index("Read how it began.")
    )
    link.click()
    visitor.wait_for_url("**/stories/the-garden/")
    assert visitor.locator("h1").inner_text() == "The garden grows"
