"""Images uploaded before the card and hero crops existed (or whose worker died
mid-cut) get them: from the next db_worker to start, or from
``manage.py make_missing_crops``, cut around each image's own focal point."""

from __future__ import annotations

import io
import secrets
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from PIL import Image, ImageDraw

from stories import renditions as rendition_tools
from stories.models import StoryImage
from stories.tasks import delete_old_renditions, make_image_renditions, queue_missing_crops
from tests.conftest import wait_for_idle_workers

WHOLE_PICTURE = {None, "share"}


def png(size=(1000, 1000), mark=(450, 860, 550, 940)) -> bytes:
    """White with a red block (by default low down, where a centred crop misses it)."""
    picture = Image.new("RGB", size, "white")
    ImageDraw.Draw(picture).rectangle(mark, fill="red")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def image_from_before_the_crops(**fields) -> StoryImage:
    """An image as the site held it before card/hero crops: resized renditions
    and the share crop only. Created with those renditions, so no upload task is queued."""
    name = default_storage.save("stories/images/old.png", ContentFile(png()))
    directory = f"stories/renditions/{secrets.token_hex(16)}"
    focal = (fields.get("focal_x", 0.5), fields.get("focal_y", 0.5))
    made = rendition_tools.make_renditions(name, directory, focal)
    return StoryImage.objects.create(
        file=name,
        alt_text="A red block",
        width=1000,
        height=1000,
        renditions=[r for r in made if r.get("crop") in WHOLE_PICTURE],
        **fields,
    )


def crops_of(image: StoryImage) -> dict[str, list[dict]]:
    image.refresh_from_db()
    crops: dict[str, list[dict]] = {}
    for rendition in image.renditions:
        if rendition.get("crop") in {"card", "hero"}:
            crops.setdefault(rendition["crop"], []).append(rendition)
    return crops


def shows_the_red_block(rendition: dict) -> bool:
    with default_storage.open(rendition["name"]) as handle, Image.open(handle) as picture:
        rgb = picture.convert("RGB")
        column = [rgb.getpixel((rgb.width // 2, y)) for y in range(rgb.height)]
    return any(red > 200 and green < 80 for red, green, _ in column)


def assert_cut_around_the_block(image: StoryImage) -> None:
    crops = crops_of(image)
    assert set(crops) == {"card", "hero"}
    for crop, ratio in (("card", 16 / 9), ("hero", 3 / 2)):
        for rendition in crops[crop]:
            assert default_storage.exists(rendition["name"])
            assert abs(rendition["width"] / rendition["height"] - ratio) < 0.01
        assert shows_the_red_block(crops[crop][-1]), crop


@pytest.mark.django_db
def test_missing_crops_lists_the_images_without_card_or_hero_crops(immediate_tasks):
    old = image_from_before_the_crops(focal_y=0.9)
    half = image_from_before_the_crops()
    with_card = list(half.renditions) + [
        {**r, "crop": "card"} for r in half.renditions if r.get("crop") is None
    ]
    StoryImage.objects.filter(pk=half.pk).update(renditions=with_card)
    complete = image_from_before_the_crops()
    complete.make_renditions()

    assert set(StoryImage.objects.missing_crops()) == {old, half}


@pytest.mark.django_db
def test_the_command_cuts_each_missing_crop_around_the_focal_point(immediate_tasks):
    old = image_from_before_the_crops(focal_y=0.9)
    untouched = image_from_before_the_crops()
    untouched.make_renditions()
    before = untouched.renditions

    out = io.StringIO()
    call_command("make_missing_crops", stdout=out)
    assert f"image {old.pk}: crops made" in out.getvalue()
    assert "1 image(s) given their crops, 0 failed" in out.getvalue()
    assert_cut_around_the_block(old)
    untouched.refresh_from_db()
    assert untouched.renditions == before  # complete images are left alone
    assert not StoryImage.objects.missing_crops().exists()

    again = io.StringIO()
    call_command("make_missing_crops", stdout=again)
    assert "0 image(s) given their crops, 0 failed" in again.getvalue()


@pytest.mark.django_db
def test_an_unreadable_file_is_named_and_the_others_still_get_their_crops(immediate_tasks):
    broken = image_from_before_the_crops()
    with default_storage.open(broken.file.name, "wb") as handle:
        handle.write(b"not a picture any more")
    fine = image_from_before_the_crops(focal_y=0.9)

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=rf"Could not cut image\(s\) {broken.pk}: re-upload"):
        call_command("make_missing_crops", stdout=out, stderr=err)
    assert f"image {broken.pk}:" in err.getvalue()
    assert_cut_around_the_block(fine)
    assert list(StoryImage.objects.missing_crops()) == [broken]


@pytest.mark.django_db
def test_queueing_twice_queues_each_image_once(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    first = image_from_before_the_crops()
    second = image_from_before_the_crops()
    assert queue_missing_crops() == 2
    assert queue_missing_crops() == 0  # a second worker starting adds nothing
    queued = DBTaskResult.objects.filter(task_path=make_image_renditions.module_path)
    assert sorted(queued.values_list("args_kwargs__args__0", flat=True)) == sorted(
        [first.pk, second.pk]
    )


def test_a_worker_starting_gives_old_images_their_crops(db_worker, settings):
    old = [image_from_before_the_crops(focal_y=0.9) for _ in range(2)]
    assert StoryImage.objects.missing_crops().count() == 2
    assert not DBTaskResult.objects.filter(task_path=make_image_renditions.module_path).exists()

    db_worker(env={"MEDIA_ROOT": str(settings.MEDIA_ROOT)})
    tasks = DBTaskResult.objects.filter(task_path=make_image_renditions.module_path)
    deadline = time.monotonic() + 60
    while tasks.count() < 2 and time.monotonic() < deadline:  # the worker-start hook
        time.sleep(0.05)
    wait_for_idle_workers(60)
    assert tasks.count() == 2
    assert set(tasks.values_list("status", flat=True)) == {"SUCCESSFUL"}
    for image in old:
        assert_cut_around_the_block(image)
    assert not StoryImage.objects.missing_crops().exists()


@pytest.mark.django_db
def test_remade_crops_get_new_addresses_and_the_old_files_go_later(
    settings, django_capture_on_commit_callbacks
):
    """Media are served ``immutable``: a crop remade in place would stay old in
    every cache. The new ones get a new directory; the old one is deleted by a
    task deferred past the life of any cached page naming it."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    image = image_from_before_the_crops(focal_y=0.9)
    old_names = [r["name"] for r in image.renditions]
    old_directory = old_names[0].rsplit("/", 1)[0]
    image.rendition_token = old_directory.rsplit("/", 1)[-1]
    image.save()

    with django_capture_on_commit_callbacks(execute=True):
        make_image_renditions.call(image.pk)
    image.refresh_from_db()
    assert not {r["name"] for r in image.renditions} & set(old_names)
    deletion = DBTaskResult.objects.get(task_path=delete_old_renditions.module_path)
    assert deletion.args_kwargs["args"] == [old_directory]
    assert (deletion.run_after - timezone.now()).total_seconds() > 60 * 60
    assert all(default_storage.exists(name) for name in old_names)  # not yet

    assert delete_old_renditions.call(old_directory) >= len(old_names)
    assert default_storage.listdir(old_directory) == ([], [])
    assert all(default_storage.exists(r["name"]) for r in image.renditions)
    current = f"stories/renditions/{image.rendition_token}"
    assert delete_old_renditions.call(current) == 0  # never the files in use
    assert delete_old_renditions.call("stories/images/../..") == 0
