"""Hostile uploads are refused with a reason; stored images carry no metadata."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from stories.models import StoryImage
from stories.renditions import check_image_upload
from tests.stories.factories import jpeg_bytes

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/stories/storyimage/add/"


def upload(client, name, data, **fields):
    return client.post(
        ADD_URL,
        {"file": SimpleUploadedFile(name, data), "alt_text_en": "A test picture", **fields},
    )


def png_bytes(size, mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width, height) -> bytes:
    """A PNG that declares its size and holds almost nothing: the cheap way an
    attacker (or a panorama export) presents more pixels than we decode."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("drawing.svg", SVG, "SVG files are not accepted"),
        ("drawing.png", SVG, "SVG files are not accepted"),
        ("broken.jpg", jpeg_bytes()[:3000], "not a complete image"),
        ("notes.jpg", b"just some text, not a picture at all", "not a complete image"),
        ("huge.png", png_bytes((7000, 6000), mode="1"), "the limit is 40 megapixels"),
        # Past Pillow's own decompression-bomb limit: still "too large", never "damaged".
        ("panorama.png", png_header_only(20_000, 10_000), "too large: 200 megapixels"),
        ("vast.png", png_header_only(12_000, 10_000), "too large: 12000×10000 pixels"),
    ],
)
def test_hostile_uploads_are_refused_with_a_reason(editor_client, name, data, message):
    response = upload(editor_client, name, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not StoryImage.objects.exists()


def test_gif_is_refused_by_format(editor_client):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, "GIF")
    response = upload(editor_client, "anim.gif", buffer.getvalue())
    assert "GIF images are not accepted" in response.content.decode()


def test_oversize_file_is_refused_before_decoding():
    class BigUpload(io.BytesIO):
        name = "big.jpg"
        size = 20 * 1024 * 1024 + 1

    with pytest.raises(ValidationError, match="at most 20 MB"):
        check_image_upload(BigUpload(jpeg_bytes()))


def test_alt_text_required_unless_decorative(editor_client):
    response = editor_client.post(ADD_URL, {"file": SimpleUploadedFile("a.jpg", jpeg_bytes())})
    assert "Describe the picture" in response.content.decode()
    response = editor_client.post(
        ADD_URL, {"file": SimpleUploadedFile("a.jpg", jpeg_bytes()), "decorative": "on"}
    )
    assert response.status_code == 302
    assert StoryImage.objects.get().decorative


def gps_jpeg() -> bytes:
    """A 640×480 JPEG a phone might make: camera, GPS position, XMP, rotated 90°."""
    image = Image.new("RGB", (640, 480), "teal")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (0.0, 20.0, 31.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (32.0, 34.0, 52.0),
        }
    )
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>0,20.5N</exif:GPSLatitude></x:xmpmeta>'
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, xmp=xmp)
    return buffer.getvalue()


def test_uploaded_photo_keeps_no_location_or_camera_data(
    editor_client, settings, immediate_tasks, django_capture_on_commit_callbacks
):
    original = gps_jpeg()
    with Image.open(io.BytesIO(original)) as source:  # the test file really carries them
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert b"xmpmeta" in original

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, "survivor.jpg", original)
    assert response.status_code == 302
    image = StoryImage.objects.get()
    assert len(image.renditions) >= 2 * 1  # WebP and JPEG at least at one width

    stored = [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert len(stored) == 1 + len(image.renditions)
    for path in stored:
        data = path.read_bytes()
        for marker in (b"Exif\x00\x00", b"xmpmeta", b"Photoshop 3.0", b"PhoneMaker", b"GPS"):
            assert marker not in data, f"{marker!r} survives in {path.name}"
        with Image.open(path) as stored_image:
            assert not stored_image.getexif(), path.name
            assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(stored_image.info)
            # The camera's "rotate 90°" was applied to the pixels: portrait now.
            # The link-preview, card and hero crops are landscape by design.
            if not path.name.startswith(("share", "card-", "hero-")):
                assert stored_image.height > stored_image.width, path.name
    assert (image.width, image.height) == (480, 640)


def test_renditions_are_three_widths_in_webp_and_jpeg(
    db, immediate_tasks, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    image = StoryImage(alt_text="Orange field")
    image.file = ContentFile(jpeg_bytes((2000, 1000)), name="wide.jpg")
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    image.refresh_from_db()
    made = {(r.get("crop", "whole"), r["width"], r["format"]) for r in image.renditions}
    assert made == {
        (crop, w, f)
        for crop, widths in (("whole", (400, 800, 1200)), ("card", (400, 800, 1200)))
        for w in widths
        for f in ("WEBP", "JPEG")
    } | {("hero", w, f) for w in (600, 900, 1200) for f in ("WEBP", "JPEG")} | {
        ("share", 1200, "JPEG")
    }
    for rendition in image.renditions:
        with image.file.storage.open(rendition["name"]) as handle, Image.open(handle) as picture:
            assert picture.width == rendition["width"]
            assert picture.format == rendition["format"]


def test_png_with_transparency_falls_back_to_png(db):
    from django.core.files.base import ContentFile

    image = StoryImage(alt_text="Logo-like shape")
    image.file = ContentFile(png_bytes((900, 300), mode="RGBA"), name="shape.png")
    image.save()
    image.make_renditions()
    assert {r["format"] for r in image.renditions if not r.get("crop")} == {"WEBP", "PNG"}
    assert image.fallback_type == "image/png"
