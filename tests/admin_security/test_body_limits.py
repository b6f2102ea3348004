"""Only signed-in staff posting to an upload form may send a large body;
everyone else, on every path, gets the 1 MB limit and the 413 page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.stories.factories import jpeg_bytes

pytestmark = pytest.mark.django_db

TWENTY_MB = 20 * 1024 * 1024


def big_file(size=2 * 1024 * 1024):
    # A real JPEG padded past 1 MB: image decoders stop at the end marker.
    return SimpleUploadedFile("photo.jpg", jpeg_bytes((200, 100)) + b"\0" * size)


def assert_413_page(response):
    assert response.status_code == 413
    assert '<main id="main"' in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/admin/stories/storyimage/add/", "/admin/", "/", "/fundraise/"]
)
def test_anonymous_large_bodies_get_413_on_every_path(client, path):
    assert_413_page(client.post(path, data="x" * TWENTY_MB, content_type="text/plain"))
    assert_413_page(client.post(path, {"file": big_file()}))


def test_staff_may_post_a_large_file_to_an_upload_form(client):
    staff = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    response = client.post(
        "/admin/stories/storyimage/add/", {"file": big_file(), "alt_text_en": "A padded picture"}
    )
    assert response.status_code == 302  # saved: the body was read, not refused


def test_staff_posting_a_large_body_elsewhere_get_413(client):
    staff = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    # The user form takes no files; nor does a public page.
    assert_413_page(client.post("/admin/auth/user/add/", {"file": big_file()}))
    assert_413_page(client.post("/fundraise/", {"file": big_file()}))


def test_a_signed_in_non_staff_user_gets_413_on_the_admin(client):
    client.force_login(get_user_model().objects.create_user("visitor", "v@example.org", "pw"))
    assert_413_page(client.post("/admin/stories/storyimage/add/", {"file": big_file()}))
