"""Every upload is stored under a random name with the extension of what it is,
and /media/ serves it as that type only, with nosniff and a sandbox policy."""

import importlib
import io
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from stories.models import Clip, StoryImage
from stories.webvtt import check_webvtt
from tests.stories.factories import MP4_HEAD, jpeg_bytes

pytestmark = pytest.mark.django_db

VTT = b"WEBVTT\n\n00:00.000 --> 00:02.500\n<v Ana>We were <i>home</i> again.\n"
RANDOM = r"[0-9a-f]{32}"


def add_clip(client, video_name, captions_name, captions, content_type="text/html"):
    return client.post(
        "/admin/stories/clip/add/",
        {
            "title_en": "Back at school",
            "video_file": SimpleUploadedFile(video_name, MP4_HEAD, content_type=content_type),
            "captions_en": SimpleUploadedFile(captions_name, captions, content_type=content_type),
        },
    )


def served(client, name):
    return client.get(f"/media/{name}")


# ------------------------------------------------------------ WebVTT, cue by cue

GOOD_CAPTIONS = [
    VTT,
    b"\xef\xbb\xbfWEBVTT - Back at school\r\nKind: captions\r\n\r\n1\r\n"
    b"00:00:01.000 --> 00:00:04.000 align:start line:10%\r\nFirst &lt;line&gt;\r\n",
    b"WEBVTT\n\nNOTE written by the editors\n\nREGION\nid:bottom\n\n"
    b"intro\n00:01.000 --> 00:02.000\n<c.loud.yellow>Hello</c> <b>there</b> <00:01.500>now\n"
    b"<lang fr>bonjour</lang> <ruby>x<rt>y</rt></ruby> -> 30 > 20\n\n"
    b"00:02.000 --> 00:03.000\nSecond cue\n",
]


@pytest.mark.parametrize("data", GOOD_CAPTIONS)
def test_real_webvtt_is_accepted(data):
    assert check_webvtt(data) >= 1


BAD_CAPTIONS = {
    "script posing as webvtt": (b"WEBVTT=1;(async()=>{fetch('/admin/')})()", "first line"),
    "html after the signature": (
        b"WEBVTT\n<script src=/media/stories/clips/x.js></script>",
        "cue tags",
    ),
    "html in the title": (b"WEBVTT <script>x</script>\n\n00:00.000 --> 00:01.000\nHi\n", "Line 1"),
    "no cues": (b"WEBVTT\n\n", "no cues"),
    "subrip timing": (b"WEBVTT\n\n1\n00:00:00,000 --> 00:00:01,000\nHi\n", "timing line"),
    "html in a cue": (
        b"WEBVTT\n\n00:00.000 --> 00:01.000\n<img src=x onerror=alert(1)>\n",
        "cue tags",
    ),
    "script in a cue": (
        b"WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n",
        "Line 4",
    ),
    "markup after the timing": (b"WEBVTT\n\n00:00.000 --> 00:01.000 <b>\nHi\n", "timing line"),
    "html in a note": (
        b"WEBVTT\n\nNOTE <iframe src=//evil.example>\n\n00:00.000 --> 00:01.000\nHi\n",
        "cue tags",
    ),
    "a style block": (
        b"WEBVTT\n\nSTYLE\n::cue { color: red }\n\n00:00.000 --> 00:01.000\nHi\n",
        "STYLE",
    ),
    "ends before it starts": (b"WEBVTT\n\n00:05.000 --> 00:01.000\nHi\n", "end after"),
    "not utf-8": (b"WEBVTT\n\n00:00.000 --> 00:01.000\n\xff\xfe\n", "UTF-8"),
}


@pytest.mark.parametrize("case", BAD_CAPTIONS)
def test_anything_but_webvtt_is_refused_with_the_line(case):
    data, message = BAD_CAPTIONS[case]
    with pytest.raises(ValidationError, match=message):
        check_webvtt(data)


# ------------------------------------------------------------ names from content


def test_clip_files_are_named_by_their_checked_type_never_the_clients(editor_client, client):
    response = add_clip(editor_client, "clip.html", "subs.html", VTT)
    assert response.status_code == 302
    clip = Clip.objects.get()
    assert re.fullmatch(rf"stories/clips/{RANDOM}\.mp4", clip.video_file.name)
    assert re.fullmatch(rf"stories/clips/{RANDOM}\.vtt", clip.captions.name)
    captions = served(client, clip.captions.name)
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(captions.streaming_content) == VTT
    assert served(client, clip.video_file.name)["Content-Type"] == "video/mp4"


def test_refused_captions_say_why_and_store_nothing(editor_client, settings):
    response = add_clip(
        editor_client, "clip.mp4", "x.js", BAD_CAPTIONS["script posing as webvtt"][0]
    )
    assert response.status_code == 200
    assert "not a WebVTT file we can use" in response.content.decode()
    assert not Clip.objects.exists()
    assert not list(Path(settings.MEDIA_ROOT).rglob("*.js"))


@pytest.mark.parametrize("name", ["photo.php", "photo.png", "photo.html", "photo"])
def test_an_image_is_stored_as_what_it_is(editor_client, client, name):
    response = editor_client.post(
        "/admin/stories/storyimage/add/",
        {
            "file": SimpleUploadedFile(name, jpeg_bytes(), content_type="text/html"),
            "alt_text_en": "A picture",
        },
    )
    assert response.status_code == 302
    image = StoryImage.objects.get()
    assert re.fullmatch(rf"stories/images/{RANDOM}\.jpg", image.file.name)
    assert served(client, image.file.name)["Content-Type"] == "image/jpeg"


# ------------------------------------------------------------ how /media/ serves


def test_media_are_served_with_nosniff_a_sandbox_and_a_year_of_caching(client, settings):
    folder = Path(settings.MEDIA_ROOT) / "stories/clips"
    folder.mkdir(parents=True)
    (folder / "a.vtt").write_bytes(VTT)
    response = served(client, "stories/clips/a.vtt")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert client.head("/media/stories/clips/a.vtt").status_code == 200


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x.jpg", "image/jpeg"),
        ("x.png", "image/png"),
        ("x.webp", "image/webp"),
        ("x.mp4", "video/mp4"),
        ("x.webm", "video/webm"),
        ("x.vtt", "text/vtt; charset=utf-8"),
        ("x.pdf", "application/pdf"),
    ],
)
def test_each_upload_type_is_served_as_itself(client, settings, name, expected):
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / name).write_bytes(b"whatever is inside")
    response = served(client, name)
    assert response["Content-Type"] == expected
    assert "attachment" not in response.get("Content-Disposition", "")


@pytest.mark.parametrize("name", ["review.html", "x.js", "x.svg", "x.jpeg", "x.css", "noext"])
def test_any_other_file_is_a_download_never_a_page_or_script(client, settings, name):
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    (Path(settings.MEDIA_ROOT) / name).write_bytes(b"<script>alert(1)</script>")
    response = served(client, name)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_missing_file_is_a_404_not_cached_for_a_year(client):
    response = served(client, "stories/clips/nothing.vtt")
    assert response.status_code == 404
    assert "immutable" not in response.get("Cache-Control", "")


def test_media_stored_before_the_fix_are_renamed_by_type_and_rows_follow(settings):
    from django.apps import apps

    images = Path(settings.MEDIA_ROOT) / "stories" / "images"
    images.mkdir(parents=True)
    old_jpeg = "stories/images/" + "c" * 32 + ".jpeg"
    png_named_jpg = "stories/images/" + "d" * 32 + ".jpg"
    fine = "stories/images/" + "e" * 32 + ".jpg"
    (Path(settings.MEDIA_ROOT) / old_jpeg).write_bytes(jpeg_bytes((20, 10)))
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10)).save(buffer, "PNG")
    (Path(settings.MEDIA_ROOT) / png_named_jpg).write_bytes(buffer.getvalue())
    (Path(settings.MEDIA_ROOT) / fine).write_bytes(jpeg_bytes((20, 10)))
    rows = {
        name: StoryImage.objects.create(file=name, alt_text="Old picture", width=20, height=10)
        for name in (old_jpeg, png_named_jpg, fine)
    }
    missing = StoryImage.objects.create(
        file="stories/images/gone.jpeg", alt_text="Lost picture", width=1, height=1
    )

    migration = importlib.import_module("stories.migrations.0005_media_names_from_content")
    migration.rename_client_named_media(apps, None)

    for row in rows.values():
        row.refresh_from_db()
    assert re.fullmatch(rf"stories/images/{RANDOM}\.jpg", rows[old_jpeg].file.name)
    assert re.fullmatch(rf"stories/images/{RANDOM}\.png", rows[png_named_jpg].file.name)
    assert rows[fine].file.name == fine  # already right: untouched
    assert not (Path(settings.MEDIA_ROOT) / old_jpeg).exists()
    missing.refresh_from_db()
    assert missing.file.name == "stories/images/gone.jpeg"  # nothing to move; no error


def test_every_upload_field_of_the_project_is_checked():
    """A file field added later gets the same rule, or this fails."""
    from django.apps import apps
    from django.db import models

    from config.uploads import CheckedFileField

    ours = {"config", "outbox", "formguard", "stories", "contact", "fundraising"}
    plain = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in ours and not model.__name__.startswith("Historical")
        for field in model._meta.fields
        if isinstance(field, models.FileField) and not isinstance(field, CheckedFileField)
    ]
    assert plain == []
