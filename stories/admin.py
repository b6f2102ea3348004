"""The editors' side: stories with history, preview and consent checks,
images, clips, the home collection and "What you can do" items."""

from __future__ import annotations

import base64
import datetime
import hashlib
import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from config.admin_widgets import LabelledTabularInline, LabelledWidgetsMixin
from config.translated_forms import EitherLanguageRequired, TranslatedModelForm
from stories import workflow
from stories.admin_filters import NeedsAttentionFilter
from stories.chooser import ImageLibraryAdminMixin, UsesImageChooserMixin, thumbnail_url
from stories.drafts import FIGURE_FIELDS, QUOTE_FIELDS, SNAPSHOT_FIELDS
from stories.editorial_admin import (
    EditorialAdminMixin,
    EditorialFormMixin,
    WorkingCopyInlineMixin,
)
from stories.kept_uploads import KeepUploadsMixin, KeptFileInput
from stories.models import (
    ANY_LANGUAGE,
    CallToAction,
    Clip,
    Collection,
    CollectionItem,
    Country,
    ImpactFigure,
    PullQuote,
    SlugRedirect,
    Story,
    StoryImage,
    Theme,
    normalise_search,
)
from stories.views import PREVIEW_MAX_AGE, preview_share_url, share_link_expired

LINK_TARGETS_SHOWN = 20
INLINE_IMPORTMAP = re.compile(rb'<script type="importmap"[^>]*>(.*?)</script>', re.S)
# Tiptap (inside django-prose-editor 0.28) injects one fixed <style> element with
# ProseMirror's base rules (white-space: pre-wrap and friends). Its hash, so
# style-src stays 'self' otherwise; tests/stories/test_browser.py fails if an
# upgrade changes the injected text.
TIPTAP_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


def allow_inline_importmaps(response):
    """Let the rich-text editor's import map run under our strict CSP.

    django-prose-editor loads its ES modules through an inline
    ``<script type="importmap">``, which ``script-src 'self'`` blocks. Rather
    than loosen the policy for the admin, we allow exactly that script by its
    SHA-256 hash on the pages that carry it.
    """
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    hashes = [
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in INLINE_IMPORTMAP.findall(getattr(response, "content", b""))
    ]
    if hashes:
        response._csp_update = {"script-src": hashes, "style-src": [TIPTAP_STYLE_HASH]}
    return response


class StoryAdminForm(EditorialFormMixin, forms.ModelForm):
    class Meta:
        model = Story
        # An editor edits exactly what a saved version keeps (stories.drafts),
        # each text in English and in French.
        fields = [*SNAPSHOT_FIELDS, "themes"]
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            f"{name}_{code}": f"{label} ({language})"
            for name, label in (
                ("headline", "Headline"),
                ("slug", "Address (slug)"),
                ("summary", "Summary"),
                ("body", "Body"),
                ("seo_title", "SEO title"),
                ("seo_description", "SEO description"),
            )
            for code, language in (("en", "English"), ("fr", "French"))
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language's box says which it is (spelling checks, screen readers).
        for name, field in self.fields.items():
            if name.endswith(("_en", "_fr")):
                field.widget.attrs["lang"] = name[-2:]
        # On the revert page the instance is rebuilt from a past version, but its
        # themes would be read from today's rows; offer the themes it had then.
        # A version saved before themes were tracked has no theme rows at all;
        # offering "no themes" would clear them on revert, so keep today's.
        version = getattr(self.instance, "_history", None)
        if version is not None and "themes" in self.fields:
            then = [row.theme_id for row in version.themes.all()]
            if then:
                self.initial["themes"] = then

    def clean(self):
        cleaned = super().clean()
        # A story may be written in one language only, but a language it is
        # written in needs its headline and summary (the address is made from
        # the headline when left empty).
        written = []
        for code, language in (("en", "English"), ("fr", "French")):
            names = [f"{name}_{code}" for name in Story.TEXT_FIELDS]
            if not any((cleaned.get(name) or "").strip() for name in names if name in self.fields):
                continue
            written.append(code)
            for name, label in (("headline", "headline"), ("summary", "summary")):
                field = f"{name}_{code}"
                if field in self.fields and not (cleaned.get(field) or "").strip():
                    self.add_error(
                        field,
                        f"Write the {language} {label} too, or leave every {language} field empty.",
                    )
        if not written and "headline_en" in self.fields:
            self.add_error("headline_en", "Write the story in English, in French or in both.")
        return cleaned


class ImpactFigureInline(WorkingCopyInlineMixin, LabelledTabularInline):
    model = ImpactFigure
    form = TranslatedModelForm
    extra = 0
    fields = FIGURE_FIELDS


class PullQuoteInline(WorkingCopyInlineMixin, admin.StackedInline):
    model = PullQuote
    form = TranslatedModelForm
    extra = 0
    # QUOTE_FIELDS, each language's words beside the other's.
    fields = [
        ("text_en", "text_fr"),
        ("attribution_en", "attribution_fr"),
        *(name for name in QUOTE_FIELDS if not name.endswith(("_en", "_fr"))),
    ]


def _publish(modeladmin, request, queryset):
    done, refused = 0, []
    for story in queryset:
        try:
            workflow.publish(story, request.user)
        except workflow.WorkflowError as problem:
            refused.append(f"“{story}”: {problem}")
            continue
        done += 1
    if done:
        modeladmin.message_user(
            request,
            ngettext("%(n)d story published.", "%(n)d stories published.", done) % {"n": done},
        )
    for message in refused:
        modeladmin.message_user(request, f"Not published: {message}", messages.ERROR)


@admin.register(Story)
class StoryAdmin(
    LabelledWidgetsMixin, UsesImageChooserMixin, EditorialAdminMixin, SimpleHistoryAdmin
):
    form = StoryAdminForm
    change_form_template = "stories/admin/story_change_form.html"
    object_history_template = "stories/admin/story_history.html"
    object_history_form_template = "stories/admin/story_history_form.html"
    list_display = [
        "headline",
        "editorial_state",
        "translation",
        "country",
        "theme_list",
        "updated_at",
    ]
    list_filter = [
        NeedsAttentionFilter,
        "state",
        "country",
        "themes",
        "pseudonym_used",
        "identifies_nobody",
    ]
    search_fields = [
        "headline_en",
        "headline_fr",
        "summary_en",
        "summary_fr",
        "slug_en",
        "slug_fr",
    ]
    prepopulated_fields = {"slug_en": ["headline_en"], "slug_fr": ["headline_fr"]}
    raw_id_fields = ["hero_image", "clip"]
    checkbox_many_to_many = ["themes"]
    date_hierarchy = "publish_at"
    inlines = [ImpactFigureInline, PullQuoteInline]
    readonly_fields = ["preview_links", "first_published_at", "created_at", "updated_at"]
    actions = ["publish_stories", "unpublish_stories"]
    history_list_display = ["state"]

    class Media:
        js = ["js/story-editor.js"]
        css = {"all": ["css/story-editor.css"]}

    fieldsets = [
        (
            "The story in English and in French",
            {
                # Each language's field beside the other's; a story may be
                # written in one language only (then only that language's pages show it).
                "fields": [
                    "preview_links",
                    ("headline_en", "headline_fr"),
                    ("slug_en", "slug_fr"),
                    ("summary_en", "summary_fr"),
                    ("body_en", "body_fr"),
                ],
                "classes": ["story-languages"],
            },
        ),
        ("Picture or clip", {"fields": ["hero_image", "clip"]}),
        ("Where and what", {"fields": ["country", "themes"]}),
        (
            "Publishing",
            {
                "fields": ["schedule_at", "expire_at", "first_published_at"],
                "description": "“Publish” puts the draft live now; “Schedule” at the time "
                "chosen here. Until then visitors see the live version, or nothing.",
            },
        ),
        (
            "Consent",
            {
                "fields": [
                    "consent_obtained_on",
                    "consent_scope",
                    "consent_expires_on",
                    "pseudonym_used",
                    "identifies_nobody",
                ],
                "description": "A story that names or shows a person needs their consent "
                "before it can be published. Expired consent takes the story off the site.",
            },
        ),
        (
            "Search engines and sharing",
            {
                "fields": [
                    ("seo_title_en", "seo_title_fr"),
                    ("seo_description_en", "seo_description_fr"),
                ]
            },
        ),
        ("Record", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("country")
            .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("name")))
            # "live" is what visitors see: the public pages' own rule.
            .annotate(
                is_live=Exists(
                    Story.objects.visible(language=ANY_LANGUAGE).filter(pk=OuterRef("pk"))
                )
            )
        )

    def view_on_site(self, story):
        # A draft, a scheduled story or one hidden by consent would be a 404 to
        # the editor; show it as visitors will see it once it is live instead.
        if story.is_visible():
            return story.url_in("en") or story.url_in("fr")
        return reverse("stories:preview", kwargs={"pk": story.pk})

    @admin.display(description="Languages")
    def translation(self, story):
        """ "FR missing", "FR out of date" (English changed after the French) …"""
        return story.translation_state

    @admin.display(description="Themes")
    def theme_list(self, story):
        return ", ".join(theme.name for theme in story.themes.all())

    @admin.display(description="Preview")
    def preview_links(self, story):
        if not story.pk:
            return "Save the story to preview it."
        preview = format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview as visitors will see it</a>',
            reverse("stories:preview", kwargs={"pk": story.pk}),
        )
        if not Story.objects.with_valid_consent().filter(pk=story.pk).exists():
            return format_html(
                "{}<br>Share links work only once consent is recorded and unexpired, or "
                "“identifies nobody” is ticked.",
                preview,
            )
        until = story.share_secret_set_at + datetime.timedelta(seconds=PREVIEW_MAX_AGE)
        return format_html(
            "{}<br>Share a preview with a colleague (no account needed; works until {} "
            "unless the story is unpublished, its consent changes or you revoke it):"
            ' <input type="text" readonly size="60" value="{}" aria-label="Preview link to share">',
            preview,
            f"{timezone.localtime(until):%Y-%m-%d %H:%M}",
            preview_share_url(story),
        )

    @admin.action(description="Publish selected stories", permissions=["publish"])
    def publish_stories(self, request, queryset):
        _publish(self, request, queryset)

    @admin.action(description="Unpublish selected stories (back to draft)", permissions=["change"])
    def unpublish_stories(self, request, queryset):
        count = 0
        for story in queryset.exclude(state=Story.State.DRAFT):
            workflow.unpublish(story, request.user)  # one by one, so history records each
            count += 1
        self.message_user(
            request,
            ngettext("%(n)d story set to draft.", "%(n)d stories set to draft.", count)
            % {"n": count},
        )

    def get_urls(self):
        revoke = path(
            "<path:object_id>/revoke-share-links/",
            self.admin_site.admin_view(self.revoke_share_links_view),
            name="stories_story_revoke_share_links",
        )
        link_targets = path(
            "link-targets/",
            self.admin_site.admin_view(self.link_targets_view),
            name="stories_story_link_targets",
        )
        return [revoke, link_targets, *super().get_urls()]

    def link_targets_view(self, request):
        """Stories whose headline matches ``q``, for the editor's "link to a
        story" button (static/js/story-link.js); live ones first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = normalise_search(request.GET.get("q", ""))
        stories = Story.objects.annotate(
            is_live=Exists(Story.objects.visible(language=ANY_LANGUAGE).filter(pk=OuterRef("pk")))
        ).order_by("-is_live", "-updated_at", "-pk")
        if query:
            stories = stories.filter(
                Q(headline_en__icontains=query) | Q(headline_fr__icontains=query)
            )
        found = stories.values("pk", "headline_en", "headline_fr", "is_live")[:LINK_TARGETS_SHOWN]
        return JsonResponse(
            {
                "stories": [
                    {
                        "id": row["pk"],
                        "headline": row["headline_en"] or row["headline_fr"],
                        "live": row["is_live"],
                    }
                    for row in found
                ]
            }
        )

    def revoke_share_links_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        story = self.get_object(request, object_id)
        if story is None or not self.has_change_permission(request, story):
            raise PermissionDenied
        story.revoke_share_links()
        self.message_user(
            request,
            "Every share link of this story now answers “no longer works”. The link below "
            "is new; share it only with whom you choose.",
        )
        return redirect("admin:stories_story_change", story.pk)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        # get_object() answers None for an address that is no story's ID (the admin
        # then says so); only a real story gets its preview and revoke links.
        story = self.get_object(request, object_id) if object_id else None
        if story is not None:
            extra_context["preview_url"] = reverse("stories:preview", kwargs={"pk": story.pk})
            extra_context["revoke_share_links_url"] = reverse(
                "admin:stories_story_revoke_share_links", args=[story.pk]
            )
            if request.method == "GET" and share_link_expired(story):
                # The shown link stays the same while it works; only a dead one is replaced.
                story.revoke_share_links()
        response = super().changeform_view(request, object_id, form_url, extra_context)
        return allow_inline_importmaps(response)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {**(extra_context or {}), "part_changes": _part_changes(object_id)}
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        response = super().history_form_view(request, object_id, version_id, extra_context)
        return allow_inline_importmaps(response)


def _part_changes(story_id, limit=200):
    """The story's impact figures and quotes as they were changed, newest first."""
    try:
        story_id = int(story_id)
    except (TypeError, ValueError):
        return []
    changes = [
        (record, kind)
        for model, kind in ((ImpactFigure, "Impact figure"), (PullQuote, "Pull quote"))
        for record in model.history.filter(story_id=story_id)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    ]
    changes.sort(key=lambda change: change[0].history_date, reverse=True)
    return [
        {
            "when": record.history_date,
            "kind": kind,
            "action": {"+": "Added", "~": "Changed", "-": "Removed"}[record.history_type],
            "value": str(record.instance),
            "user": record.history_user,
        }
        for record, kind in changes[:limit]
    ]


def focal_percent_field(label: str) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        min_value=0,
        max_value=100,
        required=False,  # left empty (the chooser's upload), the point stays where it was
        widget=forms.NumberInput(attrs={"step": "1", "data-focal-input": label[:1].lower()}),
        help_text="Click the picture above, or type a percentage: every crop keeps this point.",
    )


class StoryImageForm(KeepUploadsMixin, forms.ModelForm):
    """The focal point is typed (and shown) in percent, stored as 0–1."""

    focal_x = focal_percent_field("Across (% from the left)")
    focal_y = focal_percent_field("Down (% from the top)")

    class Meta:
        model = StoryImage
        fields = [
            "file",
            "alt_text_en",
            "alt_text_fr",
            "decorative",
            "caption_en",
            "caption_fr",
            "credit_en",
            "credit_fr",
            "focal_x",
            "focal_y",
        ]
        widgets = {"file": KeptFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("focal_x", "focal_y"):
            self.initial[name] = round(getattr(self.instance, name) * 100, 1)

    def _focal(self, name: str) -> float:
        typed = self.cleaned_data[name]
        return getattr(self.instance, name) if typed is None else typed / 100

    def clean_focal_x(self):
        return self._focal("focal_x")

    def clean_focal_y(self):
        return self._focal("focal_y")


@admin.register(StoryImage)
class StoryImageAdmin(ImageLibraryAdminMixin, admin.ModelAdmin):
    form = StoryImageForm
    list_display = ["list_thumbnail", "__str__", "dimensions", "rendition_count", "created_at"]
    list_display_links = ["__str__"]
    list_filter = ["decorative"]
    search_fields = ["alt_text_en", "alt_text_fr", "caption_en", "caption_fr", "credit"]
    readonly_fields = ["thumbnail", "where_used", "dimensions", "rendition_sizes"]
    fields = [
        "file",
        ("alt_text_en", "alt_text_fr"),
        "decorative",
        ("caption_en", "caption_fr"),
        ("credit_en", "credit_fr"),
        "thumbnail",
        "focal_x",
        "focal_y",
        "where_used",
        "dimensions",
        "rendition_sizes",
    ]

    class Media:
        css = {"all": ["css/focal-point.css"]}
        js = ["js/focal-point.js"]

    @admin.display(description="Picture")
    def list_thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="96" height="54" class="image-list-thumb">',
            thumbnail_url(image),
        )

    @admin.display(description="Size")
    def dimensions(self, image):
        return f"{image.width}×{image.height}" if image.width else "–"

    @admin.display(description="Renditions")
    def rendition_count(self, image):
        return len(image.renditions) or "being made"

    @admin.display(description="Rendition files")
    def rendition_sizes(self, image):
        return format_html_join(
            "",
            "<div>{} {}×{} {}: {} KB</div>",
            (
                (
                    r.get("crop", "whole"),
                    r["width"],
                    r["height"],
                    r["format"],
                    round(r["bytes"] / 1024),
                )
                for r in image.renditions
            ),
        )

    @admin.display(description="Focal point")
    def thumbnail(self, image):
        """The picture to click: the marker shows the point the crops keep."""
        if not image.pk or not image.file:
            return "Save the image first, then choose its focal point here."
        return format_html(
            '<div class="focal-picker" data-focal-picker data-focal-status="focal-point-now" '
            'tabindex="0" role="application" aria-label="Focal point of the picture" '
            'aria-describedby="focal-point-help focal-point-now">'
            '<img src="{}" width="{}" height="{}" alt="" class="focal-picker__image">'
            '<span class="focal-picker__marker" aria-hidden="true"></span></div>'
            '<p id="focal-point-now" class="focal-picker__now" aria-live="polite">'
            "Focal point: {}% from the left, {}% from the top.</p>"
            '<p class="help" id="focal-point-help">Click the most important part of the '
            "picture (a face, say), or give the picture focus and move the point with the "
            "arrow keys (Shift and an arrow for bigger steps); cards (16:9) and story heroes "
            "(3:2) are cut around it. The marker also moves as you type in the two boxes "
            "below. Crops are remade after saving.</p>"
            '<div class="focal-picker__crops">{}</div>',
            image.default_url,
            image.width,
            image.height,
            round(image.focal_x * 100),
            round(image.focal_y * 100),
            format_html_join(
                "",
                '<figure><img src="{}" width="{}" height="{}" alt="" class="{}">'
                "<figcaption>{}</figcaption></figure>",
                (
                    (crop.default_url, crop.width, crop.height, crop.focal_class, label)
                    for crop, label in ((image.card, "Card, 16:9"), (image.hero, "Hero, 3:2"))
                ),
            ),
        )


class ClipForm(EitherLanguageRequired, KeepUploadsMixin, forms.ModelForm):
    class Meta:
        model = Clip
        fields = [
            "title_en",
            "title_fr",
            "video_file",
            "captions_en",
            "captions_fr",
            "external_url",
            "poster",
            "transcript_en",
            "transcript_fr",
        ]
        widgets = {
            "video_file": KeptFileInput(attrs={"accept": "video/mp4,video/webm"}),
            "captions_en": KeptFileInput(attrs={"accept": ".vtt,text/vtt"}),
            "captions_fr": KeptFileInput(attrs={"accept": ".vtt,text/vtt"}),
        }


@admin.register(Clip)
class ClipAdmin(UsesImageChooserMixin, admin.ModelAdmin):
    form = ClipForm
    list_display = ["title", "provider_name_or_file"]
    search_fields = ["title_en", "title_fr"]
    fields = [
        ("title_en", "title_fr"),
        "video_file",
        ("captions_en", "captions_fr"),
        "external_url",
        "poster",
        ("transcript_en", "transcript_fr"),
    ]
    raw_id_fields = ["poster"]

    @admin.display(description="Source")
    def provider_name_or_file(self, clip):
        return clip.provider_name or "Uploaded file"


class CollectionItemInline(LabelledTabularInline):
    model = CollectionItem
    extra = 1
    raw_id_fields = ["story"]
    fields = ["position", "story"]
    ordering = ["position"]

    class Media:
        # Drag and drop, with Move up / Move down buttons for the keyboard.
        js = ["js/collection-order.js"]


@admin.register(Collection)
class CollectionAdmin(UsesImageChooserMixin, TranslationAdmin):
    form = TranslatedModelForm
    list_display = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["hero_image"]
    inlines = [CollectionItemInline]

    def get_readonly_fields(self, request, obj=None):
        # The home page looks its collection up by this slug: renaming it would empty "/".
        if obj is not None and obj.slug == Collection.HOME_SLUG:
            return [*super().get_readonly_fields(request, obj), "slug"]
        return super().get_readonly_fields(request, obj)

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.slug == Collection.HOME_SLUG:
            return {}
        return super().get_prepopulated_fields(request, obj)


@admin.register(CallToAction)
class CallToActionAdmin(TranslationAdmin):
    form = TranslatedModelForm
    list_display = ["title", "link_url", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(Country, Theme)
class NameSlugAdmin(TranslationAdmin):
    form = TranslatedModelForm
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(SlugRedirect)
class SlugRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "story", "created_at"]
    search_fields = ["old_slug", "story__headline_en", "story__headline_fr"]
    raw_id_fields = ["story"]
