"""The guide on one page: its sections, and under them each section's tips,
with a warning when the uploaded PDF is older than the tips' last change (the
email would attach an out-of-date guide)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone

from config.translated_forms import TranslatedModelForm
from fundraising.models import GuideSection, GuideTip


class SectionTipsInline(admin.StackedInline):
    model = GuideTip
    form = TranslatedModelForm
    fields = ["order", ("title_en", "title_fr"), ("text_en", "text_fr")]
    extra = 0


class GuideOnePageMixin:
    """Adds one tips formset per existing section to the guide's change page."""

    def _tips_inlines(self, request, guide):
        if guide is None or guide.pk is None:
            return []
        inlines = []
        for section in guide.sections.all():
            inline_class = type(
                "SectionTipsInline",
                (SectionTipsInline,),
                {"verbose_name_plural": f"Tips in “{section.title}”"},
            )
            inlines.append((section, inline_class(GuideSection, self.admin_site)))
        return inlines

    def _create_formsets(self, request, obj, change):
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        for section, inline in self._tips_inlines(request, obj):
            if not inline.has_view_or_change_permission(request, section):
                continue
            formset_class = inline.get_formset(request, section)
            kwargs = {"instance": section, "prefix": f"tips-{section.pk}"}
            if request.method == "POST":
                if f"tips-{section.pk}-TOTAL_FORMS" not in request.POST:
                    continue  # a section added by someone else since this page was opened
                kwargs.update(data=request.POST, files=request.FILES)
            formsets.append(formset_class(**kwargs))
            inline_instances.append(inline)
        return formsets, inline_instances

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if "pdf" in form.changed_data and form.instance.pdf:
            type(form.instance).objects.filter(pk=form.instance.pk).update(
                pdf_uploaded_at=timezone.now()
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            guide = self.get_object(request, object_id)
            if guide is not None and guide.pdf_is_older_than_tips():
                changed = timezone.localtime(guide.tips_changed_at())
                self.message_user(
                    request,
                    f"The PDF is older than the tips (last changed {changed:%Y-%m-%d %H:%M}): "
                    "supporters would get an out-of-date PDF. Upload a new one.",
                    messages.WARNING,
                )
        return super().change_view(request, object_id, form_url, extra_context)
