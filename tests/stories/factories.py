import datetime
import io

import factory
from django.utils import timezone
from PIL import Image

from stories.models import (
    Collection,
    CollectionItem,
    Country,
    ImpactFigure,
    Story,
    StoryImage,
    Theme,
)
from stories.renditions import CROPS

# The first bytes of an MP4 file: enough for the upload checks to call it video.
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


def jpeg_bytes(size=(1600, 900), colour="orange", **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", **save_options)
    return buffer.getvalue()


class NamedFactory(factory.django.DjangoModelFactory):
    """A row known by its name and slug (a country, a theme): the same name twice is one row."""

    class Meta:
        abstract = True
        django_get_or_create = ["slug"]

    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class CountryFactory(NamedFactory):
    class Meta:
        model = Country

    name = factory.Sequence(lambda n: f"Country {n}")


class ThemeFactory(NamedFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Theme {n}")


class StoredImageFactory(factory.django.DjangoModelFactory):
    """An image row pointing at already-processed files: fast, for page tests."""

    class Meta:
        model = StoryImage

    file = factory.Sequence(lambda n: f"stories/images/test-{n}.jpg")
    alt_text = factory.Sequence(lambda n: f"Abstract test illustration number {n}")
    width = 1600
    height = 900
    renditions = factory.LazyAttribute(
        lambda o: (
            [
                {
                    "width": w,
                    "height": w * 9 // 16,
                    "format": f,
                    "name": f"r/{o.file}-{w}.{e}",
                    "bytes": 1,
                }
                for w in (400, 800, 1200)
                for f, e in (("WEBP", "webp"), ("JPEG", "jpg"))
            ]
            # The card and hero crops the worker cuts beside them.
            + [
                {
                    "width": w,
                    "height": round(w * ratio[1] / ratio[0]),
                    "format": f,
                    "name": f"r/{o.file}-{crop}-{w}.{e}",
                    "bytes": 1,
                    "crop": crop,
                }
                for crop, (ratio, widths) in CROPS.items()
                for w in widths
                for f, e in (("WEBP", "webp"), ("JPEG", "jpg"))
            ]
        )
    )


class StoryFactory(factory.django.DjangoModelFactory):
    """A story visitors can see: published in the past, identifying nobody."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"A story of hope number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    summary = "Something good happened, and this is how."
    body = "<p>A longer account of what happened.</p>"
    state = Story.State.PUBLISHED
    publish_at = factory.Sequence(lambda n: timezone.now() - datetime.timedelta(days=1, minutes=n))
    identifies_nobody = True
    country = factory.SubFactory(CountryFactory)
    hero_image = factory.SubFactory(StoredImageFactory)

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create:
            self.themes.set(extracted if extracted is not None else [ThemeFactory()])

    @factory.post_generation
    def figures(self, create, extracted, **kwargs):
        if create:
            for position, (number, label) in enumerate(extracted or [(12, "made safe")]):
                ImpactFigure.objects.create(
                    story=self, number=number, label=label, position=position
                )


def translated_story(**fields):
    """A published story with its French version: "A garden grows" at
    /stories/a-garden-grows/, "Un jardin pousse" at /fr/histoires/un-jardin-pousse/."""
    return StoryFactory(
        headline="A garden grows",
        slug="a-garden-grows",
        headline_fr="Un jardin pousse",
        slug_fr="un-jardin-pousse",
        summary_fr="Quelque chose de beau est arrivé.",
        body_fr="<p>Le récit de ce qui est arrivé.</p>",
        **fields,
    )


def consent_ending_in(days: int) -> dict:
    """A story's fields when it names someone, with consent for the web obtained
    400 days ago that ends ``days`` from today (ended that long ago, when negative)."""
    today = timezone.localdate()
    return {
        "identifies_nobody": False,
        "consent_obtained_on": today - datetime.timedelta(days=400),
        "consent_scope": "Web",
        "consent_expires_on": today + datetime.timedelta(days=days),
    }


def home_with(stories):
    collection, _ = Collection.objects.get_or_create(
        slug="home", defaults={"title": "Stories of Hope", "subtitle": "Moments of joy"}
    )
    for position, story in enumerate(stories):
        CollectionItem.objects.create(collection=collection, story=story, position=position)
    return collection
