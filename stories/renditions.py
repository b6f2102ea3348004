"""Image checks, metadata stripping and responsive renditions, with Pillow only.

Why not sorl-thumbnail, easy-thumbnails or django-imagekit: each makes
renditions lazily on the first page view through its own cache/key-value
store, one format per alias, while we want WebP plus a JPEG/PNG fallback
at three widths made once, in the worker, right after an upload, and recorded on the image
row so a page renders ``<picture>`` without touching storage. Each library
also copies or keeps metadata depending on settings and engine, and location
safety here is not negotiable: every byte we store is re-encoded from pixels
by :func:`clean_image`, so no EXIF, GPS, XMP, IPTC or ICC block can travel
along. That is about 150 lines we can read in one sitting, so we own them.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps, UnidentifiedImageError

from config import uploads

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
RENDITION_WIDTHS = (400, 800, 1200)
# The file's name plays no part: it is stored under the extension of its format.
TYPE_FOR_FORMAT = {"JPEG": uploads.JPEG, "PNG": uploads.PNG, "WEBP": uploads.WEBP}
# Link previews (Open Graph, X, LinkedIn) crop to 1.91:1; a picture already
# in that shape is never cut by each platform in its own way.
SHARE_SIZE = (1200, 630)
# Fixed shapes, cut around the image's focal point, so cards in a row line up
# and heroes match whatever the upload's shape. Each width gives whole pixels
# at its ratio (400×225, 600×400 …), so the shape is exact.
CROPS = {
    "card": ((16, 9), (400, 800, 1200)),
    "hero": ((3, 2), (600, 900, 1200)),
}
JPEG_QUALITY = 82
WEBP_QUALITY = 78


@dataclass(frozen=True)
class CheckedImage:
    format: str
    width: int
    height: int


def _looks_like_svg(head: bytes, name: str) -> bool:
    lowered = head.lstrip()[:512].lower()
    return name.lower().endswith((".svg", ".svgz")) or (
        lowered.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in lowered
    )


def too_many_pixels(pixels: int | None, dimensions: str = "") -> ValidationError:
    size = f"{dimensions}{pixels / 1e6:.0f} megapixels" if pixels else "far over the limit"
    return ValidationError(
        f"This image is too large: {size}; the limit is {MAX_IMAGE_PIXELS // 1_000_000} "
        "megapixels. Resize it and upload again.",
        code="too_many_pixels",
    )


def check_image_upload(uploaded) -> CheckedImage:
    """Refuse anything but a real, whole JPEG/PNG/WebP within our limits.

    Raises ValidationError with a message an editor can act on.
    """
    name = getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_IMAGE_BYTES:
        raise ValidationError(
            f"This file is {size / 1024 / 1024:.1f} MB; images may be at most 20 MB. "
            "Export a smaller JPEG, PNG or WebP.",
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(1024)
    uploaded.seek(0)
    if _looks_like_svg(head, name):
        raise ValidationError(
            "SVG files are not accepted: they can carry scripts. Upload a JPEG, PNG or WebP.",
            code="svg",
        )
    try:
        with warnings.catch_warnings():
            # Between Pillow's warning and its error the size check below speaks.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(uploaded)
        with image:
            image_format = image.format
            width, height = image.size
            if image_format not in TYPE_FOR_FORMAT:
                raise ValidationError(
                    f"{image_format or 'This'} images are not accepted; upload a JPEG, PNG or WebP.",
                    code="format",
                )
            if width * height > MAX_IMAGE_PIXELS:
                raise too_many_pixels(width * height, f"{width}×{height} pixels, ")
            # Decoding every pixel is the only reliable way to find a truncated file.
            image.load()
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        # Pillow refuses to open an image this big at all, before we could read
        # its size: too large, not damaged. Its message carries the pixel count.
        found = re.search(r"\((\d+) pixels\)", str(exc))
        raise too_many_pixels(int(found.group(1)) if found else None) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            "This file is not a complete image that we can read (it may be damaged, "
            "truncated or of another type). Upload a JPEG, PNG or WebP.",
            code="unreadable_image",
        ) from None
    finally:
        uploaded.seek(0)
    return CheckedImage(image_format, width, height)


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding only the pixels: no info dict, EXIF, XMP, IPTC or ICC."""
    image = ImageOps.exif_transpose(image)  # apply the camera's rotation to the pixels
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode not in {"RGB", "RGBA", "L", "LA"}:
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA"}


def encode(image: Image.Image, image_format: str) -> bytes:
    buffer = io.BytesIO()
    if image_format == "JPEG":
        if image.mode != "RGB" and image.mode != "L":
            image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif image_format == "WEBP":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=4)
    else:
        image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def clean_image(uploaded) -> tuple[ContentFile, int, int]:
    """Re-encode an accepted upload from its pixels alone, in its own format."""
    uploaded.seek(0)
    with Image.open(uploaded) as original:
        image_format = original.format
        image = _pixels_only(original)
    content = uploads.typed_content(encode(image, image_format), TYPE_FOR_FORMAT[image_format])
    return content, image.width, image.height


def fallback_format(image: Image.Image) -> str:
    return "PNG" if has_alpha(image) else "JPEG"


def focal_box(
    size: tuple[int, int], ratio: tuple[int, int], focal: tuple[float, float]
) -> tuple[int, int, int, int]:
    """The largest box of the given ratio inside size, centred on the focal point
    as far as the edges allow (so the point is always inside it)."""
    width, height = size
    across, down = ratio
    if width * down > height * across:  # wider than the ratio: cut the sides
        box_w, box_h = max(1, height * across // down), height
    else:
        box_w, box_h = width, max(1, width * down // across)
    left = min(max(0, round(focal[0] * width - box_w / 2)), width - box_w)
    top = min(max(0, round(focal[1] * height - box_h / 2)), height - box_h)
    return left, top, left + box_w, top + box_h


def _write(directory: str, stem: str, image: Image.Image, image_format: str, **extra) -> dict:
    data = encode(image, image_format)
    file_type = TYPE_FOR_FORMAT[image_format]
    name = f"{directory}/{stem}{file_type.extension}"
    if default_storage.exists(name):
        default_storage.delete(name)
    saved = default_storage.save(name, uploads.typed_content(data, file_type))
    return {
        "width": image.width,
        "height": image.height,
        "format": image_format,
        "name": saved,
        "bytes": len(data),
        **extra,
    }


def _crop_renditions(source: Image.Image, directory: str, focal) -> list[dict]:
    renditions = []
    for crop, (ratio, widths) in CROPS.items():
        cut = source.crop(focal_box(source.size, ratio, focal))
        # Never enlarged: a small upload gets the widths it can fill.
        fitting = [w for w in widths if w <= cut.width] or [widths[0]]
        for width in fitting:
            resized = cut.resize((width, width * ratio[1] // ratio[0]), Image.LANCZOS)
            for image_format in ("WEBP", fallback_format(source)):
                renditions.append(
                    _write(directory, f"{crop}-{width}", resized, image_format, crop=crop)
                )
    return renditions


def make_renditions(
    file_name: str, directory: str, focal: tuple[float, float] = (0.5, 0.5)
) -> list[dict]:
    """Write WebP and JPEG/PNG renditions at each width up to the original's,
    the card and hero crops around the focal point, and the share crop.

    Returns [{"width", "height", "format", "name", "bytes"[, "crop"]}, ...] for the row.
    """
    with default_storage.open(file_name, "rb") as handle, Image.open(handle) as original:
        source = _pixels_only(original)
    widths = [w for w in RENDITION_WIDTHS if w < source.width] + [
        min(source.width, RENDITION_WIDTHS[-1])
    ]
    renditions = []
    for width in sorted(set(widths)):
        height = max(1, round(source.height * width / source.width))
        resized = source if width == source.width else source.resize((width, height), Image.LANCZOS)
        for image_format in ("WEBP", fallback_format(source)):
            renditions.append(_write(directory, str(width), resized, image_format))
    renditions += _crop_renditions(source, directory, focal)
    flat = source.convert("RGBA")
    on_white = Image.alpha_composite(Image.new("RGBA", flat.size, "white"), flat).convert("RGB")
    share = ImageOps.fit(on_white, SHARE_SIZE, Image.LANCZOS, centering=focal)
    renditions.append(_write(directory, "share", share, "JPEG", crop="share"))
    return renditions
