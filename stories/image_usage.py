"""Where an image is used: as a story's hero, a collection's hero, or the
poster of a clip (and so on every story showing that clip). An image in use
may not be deleted, so no live page silently loses its picture."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse

from stories.models import Clip, Collection, Story, StoryImage


@dataclass(frozen=True)
class Use:
    kind: str  # "story", "collection", "clip"
    label: str
    how: str  # "hero image", "poster of the clip “…”"
    admin_url: str


def uses_of(image: StoryImage) -> list[Use]:
    """Every place ``image`` appears, stories first (three queries)."""
    clips = list(Clip.objects.filter(poster=image).only("pk", "title"))
    clip_titles = {clip.pk: clip.title for clip in clips}
    stories = (
        Story.objects.filter(Q(hero_image=image) | Q(clip__in=list(clip_titles)))
        .only("pk", "headline", "hero_image_id", "clip_id")
        .order_by("headline")
    )
    uses = [
        Use(
            "story",
            story.headline,
            "hero image"
            if story.hero_image_id == image.pk
            else f"poster of the clip “{clip_titles[story.clip_id]}”",
            reverse("admin:stories_story_change", args=[story.pk]),
        )
        for story in stories
    ]
    uses += [
        Use(
            "collection",
            collection.title,
            "hero image",
            reverse("admin:stories_collection_change", args=[collection.pk]),
        )
        for collection in Collection.objects.filter(hero_image=image).only("pk", "title")
    ]
    uses += [
        Use("clip", clip.title, "poster", reverse("admin:stories_clip_change", args=[clip.pk]))
        for clip in clips
    ]
    return uses
