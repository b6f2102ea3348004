"""An Editor chooses a picture's focal point in a real Chromium at 1366×768:
by clicking the picture, and with the arrow keys as the keyboard alternative.
After saving, the card (16:9) and hero (3:2) crops are cut again around the
new point, and the story's page shows the new hero; axe-core finds nothing
on the image's change form."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from stories.models import StoryImage
from tests.conftest import assert_accessible, tab_to
from tests.stories.factories import StoryFactory
from tests.workspace.browser import sign_in
from tests.workspace.factories import team_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def picture_with_a_red_mark_low_down() -> StoryImage:
    """1000×1000 white, red around (50 %, 90 %): a centred 16:9 or 3:2 cut misses it.
    Its renditions are made on saving (tasks run inline here), around the centre."""
    picture = Image.new("RGB", (1000, 1000), "white")
    ImageDraw.Draw(picture).rectangle((450, 860, 550, 940), fill="red")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    name = default_storage.save("stories/images/mark.png", ContentFile(buffer.getvalue()))
    image = StoryImage.objects.create(
        file=name, alt_text="A red mark low down", width=1000, height=1000
    )
    image.refresh_from_db()
    assert image.renditions, "the upload's renditions were not made"
    return image


def largest_crops(image: StoryImage) -> dict[str, dict]:
    image.refresh_from_db()
    return {
        crop: [r for r in image.renditions if r.get("crop") == crop][-1]
        for crop in ("card", "hero")
    }


def shows_the_mark(rendition: dict) -> bool:
    with default_storage.open(rendition["name"]) as handle, Image.open(handle) as picture:
        rgb = picture.convert("RGB")
        column = [rgb.getpixel((rgb.width // 2, y)) for y in range(rgb.height)]
    return any(red > 200 and green < 80 for red, green, _ in column)


def save(page):
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    assert "was changed successfully" in page.locator(".messagelist").inner_text()


def test_an_editor_clicks_the_picture_and_the_crops_follow(live_server, page, immediate_tasks):
    image = picture_with_a_red_mark_low_down()
    story = StoryFactory(hero_image=image)
    before = largest_crops(image)
    assert not shows_the_mark(before["card"]) and not shows_the_mark(before["hero"])

    sign_in(page, live_server, team_member("Editors"))
    page.goto(f"{live_server.url}/admin/stories/storyimage/{image.pk}/change/")
    now = page.locator("#focal-point-now")
    expect(now).to_have_text("Focal point: 50% from the left, 50% from the top.")
    assert_accessible(page)

    picture = page.locator(".focal-picker__image")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.9})
    expect(page.locator("#id_focal_x")).to_have_value("50")
    expect(page.locator("#id_focal_y")).to_have_value("90")
    expect(now).to_contain_text("50% from the left, 90% from the top")
    box = picture.bounding_box()  # the click scrolled the picture into view
    marker = page.locator(".focal-picker__marker").bounding_box()
    assert abs(marker["y"] + marker["height"] / 2 - (box["y"] + box["height"] * 0.9)) < 1.5
    save(page)

    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.5, 0.9)
    after = largest_crops(image)
    assert after["card"]["name"] != before["card"]["name"]  # cut again, not the old files
    assert shows_the_mark(after["card"]) and shows_the_mark(after["hero"])
    assert (after["card"]["width"] * 9, after["hero"]["width"] * 2) == (
        after["card"]["height"] * 16,
        after["hero"]["height"] * 3,
    )

    page.goto(live_server.url + story.get_absolute_url())
    hero = page.locator(".story__media img")
    assert hero.get_attribute("src").endswith(after["hero"]["name"])


def test_the_arrow_keys_move_the_point_and_the_crops_follow(live_server, page, immediate_tasks):
    image = picture_with_a_red_mark_low_down()
    sign_in(page, live_server, team_member("Editors"))
    page.goto(f"{live_server.url}/admin/stories/storyimage/{image.pk}/change/")

    tab_to(page, "[data-focal-picker]")
    picker = page.locator("[data-focal-picker]")
    assert picker.get_attribute("aria-label") == "Focal point of the picture"
    scroll = page.evaluate("window.scrollY")
    for _ in range(4):
        page.keyboard.press("Shift+ArrowDown")  # 50 → 90, ten at a time
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#focal-point-now")).to_contain_text("48% from the left, 90% from the top")
    assert page.locator("#focal-point-now").get_attribute("aria-live") == "polite"
    assert page.evaluate("window.scrollY") == scroll  # the arrows moved the point, not the page
    expect(page.locator("#id_focal_x")).to_have_value("48")
    expect(page.locator("#id_focal_y")).to_have_value("90")
    page.keyboard.press("Shift+ArrowDown")
    page.keyboard.press("Shift+ArrowDown")
    expect(page.locator("#id_focal_y")).to_have_value("100")  # stops at the edge
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Shift+ArrowUp")
    expect(page.locator("#id_focal_y")).to_have_value("89")
    assert_accessible(page)
    save(page)

    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.48, 0.89)
    crops = largest_crops(image)
    assert shows_the_mark(crops["card"]) and shows_the_mark(crops["hero"])


@pytest.mark.parametrize(
    "viewport", [(1366, 768), (1280, 720), (1920, 1080), (768, 1024), (390, 844)]
)
def test_the_story_hero_leaves_the_first_paragraph_on_the_first_screen(
    live_server, page, immediate_tasks, viewport
):
    """A 3:2 hero across the page's width is taller than a laptop's screen: from
    48rem up it is capped, cropped around the focal point, so the story's first
    words show without scrolling. The figures are printed for the docs."""
    image = picture_with_a_red_mark_low_down()
    StoryImage.objects.filter(pk=image.pk).update(focal_y=0.9)
    story = StoryFactory(
        hero_image=image,
        headline="After the flood, the school on the hill opens its doors again",
        summary="Three months after the water came, forty children are back at their desks, "
        "and their teacher has a plan for the next rainy season.",
        body="<p>The morning the school reopened, Amina was there before the caretaker.</p>"
        "<p>She had walked the long way round, past the river.</p>",
    )
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(live_server.url + story.get_absolute_url())
    first = page.locator(".story__body .prose p").first
    top = first.bounding_box()["y"]
    hero = page.locator(".story__media img").bounding_box()
    print(
        f"\nviewport {viewport}: hero {hero['width']:.0f}×{hero['height']:.0f}, "
        f"first paragraph top {top:.0f}"
    )
    if viewport[0] >= 768:  # 48rem and up: the first paragraph is on the first screen
        assert top + 24 <= viewport[1], f"first paragraph at {top:.0f}px"
    # The hero is never squashed: it is cropped (object-fit), its focal point kept.
    fit = page.eval_on_selector(".story__media img", "i => getComputedStyle(i).objectFit")
    position = page.eval_on_selector(".story__media img", "i => getComputedStyle(i).objectPosition")
    assert fit == "cover" and position == "50% 90%"
