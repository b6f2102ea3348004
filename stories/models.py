"""Stories, their images and clips, the home collection and "What you can do".

The one rule for what a visitor may see is :meth:`StoryQuerySet.visible`;
every page, the feed, the sitemap and search go through it.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, F, Func, OuterRef, Q, TextField, Value
from django.urls import get_resolver, reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django_prose_editor.fields import ProseEditorField
from simple_history.models import HistoricalRecords

from config.uploads import CheckedFileField, RandomUploadTo
from stories import renditions as rendition_tools
from stories import story_body
from stories.sanitising import sanitise_story_html
from stories.validators import (
    check_captions,
    check_image,
    check_video,
    parse_video_link,
    validate_video_link,
)

MAX_SEARCH_LENGTH = 200
# The content languages (settings.LANGUAGES) and the PostgreSQL text-search
# configuration each one's stored vector and queries use (docs/languages.md).
LANGUAGE_CODES = ("en", "fr")
SEARCH_CONFIGS = {"en": "english", "fr": "french"}
# visible(language=ANY_LANGUAGE): live in English or French, e.g. the admin's "Live".
ANY_LANGUAGE = "any"


def content_language(code: str | None = None) -> str:
    """``code`` (or the active language) as one of LANGUAGE_CODES: "fr-ca" is
    French, anything unknown is English."""
    code = (code or translation.get_language() or "en").lower().split("-")[0]
    return code if code in LANGUAGE_CODES else "en"


def unaccented(expression) -> Func:
    """PostgreSQL's ``unaccent()``: "école" and "ecole" are one word to search."""
    return Func(expression, function="unaccent", output_field=TextField())


def normalise_search(raw: str) -> str:
    """One form for what a visitor typed: "Hope ", "hope" and "HOPE" are one search.

    PostgreSQL refuses NUL bytes in text, and a pasted essay is not a search.
    """
    return " ".join(raw.replace("\x00", "").split()).lower()[:MAX_SEARCH_LENGTH]


class Country(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name


class Theme(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class StoryImageQuerySet(models.QuerySet):
    def missing_crops(self):
        """Images with a file whose renditions lack a fixed-shape crop (card or
        hero): uploaded before the crops existed, or whose worker died
        before it had cut them. ``manage.py make_missing_crops`` and every
        ``db_worker`` start hand these to ``make_image_renditions``."""
        lacking = Q()
        for crop in CROP_NAMES:
            lacking |= ~Q(renditions__contains=[{"crop": crop}])
        return self.exclude(file="").filter(lacking)


# The fixed-shape crops every image's renditions must include (stories/renditions.py);
# the share crop is older than these, so every image with renditions has it.
CROP_NAMES = tuple(rendition_tools.CROPS)


class StoryImage(models.Model):
    """An uploaded picture, stored stripped of metadata, with its renditions."""

    file = CheckedFileField(
        upload_to=RandomUploadTo("stories/images"),
        max_length=255,
        upload_check=check_image,
        help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels. Camera data and "
        "location are removed when you save.",
    )
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the picture shows, for people who cannot see it. Required unless "
        "the image is decorative.",
    )
    decorative = models.BooleanField(
        default=False,
        help_text="Tick only if the picture adds nothing a reader would miss; it is then "
        "hidden from screen readers.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=150, blank=True)
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    renditions = models.JSONField(default=list, blank=True, editable=False)
    # The renditions' directory: random, so the files of a story that is
    # hidden again (draft, consent withdrawn) can't be found by counting.
    rendition_token = models.CharField(max_length=32, blank=True, editable=False)
    # What every crop keeps in view: 0 is the left (top) edge, 1 the right (bottom).
    focal_x = models.FloatField(
        default=0.5, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    focal_y = models.FloatField(
        default=0.5, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StoryImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decorative=True) | ~Q(alt_text=""),
                name="storyimage_alt_text_unless_decorative",
            )
        ]

    def __str__(self):
        return self.alt_text or self.caption or f"Image {self.pk or '(new)'}"

    def save(self, *args, **kwargs):
        new_upload = bool(self.file) and not getattr(self.file, "_committed", True)
        if new_upload:
            # Strip metadata before the original ever reaches storage.
            cleaned, self.width, self.height = rendition_tools.clean_image(self.file)
            self.file.save("image", cleaned, save=False)  # named by its checked type
            self.renditions = []
        elif self.pk and self.renditions and self._focal_point_moved():
            self.renditions = []  # the worker cuts them again around the new point
        super().save(*args, **kwargs)

    def _focal_point_moved(self) -> bool:
        saved = StoryImage.objects.filter(pk=self.pk).values_list("focal_x", "focal_y").first()
        return saved is not None and saved != (self.focal_x, self.focal_y)

    def clean(self):
        # One language's description is enough: the other falls back to it.
        if not self.decorative and not (self.alt_text_en or self.alt_text_fr or "").strip():
            raise ValidationError(
                {"alt_text_en": "Describe the picture, or tick “decorative” if it adds nothing."}
            )

    @property
    def has_every_crop(self) -> bool:
        made = {r.get("crop") for r in self.renditions}
        return all(crop in made for crop in CROP_NAMES)

    def make_renditions(self) -> str:
        """Cut every rendition into a new directory and record them; returns the
        previous directory ("" if none), whose files the caller may delete.

        New each time, never overwritten in place: media are served
        ``immutable`` for a year, so a crop remade at the same address would
        stay old in every browser and CDN that has seen it."""
        previous = self.rendition_token
        self.rendition_token = secrets.token_hex(16)
        self.renditions = rendition_tools.make_renditions(
            self.file.name,
            f"stories/renditions/{self.rendition_token}",
            (self.focal_x, self.focal_y),
        )
        StoryImage.objects.filter(pk=self.pk).update(
            renditions=self.renditions, rendition_token=self.rendition_token
        )
        return f"stories/renditions/{previous}" if previous else ""

    # ---- for templates

    def _url(self, name: str) -> str:
        # The storage knows where its files are served from (MEDIA_URL locally,
        # a bucket or CDN address with MEDIA_STORAGE); never build it by hand.
        return self.file.storage.url(name)

    @property
    def focal_class(self) -> str:
        """Classes placing the focal point for CSS object-fit while crops are pending
        (CSP allows no style attributes): the nearest tenth across and down."""
        return f"focal-x{round(self.focal_x * 10)} focal-y{round(self.focal_y * 10)}"

    @property
    def card(self) -> ImageCrop:
        return ImageCrop(self, "card")

    @property
    def hero(self) -> ImageCrop:
        return ImageCrop(self, "hero")

    @property
    def _resized(self):
        """The renditions that keep the picture's shape (not the share crop)."""
        return [r for r in self.renditions if not r.get("crop")]

    def _sources(self, image_format):
        return [r for r in self._resized if r["format"] == image_format]

    @property
    def webp_srcset(self):
        return ", ".join(f"{self._url(r['name'])} {r['width']}w" for r in self._sources("WEBP"))

    @property
    def fallback_renditions(self):
        return [r for r in self._resized if r["format"] != "WEBP"]

    @property
    def share_rendition(self) -> dict | None:
        """The 1200×630 crop for link previews, once the worker has made it."""
        return next((r for r in self.renditions if r.get("crop") == "share"), None)

    @property
    def share_absolute_url(self):
        """og:image: the share crop, else the largest rendition, as an absolute URL."""
        share = self.share_rendition
        url = self._url(share["name"]) if share else self.largest_url
        return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url

    @property
    def fallback_srcset(self):
        return ", ".join(f"{self._url(r['name'])} {r['width']}w" for r in self.fallback_renditions)

    @property
    def fallback_type(self):
        formats = {r["format"] for r in self.fallback_renditions}
        return "image/png" if "PNG" in formats else "image/jpeg"

    @property
    def default_url(self):
        """The mid-sized fallback rendition (or the original before renditions exist)."""
        fallbacks = self.fallback_renditions
        if not fallbacks:
            return self.file.url
        chosen = next((r for r in fallbacks if r["width"] >= 800), fallbacks[-1])
        return self._url(chosen["name"])

    @property
    def largest_url(self):
        fallbacks = self.fallback_renditions
        return self._url(fallbacks[-1]["name"]) if fallbacks else self.file.url

    @property
    def largest_width(self):
        fallbacks = self.fallback_renditions
        return fallbacks[-1]["width"] if fallbacks else self.width

    @property
    def absolute_url(self):
        """The largest fallback rendition as an absolute URL, for og:image and feeds."""
        url = self.largest_url
        return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


class ImageCrop:
    """One fixed-shape crop of an image, with what picture.html reads off an image.

    Before the worker has cut it, the original is shown with the crop's width and
    height, and CSS (aspect-ratio, object-fit, the focal classes) shapes it.
    """

    def __init__(self, image: StoryImage, crop: str):
        self.image, self.crop = image, crop
        self.ratio = rendition_tools.CROPS[crop][0]
        self.renditions = [r for r in image.renditions if r.get("crop") == crop]
        self.decorative, self.alt_text = image.decorative, image.alt_text
        self.focal_class = f"crop-{crop} {image.focal_class}"

    def _srcset(self, formats) -> str:
        return ", ".join(
            f"{self.image._url(r['name'])} {r['width']}w"
            for r in self.renditions
            if r["format"] in formats
        )

    @property
    def webp_srcset(self):
        return self._srcset({"WEBP"})

    @property
    def fallback_srcset(self):
        return self._srcset({"JPEG", "PNG"})

    @property
    def fallback_type(self):
        return "image/png" if any(r["format"] == "PNG" for r in self.renditions) else "image/jpeg"

    @property
    def _largest(self) -> dict | None:
        fallbacks = [r for r in self.renditions if r["format"] != "WEBP"]
        return next(
            (r for r in fallbacks if r["width"] >= 800), fallbacks[-1] if fallbacks else None
        )

    @property
    def default_url(self):
        chosen = self._largest
        return self.image._url(chosen["name"]) if chosen else self.image.file.url

    @property
    def width(self):
        chosen = self._largest
        return chosen["width"] if chosen else self.image.width

    @property
    def height(self):
        chosen = self._largest
        if chosen:
            return chosen["height"]
        return self.image.width * self.ratio[1] // self.ratio[0] if self.image.width else 0


class Clip(models.Model):
    """A short video: an uploaded file, or a YouTube/Vimeo link played on click."""

    title = models.CharField(
        max_length=200, help_text="Names the video for screen readers and the play button."
    )
    video_file = CheckedFileField(
        upload_to=RandomUploadTo("stories/clips"),
        blank=True,
        max_length=255,
        upload_check=check_video,
        help_text="MP4 or WebM, at most 200 MB. Leave empty when using a link.",
    )
    captions = CheckedFileField(
        upload_to=RandomUploadTo("stories/clips"),
        blank=True,
        max_length=255,
        upload_check=check_captions,
        help_text="WebVTT captions (.vtt) for an uploaded video: cues with timing lines, "
        "and no markup beyond WebVTT's own cue tags (italic, bold, voice …).",
    )
    external_url = models.URLField(
        "YouTube or Vimeo link",
        blank=True,
        validators=[validate_video_link],
        help_text="Shown as a poster; the privacy-enhanced player loads only when a "
        "visitor presses play.",
    )
    poster = models.ForeignKey(
        StoryImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The still shown before the video plays.",
    )
    transcript = models.TextField(blank=True, help_text="Optional text version of the clip.")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(video_file="") & ~Q(external_url=""))
                | (~Q(video_file="") & Q(external_url="")),
                name="clip_has_exactly_one_source",
            )
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if bool(self.video_file) == bool(self.external_url):
            raise ValidationError("Upload a video file or enter a YouTube/Vimeo link (not both).")

    @property
    def provider(self):
        return parse_video_link(self.external_url)[0] if self.external_url else "file"

    @property
    def embed_url(self):
        provider, video_id = parse_video_link(self.external_url)
        if provider == "youtube":
            return f"https://www.youtube-nocookie.com/embed/{video_id}?autoplay=1&rel=0"
        return f"https://player.vimeo.com/video/{video_id}?dnt=1&autoplay=1"

    @property
    def provider_name(self):
        return {"youtube": "YouTube", "vimeo": "Vimeo"}.get(self.provider, "")

    def caption_tracks(self) -> list[dict]:
        """The ``<track>`` elements for an uploaded video: the page language's
        captions first and shown by default, then the other language's if
        there are any (each named in its own language); when only the other
        language has captions, those are shown by default instead."""
        page = translation.get_language() or settings.LANGUAGE_CODE
        page = page.split("-")[0]
        codes = [page] + [code for code, _name in settings.LANGUAGES if code != page]
        names = dict(settings.LANGUAGES)
        tracks = []
        for code in codes:
            captions = getattr(self, f"captions_{code}", None)
            if captions:
                tracks.append(
                    {"url": captions.url, "srclang": code, "label": names[code], "default": False}
                )
        if tracks:
            tracks[0]["default"] = True
        return tracks

    @property
    def video_type(self):
        return "video/webm" if self.video_file.name.lower().endswith(".webm") else "video/mp4"


def slugs_taken_by_routes(language: str | None = None) -> set[str]:
    """The words after /stories/ (or /fr/histoires/ for ``language="fr"``) that
    belong to other pages (the feed, the previews), read from the URL
    configuration: a story can't have them as slugs in that language."""
    taken = set()
    with translation.override(language or settings.LANGUAGE_CODE):
        start = reverse("stories:list").removeprefix("/")

        def walk(patterns, prefix):
            for pattern in patterns:
                route = prefix + str(pattern.pattern)
                if hasattr(pattern, "url_patterns"):
                    walk(pattern.url_patterns, route)
                elif route.startswith(start):
                    word = route.removeprefix(start).split("/")[0]
                    if word and "<" not in word:
                        taken.add(word)

        walk(get_resolver().url_patterns, "")
    return taken


class StoryQuerySet(models.QuerySet):
    def _live(self):
        """Stories an editor has released: published, or scheduled for a time."""
        return self.filter(state__in=[Story.State.PUBLISHED, Story.State.SCHEDULED])

    def visible(self, now: datetime.datetime | None = None, language: str | None = None):
        """Stories a visitor may see now: the single rule for every public page.

        Published (or scheduled and its time has come), not past its expiry,
        and either consent is recorded and unexpired, or the story identifies nobody;
        and written in the page's language (the active one unless ``language``
        names another; ``ANY_LANGUAGE`` for either). Consent is one record for
        the story, whatever the language.
        """
        now = now or timezone.now()
        shown = (
            self.with_valid_consent(now)
            ._live()
            .filter(
                Q(publish_at__lte=now),
                Q(expire_at__isnull=True) | Q(expire_at__gt=now),
            )
        )
        return shown if language == ANY_LANGUAGE else shown.in_language(language)

    def in_language(self, code: str | None = None):
        """Stories that exist in ``code`` (the active language if None): a
        headline and an address in that language (``Story.has_language``)."""
        code = content_language(code)
        return self.filter(
            ~Q(**{f"headline_{code}": ""}),
            **{f"headline_{code}__isnull": False, f"slug_{code}__isnull": False},
        ).exclude(**{f"slug_{code}": ""})

    def with_valid_consent(self, now: datetime.datetime | None = None):
        """Stories that identify nobody, or whose consent is recorded and unexpired,
        and whose consent was not withdrawn: the only ones a visitor's page or a
        shared preview link may show."""
        today = timezone.localdate(now or timezone.now())
        return self.filter(self.consent_holds(today), consent_withdrawn_at__isnull=True)

    @staticmethod
    def consent_holds(today: datetime.date) -> Q:
        """The story identifies nobody, or consent is recorded (date and scope)
        and has not expired by ``today``. The publishing check applies the
        same condition to an unsaved story (``Story.publishing_problems``)."""
        return Q(identifies_nobody=True) | (
            Q(consent_obtained_on__isnull=False)
            & Q(consent_scope__regex=r"\S")
            & (Q(consent_expires_on__isnull=True) | Q(consent_expires_on__gt=today))
        )

    def next_transition(self, now: datetime.datetime | None = None) -> float:
        """Unix time of the next moment a story appears or disappears by the
        clock alone (its publish time, its expiry, its consent's last day
        ending); infinity when none is coming."""
        now = now or timezone.now()
        found = self._live().aggregate(
            publish=models.Min("publish_at", filter=Q(publish_at__gt=now)),
            expire=models.Min("expire_at", filter=Q(expire_at__gt=now)),
            consent=models.Min(
                "consent_expires_on", filter=Q(consent_expires_on__gt=timezone.localdate(now))
            ),
        )
        moments = [found["publish"], found["expire"]]
        if found["consent"]:
            # Consent that ends on a date hides the story from the start of that date.
            midnight = datetime.datetime.combine(found["consent"], datetime.time.min)
            moments.append(timezone.make_aware(midnight))
        return min((m.timestamp() for m in moments if m is not None), default=float("inf"))

    def changing_at(self, moment: datetime.datetime):
        """The stories that appear or disappear at ``moment`` (a ``next_transition``)."""
        local = timezone.localtime(moment)
        at_midnight = local.time() == datetime.time.min
        consent_ends = Q(consent_expires_on=local.date()) if at_midnight else Q(pk__in=[])
        return self._live().filter(Q(publish_at=moment) | Q(expire_at=moment) | consent_ends)

    def sharing_a_theme_or_country(self, theme_ids, country_id):
        """Stories related to one with ``theme_ids`` (ids or a subquery) and
        ``country_id``: each shows the other among its related-story cards."""
        shares_theme = Q(
            pk__in=self.model.themes.through.objects.filter(theme_id__in=theme_ids).values(
                "story_id"
            )
        )
        same_country = Q(country_id=country_id) if country_id else Q(pk__in=[])
        return self.filter(shares_theme | same_country)

    def related_to(self, story, count: int = 3) -> tuple[list, bool]:
        """The cards shown under ``story``: up to ``count`` of these stories
        sharing a theme or its country, newest first. When none does, the
        newest of them, and True: the page then changes whenever the list's
        newest stories do (``without_relatives`` finds those pages)."""
        theme_ids = [theme.pk for theme in story.themes.all()]
        candidates = self.exclude(pk=story.pk).for_cards().order_by("-publish_at")
        related = list(candidates.sharing_a_theme_or_country(theme_ids, story.country_id)[:count])
        if related:
            return related, False
        return list(candidates[:count]), True

    def without_relatives(self):
        """Those of these stories that no other one of them shares a theme or
        the country with: the stories whose related cards ``related_to``
        fills with the newest ones."""
        # Three levels down: inside the theme match inside the relatives.
        own_themes = self.model.themes.through.objects.filter(
            story_id=OuterRef(OuterRef(OuterRef("pk")))
        ).values("theme_id")
        relatives = self.exclude(pk=OuterRef("pk")).sharing_a_theme_or_country(
            own_themes, OuterRef("country_id")
        )
        return self.exclude(Exists(relatives))

    def link_addresses(self, story_ids, now: datetime.datetime | None = None) -> dict[int, str]:
        """Where each of ``story_ids`` a visitor may follow now lives, in one
        query; the stories visitors can't see are left out."""
        if not story_ids:
            return {}
        code = content_language()
        found = self.visible(now, code).filter(pk__in=story_ids).values_list("pk", f"slug_{code}")
        return {pk: reverse("stories:detail", kwargs={"slug": slug}) for pk, slug in found}

    def linking_to(self, story_id: int):
        """Stories whose body, in either language, links to ``story_id`` (the
        sanitiser stores the link in exactly this form, so the text match is exact)."""
        href = f'href="{story_body.story_href(story_id)}"'
        return self.filter(Q(body_en__contains=href) | Q(body_fr__contains=href))

    def for_cards(self):
        """What a story card renders, in a fixed number of queries."""
        return self.select_related(
            "hero_image", "clip", "clip__poster", "country"
        ).prefetch_related("impact_figures")

    def search(self, text: str, language: str | None = None):
        """Stories matching ``text`` in the active language (or ``language``):
        that language's stored vector and text-search configuration, accents
        ignored on both sides."""
        code = content_language(language)
        vector = Story.SEARCH_VECTORS[code]
        query = SearchQuery(
            unaccented(Value(text)), search_type="websearch", config=SEARCH_CONFIGS[code]
        )
        return (
            self.filter(**{vector: query})
            .annotate(rank=SearchRank(F(vector), query))
            .order_by("-rank", "-publish_at")
        )


def new_share_secret() -> str:
    return secrets.token_urlsafe(12)


# A change to any of these ends every share link of the story (see save()).
CONSENT_FIELDS = ("consent_obtained_on", "consent_scope", "consent_expires_on", "identifies_nobody")


class Story(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"

    headline = models.CharField(max_length=200)
    # Unique per language (Meta.constraints on slug_en and slug_fr): the same
    # word may be one story's English address and another's French one.
    slug = models.SlugField(
        max_length=200,
        db_index=True,
        help_text="The story's address: /stories/<slug>/. Changing it after publishing "
        "keeps the old address working.",
    )
    summary = models.TextField(
        max_length=600, help_text="One or two sentences shown on cards and in search."
    )
    body = ProseEditorField(
        blank=True,
        # Our own allowlist (stories/sanitising.py), also applied in save().
        sanitize=sanitise_story_html,
        config={
            "extensions": {
                "Bold": True,
                "Italic": True,
                "Heading": {"levels": [2, 3]},
                "BulletList": True,
                "OrderedList": True,
                "ListItem": True,
                "Blockquote": True,
                # "story" lets the editor keep links to other stories (story:<id>).
                "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "story"]},
                # The "link to a story" button (static/js/story-link.js).
                "StoryLink": True,
                "HorizontalRule": True,
                "HardBreak": True,
            }
        },
        help_text="Cleaned when you save: scripts, styles and embedded frames are removed.",
    )
    hero_image = models.ForeignKey(
        StoryImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown at the top of the story; a clip replaces it when both are set.",
    )
    clip = models.ForeignKey(Clip, null=True, blank=True, on_delete=models.SET_NULL)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT)
    themes = models.ManyToManyField(Theme, blank=True, related_name="stories")
    seo_title = models.CharField(
        "SEO title",
        max_length=70,
        blank=True,
        help_text="For search engines; the headline if empty.",
    )
    seo_description = models.CharField(
        "SEO description",
        max_length=160,
        blank=True,
        help_text="For search engines and shares; the summary if empty.",
    )

    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Published stories appear from this time (now if empty); scheduled "
        "stories need a time.",
    )
    expire_at = models.DateTimeField(
        null=True, blank=True, help_text="The story disappears from the site at this time."
    )
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)

    consent_obtained_on = models.DateField(
        null=True, blank=True, help_text="When the person in the story gave consent."
    )
    consent_scope = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the consent covers, e.g. “web and social media, photos and first name”.",
    )
    consent_expires_on = models.DateField(
        null=True,
        blank=True,
        help_text="The story leaves the site on this day unless consent is renewed.",
    )
    pseudonym_used = models.BooleanField(
        default=False, help_text="The story shows a note that names have been changed."
    )
    identifies_nobody = models.BooleanField(
        default=False,
        help_text="Tick only if no one can be recognised from the text, pictures or clip; "
        "then no consent record is needed.",
    )
    # Set by "Withdraw consent" (stories/workflow.py keeps who and why); hides
    # the story everywhere until consent given after that day is recorded.
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Every signed share link carries this secret: changing it ends them all.
    # It changes when the story is unpublished, its consent changes, or an
    # editor revokes the links; the links also end PREVIEW_MAX_AGE after it was set.
    share_secret = models.CharField(max_length=32, default=new_share_secret, editable=False)
    share_secret_set_at = models.DateTimeField(default=timezone.now, editable=False)

    # Each language's words, for search: English with the "english"
    # configuration, French with "french" (see update_search_vector).
    search_vector = SearchVectorField(null=True, editable=False)
    search_vector_fr = SearchVectorField(null=True, editable=False)
    # When each language's text last changed (save()): English changed after
    # the French means the French is out of date (translation_state).
    en_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    fr_changed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Themes are kept with each version too (a separate table per version);
    # impact figures and quotes keep their own history, see below. The share
    # secret is not: reverting to an old version must not revive old links.
    history = HistoricalRecords(
        excluded_fields=[
            "search_vector",
            "search_vector_fr",
            "en_changed_at",
            "fr_changed_at",
            "updated_at",
            "share_secret",
            "share_secret_set_at",
        ],
        m2m_fields=[themes],
    )

    objects = StoryQuerySet.as_manager()

    SEARCH_VECTORS = {"en": "search_vector", "fr": "search_vector_fr"}
    # What is written per language (stories/translation.py registers them);
    # a change to any but the address marks the other language out of date.
    TRANSLATED_FIELDS = ("headline", "slug", "summary", "body", "seo_title", "seo_description")
    TEXT_FIELDS = ("headline", "summary", "body", "seo_title", "seo_description")

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name_plural = "stories"
        indexes = [
            GinIndex(fields=["search_vector"], name="story_search_gin"),
            GinIndex(fields=["search_vector_fr"], name="story_search_fr_gin"),
            models.Index(fields=["state", "publish_at"], name="story_state_publish_idx"),
        ]
        permissions = [("publish_story", "Can publish stories")]
        constraints = [
            models.UniqueConstraint(
                fields=[f"slug_{code}"],
                name=f"story_slug_{code}_unique",
                violation_error_message=f"Another story already uses this {language} address.",
            )
            for code, language in (("en", "English"), ("fr", "French"))
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        for code in LANGUAGE_CODES:
            body = getattr(self, f"body_{code}")
            setattr(self, f"body_{code}", sanitise_story_html(body) if body else body)
            headline, slug = getattr(self, f"headline_{code}"), getattr(self, f"slug_{code}")
            if not slug and headline:
                slug = slugify(headline)[:200]
                if slug in slugs_taken_by_routes(code):  # /fr/histoires/fil/ is the feed
                    slug += "-story"
            setattr(self, f"slug_{code}", slug or None)  # no address, not an empty one
        if self.state != self.State.DRAFT:
            if self.publish_at is None:
                self.publish_at = timezone.now()
            self.first_published_at = self.first_published_at or self.publish_at
        previous = None
        if self.pk:
            previous = Story.objects.filter(pk=self.pk).values(
                "state", *CONSENT_FIELDS, *self._translated_columns()
            )
            previous = previous.first()
        self._stamp_changed_languages(previous)
        if previous and self._ends_share_links(previous):
            self._new_share_secret()
        with transaction.atomic():
            super().save(*args, **kwargs)
            for code in LANGUAGE_CODES:
                old_slug = previous[f"slug_{code}"] if previous else None
                new_slug = getattr(self, f"slug_{code}")
                if old_slug and old_slug != new_slug and self.first_published_at:
                    # Once published, an address may be bookmarked or shared: keep it working.
                    SlugRedirect.objects.update_or_create(
                        old_slug=old_slug, defaults={"story": self}
                    )
            SlugRedirect.objects.filter(
                old_slug__in=[s for s in (self.slug_en, self.slug_fr) if s]
            ).delete()
            self.update_search_vector()

    def get_absolute_url(self):
        return reverse("stories:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        for code in LANGUAGE_CODES:
            slug = getattr(self, f"slug_{code}")
            if slug and slug in slugs_taken_by_routes(code):
                with translation.override(code):
                    address = reverse("stories:detail", kwargs={"slug": slug})
                raise ValidationError(
                    {f"slug_{code}": f"{address} is one of the site's own pages; choose another."}
                )

    # ---- languages

    @classmethod
    def _translated_columns(cls) -> list[str]:
        return [f"{name}_{code}" for name in cls.TRANSLATED_FIELDS for code in LANGUAGE_CODES]

    def _stamp_changed_languages(self, previous: dict | None) -> None:
        """Note when each language's text changed (its first text counts)."""
        now = timezone.now()
        for code in LANGUAGE_CODES:
            names = [f"{name}_{code}" for name in self.TEXT_FIELDS]
            if previous is None:
                changed = any(getattr(self, name) for name in names)
            else:
                changed = any(
                    (previous[name] or "") != (getattr(self, name) or "") for name in names
                )
            if changed:
                setattr(self, f"{code}_changed_at", now)

    def has_language(self, code: str) -> bool:
        """Whether the story is written in ``code``: a headline and an address in it."""
        code = content_language(code)
        return bool(getattr(self, f"headline_{code}") and getattr(self, f"slug_{code}"))

    def url_in(self, code: str) -> str | None:
        """The story's address in ``code``'s pages, or None when it is not written in it."""
        code = content_language(code)
        if not self.has_language(code):
            return None
        with translation.override(code):
            return reverse("stories:detail", kwargs={"slug": getattr(self, f"slug_{code}")})

    @property
    def translation_state(self) -> str:
        """For editors: "FR missing", "FR out of date" (English changed after
        the French), the same for English, or "EN + FR" when both are current."""
        has = {code: self.has_language(code) for code in LANGUAGE_CODES}
        if not has["fr"]:
            return "FR missing" if has["en"] else "EN missing"
        if not has["en"]:
            return "EN missing"
        en, fr = self.en_changed_at, self.fr_changed_at
        if en and fr and en > fr:
            return "FR out of date"
        if en and fr and fr > en:
            return "EN out of date"
        return "EN + FR"

    # ---- share links

    def _ends_share_links(self, previous: dict) -> bool:
        unpublished = previous["state"] != self.State.DRAFT and self.state == self.State.DRAFT
        return unpublished or any(previous[name] != getattr(self, name) for name in CONSENT_FIELDS)

    def _new_share_secret(self) -> None:
        self.share_secret = new_share_secret()
        self.share_secret_set_at = timezone.now()

    def revoke_share_links(self) -> None:
        """End every share link of this story now (a new one can be shared)."""
        self._new_share_secret()
        # Not save(): nothing a visitor sees changes, so no history entry and
        # no page-cache invalidation.
        Story.objects.filter(pk=self.pk).update(
            share_secret=self.share_secret, share_secret_set_at=self.share_secret_set_at
        )

    @property
    def absolute_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    # ---- publishing rules

    @staticmethod
    def search_vector_of(code: str) -> SearchVector:
        """One language's words, weighted headline > summary > body, accents removed."""
        config = SEARCH_CONFIGS[code]
        return (
            SearchVector(unaccented(F(f"headline_{code}")), weight="A", config=config)
            + SearchVector(unaccented(F(f"summary_{code}")), weight="B", config=config)
            + SearchVector(unaccented(F(f"body_{code}")), weight="C", config=config)
        )

    def update_search_vector(self):
        Story.objects.filter(pk=self.pk).update(
            **{vector: self.search_vector_of(code) for code, vector in self.SEARCH_VECTORS.items()}
        )

    def publishing_problems(self, state=None, now=None) -> list[str]:
        """Why this story may not be published or scheduled; empty when it may."""
        state = state or self.state
        if state == self.State.DRAFT:
            return []
        problems = []
        today = timezone.localdate(now or timezone.now())
        consent = {
            name: Value(getattr(self, name), output_field=self._meta.get_field(name))
            for name in CONSENT_FIELDS
        }
        if self.consent_withdrawn_at and not (
            self.consent_obtained_on
            and self.consent_obtained_on > timezone.localdate(self.consent_withdrawn_at)
        ):
            problems.append(
                "Consent was withdrawn on "
                f"{timezone.localdate(self.consent_withdrawn_at):%Y-%m-%d}: record the date new "
                "consent was given (after that day) and its scope before publishing."
            )
        elif not StoryQuerySet.consent_holds(today).check(consent):
            # The rule is the queryset's; this only picks the message.
            if self.consent_obtained_on and self.consent_scope.strip() and self.consent_expires_on:
                problems.append(
                    f"Consent expired on {self.consent_expires_on:%Y-%m-%d}; renew it and "
                    "update the expiry date before publishing."
                )
            else:
                problems.append(
                    "This story cannot be published without consent: record the date consent "
                    "was obtained and its scope, or tick “identifies nobody”."
                )
        if state == self.State.SCHEDULED and not self.publish_at:
            problems.append("A scheduled story needs a publish time.")
        if self.publish_at and self.expire_at and self.expire_at <= self.publish_at:
            problems.append("The expiry time must be after the publish time.")
        return problems

    def is_visible(self, now=None, language: str | None = ANY_LANGUAGE) -> bool:
        """Whether visitors see the story now, in ``language`` (either by default)."""
        return Story.objects.visible(now, language).filter(pk=self.pk).exists()

    @cached_property
    def body_layout(self) -> BodyLayout:
        """The body as the page shows it: links to other stories resolved (one
        query, whatever their number) and the figures and quotes placed "after
        paragraph N" put there; the rest keep their places around the body."""
        urls = Story.objects.link_addresses(story_body.linked_story_ids(self.body))
        blocks = story_body.body_blocks(self.body, urls)
        layout = BodyLayout()

        def spot_of(row) -> int | None:
            # A number past the last block means after the text.
            return min(row.after_paragraph, len(blocks)) if row.after_paragraph and blocks else None

        placed: dict[int, tuple[list, list]] = {}  # after block n: (figures, quotes)
        for figure in self.impact_figures.all():
            if (spot := spot_of(figure)) is None:
                layout.figures_above.append(figure)
            else:
                placed.setdefault(spot, ([], []))[0].append(figure)
        for quote in self.pull_quotes.all():
            if (spot := spot_of(quote)) is None:
                layout.quotes_after.append(quote)
            else:
                placed.setdefault(spot, ([], []))[1].append(quote)
        start = 0
        for spot in sorted(placed):
            figures, quotes = placed[spot]
            layout.parts.append((mark_safe("".join(blocks[start:spot])), figures, quotes))  # noqa: S308 - sanitised, re-escaped
            start = spot
        if start < len(blocks) or not layout.parts:
            layout.parts.append((mark_safe("".join(blocks[start:])), [], []))  # noqa: S308
        return layout

    @property
    def linked_story_ids(self) -> list[int]:
        return story_body.linked_story_ids(self.body)

    @property
    def display_title(self):
        return self.seo_title or self.headline

    @property
    def picture(self):
        """The image that stands for the story: its hero image, else its clip's poster."""
        return self.hero_image or (self.clip.poster if self.clip_id and self.clip else None)

    @property
    def description(self):
        return self.seo_description or self.summary

    @property
    def card_version(self) -> str:
        """Changes whenever anything a story card shows changes: the story's
        own save stamp, and every field of its picture, country and figures
        (rendered separately, so their edits don't touch ``updated_at``).
        Read from rows ``for_cards`` has already loaded."""
        rows = [self.picture, self.country, *self.impact_figures.all()]
        fields = [
            [getattr(row, field.attname) for field in row._meta.concrete_fields]
            for row in rows
            if row is not None
        ]
        stamp = repr((self.pk, self.updated_at, self.clip_id, fields))
        return hashlib.blake2b(stamp.encode(), digest_size=16).hexdigest()


class BodyLayout:
    """``Story.body_layout``: the figures shown above the body, the body in
    parts (its HTML, then the figures and quotes placed after it), and the
    quotes shown after the body."""

    def __init__(self):
        self.figures_above: list = []
        self.parts: list[tuple[str, list, list]] = []
        self.quotes_after: list = []


def after_paragraph_field(usual_place: str):
    return models.PositiveSmallIntegerField(
        "after paragraph",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="To show it inside the text, the number of the paragraph it follows "
        "(1 is the first; headings and lists count as paragraphs). Leave empty to show "
        f"it {usual_place}.",
    )


class ImpactFigure(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="impact_figures")
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=80, help_text="e.g. “made safe”, “convictions”.")
    position = models.PositiveSmallIntegerField(default=0)
    after_paragraph = after_paragraph_field("with the other figures above the text")

    # Edited inline on the story; the admin's history middleware records who.
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.number:,} {self.label}"


class PullQuote(models.Model):
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="pull_quotes")
    text = models.TextField(max_length=600)
    attribution = models.CharField(max_length=150, blank=True)
    verbatim = models.BooleanField(
        "exact words",
        default=False,
        help_text="Tick only if these are the person's own words, as they said or wrote "
        "them; otherwise the quote is shown as retold.",
    )
    position = models.PositiveSmallIntegerField(default=0)
    after_paragraph = after_paragraph_field("after the text")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:60]


class SlugRedirect(models.Model):
    """An address a published story used to have; answers 301 to its current one."""

    old_slug = models.SlugField(max_length=200, unique=True)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"/stories/{self.old_slug}/ → {self.story}"


class Collection(models.Model):
    """A curated, ordered set of stories; the home page is the one with slug "home"."""

    HOME_SLUG = "home"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    subtitle = models.CharField(max_length=300, blank=True)
    introduction = models.TextField(blank=True)
    hero_image = models.ForeignKey(
        StoryImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.title


class CollectionItem(models.Model):
    collection = models.ForeignKey(Collection, on_delete=models.CASCADE, related_name="items")
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["collection", "story"], name="collection_story_once")
        ]

    def __str__(self):
        return f"{self.position}. {self.story}"


class CallToAction(models.Model):
    """A "What you can do" item on the home page."""

    title = models.CharField(max_length=120)
    text = models.TextField(max_length=500)
    link_url = models.CharField(
        max_length=300, help_text="A path on this site (/fundraise/) or a full https:// address."
    )
    link_label = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "“What you can do” item"

    def __str__(self):
        return self.title

    def clean(self):
        problems = {
            f"link_url_{code}": "Use a path starting with / or an https:// link."
            for code in LANGUAGE_CODES
            if (url := getattr(self, f"link_url_{code}"))
            and not (url.startswith("/") or url.startswith("https://"))
        }
        if not (self.link_url_en or self.link_url_fr):
            problems["link_url_en"] = "Give the link's address."
        if problems:
            raise ValidationError(problems)


# A story's working draft, saved versions, review requests, consent
# withdrawals and editing presence (the snapshot helpers are in drafts.py).


class StoryDraft(models.Model):
    """The working copy of a story that has a live version: at most one per story."""

    shown_on_pages = False  # saving one leaves the page cache alone

    story = models.OneToOneField("stories.Story", on_delete=models.CASCADE, related_name="draft")
    content = models.JSONField()
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    autosaved = models.BooleanField(default=False)
    # Set by "Schedule" on a live story: the draft replaces the live version then.
    go_live_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "story draft"

    def __str__(self):
        return f"Draft of {self.story}"


class StoryRevision(models.Model):
    """One saved version of a story (a snapshot), for history, compare and revert."""

    shown_on_pages = False  # saving one leaves the page cache alone

    class Event(models.TextChoices):
        CREATED = "created", "Created"
        SAVED = "saved", "Draft saved"
        SUBMITTED = "submitted", "Submitted for review"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        REVERTED = "reverted", "Reverted"
        DISCARDED = "discarded", "Draft discarded"

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="revisions")
    content = models.JSONField()
    event = models.CharField(max_length=12, choices=Event.choices)
    note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["story", "-created_at"], name="storyrevision_story_idx")]

    def __str__(self):
        return f"{self.get_event_display()} {self.created_at:%Y-%m-%d %H:%M}"


class StoryReview(models.Model):
    """A request that a Publisher look at the working copy, and its outcome."""

    shown_on_pages = False  # saving one leaves the page cache alone

    class Status(models.TextChoices):
        PENDING = "pending", "In review"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned with comments"
        CANCELLED = "cancelled", "Cancelled"

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="reviews")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["story"],
                condition=models.Q(status="pending"),
                name="one_pending_review_per_story",
            )
        ]

    def __str__(self):
        return f"{self.get_status_display()}: {self.story}"


class ConsentWithdrawal(models.Model):
    """The record that a person withdrew consent: who took it down, when, and why."""

    shown_on_pages = False  # saving one leaves the page cache alone

    story = models.ForeignKey(
        "stories.Story", on_delete=models.CASCADE, related_name="consent_withdrawals"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self):
        return f"Consent withdrawn for {self.story} on {self.recorded_at:%Y-%m-%d}"


class EditingPresence(models.Model):
    """Who has a story's change form open: refreshed by the form's heartbeat."""

    shown_on_pages = False  # saving one leaves the page cache alone

    story = models.ForeignKey("stories.Story", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["story", "user"], name="one_presence_per_editor")
        ]

    def __str__(self):
        return f"{self.user} on {self.story}"
