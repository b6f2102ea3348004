"""Clip uploads and links are checked; links become privacy-enhanced embeds."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from config.uploads import MP4, WEBM
from stories.models import Clip
from stories.validators import check_video, parse_video_link
from tests.stories.factories import MP4_HEAD

WEBM_HEAD = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 64


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=Xk3vR8mPq2Y", ("youtube", "Xk3vR8mPq2Y")),
        ("https://youtu.be/Xk3vR8mPq2Y?t=3", ("youtube", "Xk3vR8mPq2Y")),
        ("https://www.youtube.com/embed/Xk3vR8mPq2Y", ("youtube", "Xk3vR8mPq2Y")),
        ("https://vimeo.com/348219756", ("vimeo", "348219756")),
    ],
)
def test_video_links_are_understood(url, expected):
    assert parse_video_link(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.org/watch?v=Xk3vR8mPq2Y",
        "javascript:alert(1)",
        'https://www.youtube.com/watch?v=bad"><script>',
        "https://vimeo.com/not-a-number",
    ],
)
def test_other_links_are_refused(url):
    with pytest.raises(ValidationError):
        parse_video_link(url)


def test_embed_urls_use_the_privacy_enhanced_hosts():
    assert Clip(external_url="https://youtu.be/Xk3vR8mPq2Y").embed_url.startswith(
        "https://www.youtube-nocookie.com/embed/Xk3vR8mPq2Y"
    )
    assert Clip(external_url="https://vimeo.com/348219756").embed_url.startswith(
        "https://player.vimeo.com/video/348219756?dnt=1"
    )


def test_video_files_are_checked_by_signature_not_name():
    assert check_video(SimpleUploadedFile("clip.mp4", MP4_HEAD)) == MP4
    assert check_video(SimpleUploadedFile("clip.webm", WEBM_HEAD)) == WEBM
    # The name plays no part: an MP4 called clip.webm (or clip.html) is stored as .mp4.
    assert check_video(SimpleUploadedFile("clip.html", MP4_HEAD)) == MP4
    with pytest.raises(ValidationError, match="not an MP4 or WebM"):
        check_video(SimpleUploadedFile("clip.mp4", b"MZ\x90\x00 not a video" * 10))


def test_video_size_limit():
    big = SimpleUploadedFile("clip.mp4", MP4_HEAD)
    big.size = 200 * 1024 * 1024 + 1
    with pytest.raises(ValidationError, match="at most 200 MB"):
        check_video(big)
