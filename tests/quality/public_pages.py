"""The public pages, for the checks that visit every one of them."""

from stories.models import Story

FIXED_PAGES = [
    "/",
    "/stories/",
    "/stories/?q=matraca",
    "/media-contact/",
    "/fundraise/",
    "/fundraise/guide/",
    "/fundraise/thanks/",
    "/media-contact/thanks/",
    "/privacy/",
]


def public_pages() -> list[str]:
    """Every public page of the demo site: the fixed ones and each visible story."""
    stories = [story.get_absolute_url() for story in Story.objects.visible().order_by("pk")]
    return FIXED_PAGES + stories
