"""In a real Chromium: no accessibility violations, and clips load only on click."""

import pytest
from django.core.management import call_command

from tests.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIDEO_HOSTS = ("youtube", "ytimg", "vimeo", "googlevideo")


@pytest.fixture
def demo_site(live_server):
    call_command("load_demo", verbosity=0)
    return live_server.url


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/stories/",
        "/stories/?q=matraca",
        "/stories/?q=nothing-matches-this",
        "/stories/the-wisdom-of-a-seven-year-old/",
        "/stories/finally-headed-home/",
    ],
)
def test_pages_have_no_axe_violations(page, demo_site, path):
    page.goto(demo_site + path)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_clip_loads_the_privacy_enhanced_player_only_on_click(page, demo_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    # The video host is never really contacted: the test answers for it.
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(
            body="<!doctype html><title>player</title>", content_type="text/html"
        ),
    )
    page.goto(demo_site + "/stories/finally-headed-home/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if any(host in url for host in VIDEO_HOSTS)]
    assert page.locator("iframe").count() == 0
    assert len(page.frames) == 1

    page.get_by_role("button", name="Play video").click()
    frame = page.locator("iframe.clip-embed__frame")
    frame.wait_for()
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert frame.get_attribute("title").startswith("Boys and young men celebrate")
    page.wait_for_function("() => window.frames.length === 1")
    assert [url for url in requested if "youtube-nocookie.com/embed/" in url]
    assert not [url for url in requested if "www.youtube.com" in url]


def test_no_csp_violations_on_story_pages(page, demo_site):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(demo_site + "/stories/this-is-bablu/")
    page.goto(demo_site + "/")
    assert not [m for m in messages if "Content Security Policy" in m]


def test_rich_text_editor_runs_under_the_strict_csp(page, live_server):
    from django.contrib.auth import get_user_model

    from tests.stories.factories import StoryFactory

    get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-for-tests")
    story = StoryFactory(body="<p>Editable words</p>")
    errors = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-for-tests")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/stories/story/{story.pk}/change/")
    editor = page.get_by_role("textbox").filter(has_text="Editable words")
    editor.wait_for()
    editor.click()
    page.keyboard.press("End")
    page.keyboard.type(" and more typed by an editor")
    page.click("input[name=_publish]")  # the live story changes only when published
    page.get_by_text("is live").wait_for()
    story.refresh_from_db()
    assert "and more typed by an editor" in story.body
    assert not [m for m in errors if "Content Security Policy" in m], errors
