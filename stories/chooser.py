"""The image library in the admin: a chooser with thumbnails, search and
upload, a field that shows the chosen picture and its alt text, "where used"
on every image and a refusal to delete one that is in use.

The chooser is a dialog the field opens (static/js/image-chooser.js); its
contents come from ``ImageLibraryAdminMixin.chooser_view``, an admin view on
the images' own admin, so the same permissions apply: viewing images to
choose one, adding images to upload inside the chooser.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from config.admin_pages import admin_pages
from stories.image_usage import uses_of
from stories.models import StoryImage

CHOOSER_PAGE_SIZE = 24


def thumbnail_url(image: StoryImage) -> str:
    """The smallest fallback rendition, or the original while renditions are being made."""
    fallbacks = image.fallback_renditions
    if not fallbacks:
        return image.file.url
    return image._url(min(fallbacks, key=lambda r: r["width"])["name"])


def image_label(image: StoryImage) -> str:
    if image.decorative and not image.alt_text:
        return f"Decorative image{f': {image.caption}' if image.caption else ''}"
    return image.alt_text


class ImageChooserWidget(forms.Widget):
    """A hidden id, the chosen image's thumbnail and alt text, and buttons to
    choose another or clear it. Without JavaScript, the id field is shown."""

    template_name = "admin/stories/widgets/image_chooser.html"

    class Media:
        js = ["js/image-chooser.js"]
        css = {"all": ["css/image-chooser.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = None
        if value not in (None, ""):
            image = StoryImage.objects.filter(pk=value).first()
        context["image"] = image
        context["thumbnail_url"] = thumbnail_url(image) if image else ""
        context["image_label"] = image_label(image) if image else ""
        context["chooser_url"] = reverse("admin:stories_storyimage_chooser")
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template folder, which Django's default form renderer does not read.
        context = self.get_context(name, value, attrs)
        return render_to_string(self.template_name, context)  # a SafeString


class UsesImageChooserMixin:
    """For admins with foreign keys to images: use the chooser for each of them."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is StoryImage:
            kwargs["widget"] = ImageChooserWidget()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ImageLibraryAdminMixin:
    """For the images' admin: the chooser views, "where used" and the delete refusal."""

    class Media:
        css = {"all": ["css/image-chooser.css"]}

    def get_urls(self):
        return [
            *admin_pages(self, {"chooser": ("chooser/", self.chooser_view)}),
            *super().get_urls(),
        ]

    # ---- chooser

    def chooser_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        may_upload = self.has_add_permission(request)
        upload_form = None
        if request.method == "POST":
            if not may_upload:
                raise PermissionDenied
            upload_form = self.get_form(request)(request.POST, request.FILES)
            if upload_form.is_valid():
                image = upload_form.save()
                self.log_addition(request, image, [{"added": {}}])
                return JsonResponse(
                    {"id": image.pk, "thumbnail": thumbnail_url(image), "label": image_label(image)}
                )
        query = request.GET.get("q", "").strip()[:200]
        images = StoryImage.objects.order_by("-created_at")
        if query:
            images = images.filter(
                Q(alt_text__icontains=query)
                | Q(caption__icontains=query)
                | Q(credit__icontains=query)
            )
        shown = list(images[: CHOOSER_PAGE_SIZE + 1])
        context = {
            "query": query,
            "choices": [
                {"image": image, "thumbnail": thumbnail_url(image), "label": image_label(image)}
                for image in shown[:CHOOSER_PAGE_SIZE]
            ],
            "more": len(shown) > CHOOSER_PAGE_SIZE,
            "may_upload": may_upload,
            "upload_form": upload_form or self.get_form(request)(),
            "chooser_url": reverse("admin:stories_storyimage_chooser"),
        }
        status = 400 if upload_form is not None else 200
        return TemplateResponse(request, "admin/stories/image_chooser.html", context, status=status)

    # ---- where used, and refusing to delete what is used

    def where_used(self, image):
        if not image.pk:
            return "–"
        uses = uses_of(image)
        if not uses:
            return "Not used anywhere: it can be deleted."
        return format_html(
            '<ul class="image-uses">{}</ul>',
            format_html_join(
                "",
                '<li>{}: <a href="{}">{}</a> ({})</li>',
                ((use.kind.capitalize(), use.admin_url, use.label, use.how) for use in uses),
            ),
        )

    where_used.short_description = "Where used"

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = [
            format_html(
                '{} “<a href="{}">{}</a>” uses image “{}” as its {}',
                use.kind.capitalize(),
                use.admin_url,
                use.label,
                image_label(image) or image.pk,
                use.how,
            )
            for image in objs
            for use in uses_of(image)
        ]
        return deleted, model_count, perms_needed, [*protected, *in_use]
