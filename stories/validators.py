"""Upload and link checks for images and clips, shared by models and admin forms.

Each file check has the one shape of config/uploads.py: it reads the file and
returns the FileType it is, or raises a ValidationError an editor can act on.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError

from config.uploads import JPEG, MP4, PNG, VTT, WEBM, WEBP, FileType
from stories.renditions import check_image_upload
from stories.webvtt import check_webvtt

MAX_VIDEO_BYTES = 200 * 1024 * 1024
MAX_CAPTION_BYTES = 1024 * 1024
IMAGE_TYPES = {"JPEG": JPEG, "PNG": PNG, "WEBP": WEBP}

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{6,12}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def check_image(uploaded) -> FileType:
    """A real, whole JPEG, PNG or WebP within our limits (see renditions)."""
    return IMAGE_TYPES[check_image_upload(uploaded).format]


def video_kind(head: bytes) -> FileType | None:
    """MP4 or WebM from the file's first bytes, else None."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return MP4
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return WEBM
    return None


def check_video(uploaded) -> FileType:
    if uploaded.size > MAX_VIDEO_BYTES:
        raise ValidationError(
            f"This video is {uploaded.size / 1024 / 1024:.0f} MB; clips may be at most 200 MB.",
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(64)
    uploaded.seek(0)
    kind = video_kind(head)
    if kind is None:
        raise ValidationError(
            "This file is not an MP4 or WebM video. Export the clip as MP4 (H.264) or WebM.",
            code="format",
        )
    return kind


def check_captions(uploaded) -> FileType:
    if uploaded.size > MAX_CAPTION_BYTES:
        raise ValidationError("Caption files may be at most 1 MB.", code="too_large")
    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    check_webvtt(data)
    return VTT


def parse_video_link(url: str) -> tuple[str, str]:
    """(provider, video id) for a YouTube or Vimeo link; ValidationError otherwise."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    path_bits = [bit for bit in parts.path.split("/") if bit]
    if parts.scheme in {"http", "https"} and host in YOUTUBE_HOSTS:
        if host.endswith("youtu.be") and path_bits:
            candidate = path_bits[0]
        elif path_bits[:1] in (["embed"], ["shorts"], ["live"]) and len(path_bits) > 1:
            candidate = path_bits[1]
        else:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        if YOUTUBE_ID.match(candidate):
            return "youtube", candidate
    if parts.scheme in {"http", "https"} and host in VIMEO_HOSTS:
        candidate = path_bits[-1] if path_bits else ""
        if VIMEO_ID.match(candidate):
            return "vimeo", candidate
    raise ValidationError(
        "Enter a YouTube (youtube.com/watch?v=…, youtu.be/…) or Vimeo (vimeo.com/…) link.",
        code="video_link",
    )


def validate_video_link(url: str) -> None:
    if url:
        parse_video_link(url)
