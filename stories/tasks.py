"""Background work for stories: renditions after an upload, scheduled drafts going live."""

from __future__ import annotations

from django_tasks import task


@task()
def make_image_renditions(image_id: int) -> int:
    """Make the WebP and JPEG/PNG renditions of one image; returns how many were written."""
    from stories.models import StoryImage

    image = StoryImage.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return 0  # deleted before the worker got to it
    if image.renditions:
        return len(image.renditions)  # already made (load_demo makes them inline)
    image.make_renditions()
    return len(image.renditions)


@task()
def publish_due_draft(story_id: int) -> bool:
    """Put a live story's scheduled draft live; enqueued to run at the scheduled time."""
    from stories.workflow import publish_scheduled_draft

    return publish_scheduled_draft(story_id)
