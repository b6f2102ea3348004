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


def tracks(client, url) -> list[tuple[str, str, str, bool]]:
    """The clip's caption tracks on a story page: (captions file, srclang, label, default)."""
    import re
    from html import unescape

    html = client.get(url).content.decode()
    return [
        (unescape(src).rsplit("/", 1)[-1], srclang, unescape(label), bool(default))
        for src, srclang, label, default in re.findall(
            r'<track kind="captions" src="([^"]+)" srclang="([^"]+)" label="([^"]+)"( default)?>',
            html,
        )
    ]


@pytest.mark.django_db
def test_captions_in_the_page_language_come_first_and_the_other_language_second(client):
    from tests.i18n import compiled  # noqa: F401  (the French catalogue, compiled)
    from tests.stories.factories import StoryFactory

    def story_with(**captions):
        clip = Clip.objects.create(
            title="A walk to school",
            title_fr="Le chemin de l’école",
            video_file="stories/clips/walk.mp4",
            **captions,
        )
        return StoryFactory(clip=clip, headline_fr="Une histoire", **{"slug_fr": f"h-{clip.pk}"})

    both = story_with(
        captions_en="stories/clips/walk-en.vtt", captions_fr="stories/clips/walk-fr.vtt"
    )
    assert tracks(client, both.url_in("en")) == [
        ("walk-en.vtt", "en", "English", True),
        ("walk-fr.vtt", "fr", "Français", False),
    ]
    assert tracks(client, both.url_in("fr")) == [
        ("walk-fr.vtt", "fr", "Français", True),
        ("walk-en.vtt", "en", "English", False),
    ]
    # Captions in English only: the French page offers them, named for what they are.
    english = story_with(captions_en="stories/clips/walk-en.vtt")
    assert tracks(client, english.url_in("fr")) == [("walk-en.vtt", "en", "English", True)]
    assert tracks(client, english.url_in("en")) == [("walk-en.vtt", "en", "English", True)]
    # None at all: no empty track.
    assert tracks(client, story_with().url_in("fr")) == []
