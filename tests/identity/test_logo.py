"""Staff upload the organisation's mark; every page's header shows it beside the name."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from identity.models import SiteIdentity
from tests.conftest import django_in_subprocess
from tests.singletons import assert_one_row_in_the_admin

pytestmark = pytest.mark.django_db(transaction=True)


def png_with_metadata(size=(600, 300)) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone's laptop name")
    buffer = io.BytesIO()
    Image.new("RGBA", size, (154, 52, 18, 255)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def test_an_uploaded_logo_appears_in_every_header_scaled_and_without_metadata(client, settings):
    settings.ORGANIZATION_NAME = "Example Justice Trust"
    page = client.get("/privacy/").content.decode()
    assert "Example Justice Trust" in page and "img/favicon.svg" in page
    home = client.get("/").content.decode()  # cached now, before the upload
    assert "identity/" not in home

    staff = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    change = client.get("/admin/identity/siteidentity/", follow=True)
    assert change.status_code == 200
    response = client.post(
        change.redirect_chain[-1][0],
        {"logo": SimpleUploadedFile("our mark.png", png_with_metadata())},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    identity = SiteIdentity.objects.get()
    assert (identity.logo_width, identity.logo_height) == (192, 96)
    with default_storage.open(identity.logo.name) as handle, Image.open(handle) as stored:
        assert stored.size == (192, 96) and "Author" not in stored.info
    assert "our mark" not in identity.logo.name
    for path in ("/", "/stories/", "/media-contact/", "/privacy/"):
        page = client.get(path).content.decode()
        assert f'src="{identity.logo.url}" alt="" width="192" height="96"' in page, path


def test_a_logo_that_is_not_an_image_is_refused_with_a_reason(client):
    staff = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    url = client.get("/admin/identity/siteidentity/", follow=True).redirect_chain[-1][0]
    response = client.post(
        url, {"logo": SimpleUploadedFile("mark.svg", b'<svg onload="alert(1)"></svg>')}
    )
    assert response.status_code == 200
    assert "SVG files are not accepted" in response.content.decode()
    assert not SiteIdentity.objects.exclude(logo="").exists()


def test_the_logo_is_a_singleton_like_the_media_card(client):
    staff = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(staff)
    assert_one_row_in_the_admin(client, SiteIdentity.load(), "/admin/identity/siteidentity/")
    SiteIdentity().save()  # saving another row edits the one logo
    assert SiteIdentity.objects.count() == 1


def test_donate_url_must_be_a_web_address():
    _, errors = django_in_subprocess(
        "print('STARTED yes')", DONATE_URL="javascript:alert(1)", DEBUG="1"
    )
    assert "DONATE_URL must be a full https:// address" in errors
    lines, errors = django_in_subprocess(
        "from django.conf import settings; print('DONATE', settings.DONATE_URL)",
        DONATE_URL="https://give.example.org/",
        DEBUG="1",
    )
    assert lines.get("DONATE") == "https://give.example.org/", errors
