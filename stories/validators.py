"""Upload and link checks for images and clips, shared by models and admin forms."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError

from stories.renditions import check_image_upload

MAX_VIDEO_BYTES = 200 * 1024 * 1024
MAX_CAPTION_BYTES = 1024 * 1024

YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_ID = re.compile(r"^[0-9]{6,12}$")
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "www.youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def validate_image_file(uploaded) -> None:
    # A file already in storage (an unchanged form field) was checked when it came in.
    if getattr(uploaded, "_committed", False) is True and not hasattr(uploaded, "content_type"):
        return
    check_image_upload(uploaded)


def video_kind(head: bytes) -> str | None:
    """'mp4' or 'webm' from the file's first bytes, else None."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head[:4] == b"\x1a\x45\xdf\xa3" and b"webm" in head[:64]:
        return "webm"
    return None


def validate_video_file(uploaded) -> None:
    if getattr(uploaded, "_committed", False) is True and not hasattr(uploaded, "content_type"):
        return
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
    if not uploaded.name.lower().endswith(f".{kind}"):
        raise ValidationError(
            f"The file is a {kind.upper()} video; its name should end in .{kind}.",
            code="extension",
        )


def validate_captions_file(uploaded) -> None:
    if getattr(uploaded, "_committed", False) is True and not hasattr(uploaded, "content_type"):
        return
    if uploaded.size > MAX_CAPTION_BYTES:
        raise ValidationError("Caption files may be at most 1 MB.", code="too_large")
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError(
            "Captions must be a WebVTT file (its first line reads WEBVTT).", code="format"
        )


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
