"""The focal point: every crop keeps it in view, cards are 16:9 and heroes 3:2
whatever the upload's shape, and moving the point in the admin remakes the crops."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw

from stories.models import Clip, StoryImage
from stories.renditions import focal_box
from tests.stories.factories import StoredImageFactory, StoryFactory, home_with

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [(1000, 1000), (4000, 1000), (900, 3000), (1601, 899), (37, 11)])
@pytest.mark.parametrize("focal", [(0.0, 0.0), (0.5, 0.5), (0.93, 0.12), (1.0, 1.0)])
@pytest.mark.parametrize("ratio", [(16, 9), (3, 2)])
def test_the_crop_has_the_ratio_and_keeps_the_focal_point_inside(size, focal, ratio):
    left, top, right, bottom = focal_box(size, ratio, focal)
    assert 0 <= left < right <= size[0] and 0 <= top < bottom <= size[1]
    # As exact as whole pixels allow: within one pixel of the ratio.
    assert abs((right - left) - (bottom - top) * ratio[0] / ratio[1]) <= ratio[0] / ratio[1]
    # The largest such box: it spans the image one way.
    assert right - left == size[0] or bottom - top == size[1]
    x, y = focal[0] * size[0], focal[1] * size[1]
    assert left <= x <= right and top <= y <= bottom


def square_with_a_red_mark_low_down() -> StoryImage:
    """1000×1000 white, a red square around (50 %, 90 %): a centred 16:9 cut misses it."""
    picture = Image.new("RGB", (1000, 1000), "white")
    ImageDraw.Draw(picture).rectangle((450, 860, 550, 940), fill="red")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    name = default_storage.save("stories/images/mark.png", ContentFile(buffer.getvalue()))
    return StoryImage.objects.create(file=name, alt_text="A red mark", width=1000, height=1000)


def red_rows(rendition: dict) -> int:
    """How many rows of the rendition's middle column are red."""
    with default_storage.open(rendition["name"]) as handle, Image.open(handle) as image:
        rgb = image.convert("RGB")
        column = [rgb.getpixel((rgb.width // 2, y)) for y in range(rgb.height)]
    return sum(1 for red, green, _ in column if red > 200 and green < 80)


def test_card_and_hero_renditions_are_cut_around_the_focal_point(
    immediate_tasks, django_capture_on_commit_callbacks
):
    image = square_with_a_red_mark_low_down()
    image.make_renditions()  # centre: the mark falls outside both crops
    centred = {r["crop"]: r for r in image.renditions if r.get("crop") in {"card", "hero"}}
    assert red_rows(centred["card"]) == 0 and red_rows(centred["hero"]) == 0

    image.focal_y = 0.9
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert image.renditions == []  # moved: the worker remakes them (inline in tests)
    image.refresh_from_db()
    sizes = {(r["crop"], r["format"]): [] for r in image.renditions if r.get("crop")}
    for r in image.renditions:
        if r.get("crop"):
            sizes[r["crop"], r["format"]].append((r["width"], r["height"]))
    assert sizes["card", "WEBP"] == [(400, 225), (800, 450)]  # never enlarged past 1000 px
    # A PNG without transparency falls back to JPEG, as the whole-picture renditions do.
    assert sizes["hero", "JPEG"] == [(600, 400), (900, 600)]
    for crop in ("card", "hero"):
        largest = [r for r in image.renditions if r.get("crop") == crop][-1]
        assert red_rows(largest) > 0, crop


def ratio_of(img_tag: str) -> float:
    width = int(re.search(r'width="(\d+)"', img_tag).group(1))
    height = int(re.search(r'height="(\d+)"', img_tag).group(1))
    return width / height


def test_cards_are_16_9_and_the_hero_3_2_whatever_the_uploads_shape(client):
    tall = StoredImageFactory(width=900, height=1600, renditions=[], focal_x=0.2, focal_y=0.8)
    wide = StoredImageFactory(width=3000, height=1000, renditions=[])
    stories = [StoryFactory(hero_image=tall), StoryFactory(hero_image=wide)]
    listing = client.get("/stories/").content.decode()
    cards = re.findall(r'<img [^>]*class="crop-card[^"]*"[^>]*>', listing)
    assert len(cards) == 2 and all(abs(ratio_of(tag) - 16 / 9) < 0.01 for tag in cards)
    assert any("focal-x2 focal-y8" in tag for tag in cards)  # the CSS fallback's position

    detail = client.get(stories[0].get_absolute_url()).content.decode()
    hero = re.search(r'<img [^>]*class="crop-hero[^"]*"[^>]*>', detail).group(0)
    assert abs(ratio_of(hero) - 3 / 2) < 0.01


def test_the_admin_takes_the_focal_point_in_percent(admin_client):
    image = square_with_a_red_mark_low_down()
    page = admin_client.get(f"/admin/stories/storyimage/{image.pk}/change/").content.decode()
    assert "data-focal-picker" in page and 'name="focal_x"' in page and 'value="50.0"' in page
    response = admin_client.post(
        f"/admin/stories/storyimage/{image.pk}/change/",
        {"alt_text_en": "A red mark", "focal_x": "25", "focal_y": "90"},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.25, 0.9)
    refused = admin_client.post(
        f"/admin/stories/storyimage/{image.pk}/change/",
        {"alt_text_en": "A red mark", "focal_x": "140", "focal_y": "-3"},
    )
    assert refused.status_code == 200
    assert "less than or equal to 100" in refused.content.decode()


def test_the_lead_picture_and_video_posters_are_the_16_9_card_crop(client):
    """The home page's lead picture and every clip's poster are the card crop, cut
    around the focal point, so a tall or square upload does not make them tower."""
    tall = StoredImageFactory(width=900, height=1600, focal_x=0.3, focal_y=0.7)
    poster = StoredImageFactory(width=1000, height=1000)
    linked = Clip.objects.create(
        title="Walking home", external_url="https://vimeo.com/348219756", poster=poster
    )
    uploaded = Clip.objects.create(
        title="The new well", video_file="stories/clips/well.mp4", poster=poster
    )
    lead = StoryFactory(hero_image=tall)
    home_with([lead, StoryFactory(hero_image=None, clip=linked)])

    home = client.get("/").content.decode()
    lead_media = re.search(r'<div class="lead-story__media">(.*?)</div>', home, re.S).group(1)
    lead_img = re.search(r"<img [^>]*>", lead_media).group(0)
    assert "crop-card focal-x3 focal-y7" in lead_img
    assert abs(ratio_of(lead_img) - 16 / 9) < 0.01
    assert tall.card.default_url in lead_img and "-card-" in tall.card.default_url

    linked_story = StoryFactory(hero_image=None, clip=linked)
    page = client.get(linked_story.get_absolute_url()).content.decode()
    embed = re.search(r'<div class="clip-embed".*?<img [^>]*>', page, re.S).group(0)
    assert poster.card.default_url in embed and abs(ratio_of(embed) - 16 / 9) < 0.01

    uploaded_story = StoryFactory(hero_image=None, clip=uploaded)
    page = client.get(uploaded_story.get_absolute_url()).content.decode()
    video = re.search(r'<video class="clip-video"[^>]*>', page).group(0)
    assert f'poster="{poster.card.default_url}"' in video
    assert abs(ratio_of(video) - 16 / 9) < 0.01
