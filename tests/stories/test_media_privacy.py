"""A survivor's media can't be found by its name or guessed from a story's number."""

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from stories.models import Clip, Story, StoryImage
from tests.stories.factories import MP4_HEAD, StoryFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

# A real-looking name (invented) as a field worker's camera roll might have it.
UPLOAD_NAME = "Hellen-Akello-Gulu"
NAME_PARTS = ("hellen", "akello", "gulu")
VTT = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"


def assert_no_name(text, where):
    lowered = text.lower()
    for part in NAME_PARTS:
        assert part not in lowered, f"“{part}” appears in {where}"


def stored_paths(settings) -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return [str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()]


def test_an_uploaded_photo_is_stored_under_a_random_name_and_token(
    editor_client, client, settings, immediate_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            "/admin/stories/storyimage/add/",
            {
                "file": SimpleUploadedFile(f"{UPLOAD_NAME}.jpg", jpeg_bytes()),
                "alt_text_en": "A woman smiling outside a courthouse",
            },
        )
    assert response.status_code == 302
    image = StoryImage.objects.get()
    assert image.renditions, "the worker made renditions"

    assert re.fullmatch(r"stories/images/[0-9a-f]{32}\.jpg", image.file.name)
    assert re.fullmatch(r"[0-9a-f]{32}", image.rendition_token)
    for rendition in image.renditions:
        # Under the image's own secret directory, never its row number alone.
        assert rendition["name"].startswith(f"stories/renditions/{image.rendition_token}/")
    paths = stored_paths(settings)
    assert len(paths) == 1 + len(image.renditions)
    assert_no_name(" ".join(paths), "the stored paths")
    assert_no_name(str(image), "the image's admin label")
    change_page = editor_client.get(f"/admin/stories/storyimage/{image.pk}/change/")
    assert_no_name(change_page.content.decode(), "the admin page")

    client.logout()
    story = StoryFactory(hero_image=image)
    html = client.get(story.get_absolute_url()).content.decode()
    assert image.rendition_token in html
    assert_no_name(html, "the story page")


def test_two_images_get_different_tokens(db):
    from django.core.files.base import ContentFile

    tokens = set()
    for _ in range(2):
        image = StoryImage(alt_text="A path through the fields")
        image.file = ContentFile(jpeg_bytes((900, 500)), name=f"{UPLOAD_NAME}.jpg")
        image.save()
        image.make_renditions()
        tokens.add(image.rendition_token)
        assert str(image.pk) not in {
            part for r in image.renditions for part in r["name"].split("/")
        }
    assert len(tokens) == 2


def test_a_clip_and_its_captions_are_stored_under_random_names(editor_client, client, settings):
    response = editor_client.post(
        "/admin/stories/clip/add/",
        {
            "title_en": "Hearing day",
            "video_file": SimpleUploadedFile(f"{UPLOAD_NAME}.mp4", MP4_HEAD),
            "captions_en": SimpleUploadedFile(f"{UPLOAD_NAME}.vtt", VTT),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clip = Clip.objects.get()
    assert re.fullmatch(r"stories/clips/[0-9a-f]{32}\.mp4", clip.video_file.name)
    assert re.fullmatch(r"stories/clips/[0-9a-f]{32}\.vtt", clip.captions.name)
    assert_no_name(" ".join(stored_paths(settings)), "the stored paths")

    client.logout()
    story = StoryFactory(clip=clip, hero_image=None, state=Story.State.PUBLISHED)
    html = client.get(story.get_absolute_url()).content.decode()
    assert clip.video_file.url in html
    assert_no_name(html, "the story page")
