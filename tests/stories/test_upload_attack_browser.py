"""The caption attack, step by step as it was reproduced: an Editor uploads a
'caption' that is JavaScript, then one that is an HTML page loading it, and a
superuser opens that file in a real Chromium. The Editor must stay an Editor."""

import contextlib
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from config.roles import sync_groups
from stories.models import Clip
from tests.stories.factories import MP4_HEAD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "pw-for-the-superuser"

# Valid JavaScript that also starts with WEBVTT: it fetches the Editor's user
# form with the superuser's session and posts it back with superuser ticked.
ESCALATE = (
    "WEBVTT=1;(async()=>{{const u='/admin/auth/user/{pk}/change/';"
    "const d=new DOMParser().parseFromString(await (await fetch(u)).text(),'text/html');"
    "const b=new FormData(d.querySelector('#user_form'));"
    "b.set('is_superuser','on');b.set('is_staff','on');b.set('is_active','on');"
    "await fetch(u,{{method:'POST',body:b}});}})()"
)


@pytest.fixture
def editor():
    sync_groups(Group, Permission)
    user = get_user_model().objects.create_user(
        "mallory", "mallory@example.org", "pw-for-the-editor", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def upload_captions(client, name, data) -> str:
    """The stored captions' address, or "" when the upload was refused."""
    before = set(Clip.objects.values_list("pk", flat=True))
    client.post(
        "/admin/stories/clip/add/",
        {
            "title_en": "Harmless looking clip",
            "video_file": SimpleUploadedFile("clip.mp4", MP4_HEAD),
            "captions_en": SimpleUploadedFile(name, data, content_type="text/vtt"),
        },
    )
    new = Clip.objects.exclude(pk__in=before).first()
    return new.captions.url if new else ""


def sign_in_as_superuser(page, live_server):
    get_user_model().objects.create_superuser("boss", "boss@example.org", PASSWORD)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")


def open_in_browser(page, url):
    """Open a media address as the superuser would, and wait until the page and
    anything it started (the attack's two requests) has finished."""
    try:
        page.goto(url)
    except Exception as error:  # a file the browser downloads instead of showing
        assert "Download is starting" in str(error), error
        return
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # networkidle marks the end of what the page started; a page still busy
    # after the timeout (the attack, on the old code) has had its chance.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_load_state("networkidle")


def assert_still_an_editor(user):
    user.refresh_from_db()
    assert not user.is_superuser, "the Editor made themselves a superuser"
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]


def test_the_two_step_caption_attack_leaves_the_editor_an_editor(page, live_server, editor):
    attacker = Client()
    attacker.force_login(editor)
    script_url = upload_captions(attacker, "x.js", ESCALATE.format(pk=editor.pk).encode())
    # Refused, or stored as harmless captions; either way never as script.
    assert not script_url.endswith(".js")
    target = script_url or "/media/stories/clips/0123456789abcdef0123456789abcdef.js"
    page_url = upload_captions(
        attacker, "review.html", f"WEBVTT\n<script src={target}></script>\n".encode()
    )
    assert not page_url.endswith(".html")

    sign_in_as_superuser(page, live_server)
    for url in filter(None, [page_url, script_url]):
        open_in_browser(page, live_server.url + url)
    assert_still_an_editor(editor)


def test_files_stored_before_the_fix_are_renamed_and_opened_harmlessly(
    page, live_server, editor, settings
):
    """The same pair as the old code stored them (client extensions), then the
    migration that renames them; the superuser opens the page's old and new address."""
    import importlib

    from django.apps import apps

    clips = settings.MEDIA_ROOT / "stories" / "clips"
    clips.mkdir(parents=True)
    script = "stories/clips/" + "a" * 32 + ".js"
    html = "stories/clips/" + "b" * 32 + ".html"
    (settings.MEDIA_ROOT / script).write_text(ESCALATE.format(pk=editor.pk))
    (settings.MEDIA_ROOT / html).write_text(f"WEBVTT\n<script src=/media/{script}></script>\n")
    for captions in (script, html):
        (settings.MEDIA_ROOT / f"{captions}.mp4").write_bytes(MP4_HEAD)
        Clip.objects.create(title="Old clip", video_file=f"{captions}.mp4", captions=captions)

    migration = importlib.import_module("stories.migrations.0005_media_names_from_content")
    migration.rename_client_named_media(apps, None)

    renamed = sorted(Clip.objects.values_list("captions", flat=True))
    assert all(re.fullmatch(r"stories/clips/[0-9a-f]{32}\.vtt", name) for name in renamed)
    assert not (settings.MEDIA_ROOT / script).exists()
    assert not (settings.MEDIA_ROOT / html).exists()

    sign_in_as_superuser(page, live_server)
    for url in [f"/media/{html}", f"/media/{script}", *(f"/media/{name}" for name in renamed)]:
        open_in_browser(page, live_server.url + url)
    assert_still_an_editor(editor)
