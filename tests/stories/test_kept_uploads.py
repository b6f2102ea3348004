"""A chosen clip or picture survives a validation error elsewhere in the form."""

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from stories.models import Clip
from tests.stories.factories import MP4_HEAD

pytestmark = pytest.mark.django_db

ADD_CLIP = "/admin/stories/clip/add/"


def test_a_chosen_video_survives_a_missing_title(client, editor):
    video = SimpleUploadedFile("garden.mp4", MP4_HEAD + b"frames", content_type="video/mp4")
    refused = client.post(ADD_CLIP, {"title_en": "", "video_file": video})
    html = refused.content.decode()
    assert refused.status_code == 200 and "This field is required" in html
    assert "Kept from your last attempt: garden.mp4" in html
    token = re.search(r'name="video_file__kept" value="([^"]+)"', html)[1]

    saved = client.post(ADD_CLIP, {"title_en": "The garden", "video_file__kept": token})
    assert saved.status_code == 302
    clip = Clip.objects.get()
    assert clip.video_file.read() == MP4_HEAD + b"frames"
    assert not clip.video_file.name.endswith("garden.mp4")  # still a random name
    _, pending = default_storage.listdir("stories/pending")
    assert pending == []  # the spare copy is gone


def test_a_forged_reference_brings_nothing_back(client, editor):
    response = client.post(
        ADD_CLIP, {"title_en": "Forged", "video_file__kept": "stories/pending/x.mp4:forged"}
    )
    assert response.status_code == 200
    assert "Upload a video file or enter a YouTube/Vimeo link" in response.content.decode()
    assert not Clip.objects.exists()


def test_an_invalid_file_is_not_kept(client, editor):
    fake = SimpleUploadedFile("garden.mp4", b"not a video at all", content_type="video/mp4")
    html = client.post(ADD_CLIP, {"title_en": "", "video_file": fake}).content.decode()
    assert "video_file__kept" not in html
