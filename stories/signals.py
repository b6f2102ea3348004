"""Model signals of the stories app, handed to the task layer.

Any save or delete (and any change of a many-to-many) announces the pages it
touches; a new upload queues its renditions. The models themselves know
nothing of caches or workers.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from stories import caching, tasks
from stories.models import StoryDraft, StoryImage


def announce(sender, instance, **kwargs) -> None:
    tasks.announce_change(caching.keys_for(instance))


def queue_renditions(sender, instance, **kwargs) -> None:
    if instance.file and not instance.renditions:
        transaction.on_commit(lambda: tasks.make_image_renditions.enqueue(instance.pk))


def queue_draft_swap(sender, instance, created=False, update_fields=None, **kwargs) -> None:
    # update_or_create() names the fields it changed: an autosave of a scheduled
    # draft leaves go_live_at alone and queues nothing new.
    if instance.go_live_at and (created or update_fields is None or "go_live_at" in update_fields):
        tasks.schedule_swap(instance.story_id, instance.go_live_at)


def connect() -> None:
    for model in apps.get_app_config("stories").get_models():
        if not getattr(model, "shown_on_pages", True):
            continue  # drafts, versions, reviews: visitors see none of it
        post_save.connect(announce, sender=model, dispatch_uid=f"pages-{model}")
        # Before a delete too: by post_delete, the rows pointing at it have
        # been set to null, and it names no page they were on.
        pre_delete.connect(announce, sender=model, dispatch_uid=f"pages-pd-{model}")
        post_delete.connect(announce, sender=model, dispatch_uid=f"pages-d-{model}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                announce,
                sender=field.remote_field.through,
                dispatch_uid=f"pages-m2m-{model}-{field.name}",
            )
    post_save.connect(queue_renditions, sender=StoryImage, dispatch_uid="stories-renditions")
    post_save.connect(queue_draft_swap, sender=StoryDraft, dispatch_uid="stories-draft-swap")
