"""Small fixes to Django admin widgets that axe-core (WCAG 2.2 AA) flags."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime


class LabelledWidgetsMixin:
    """Names both halves of a date-and-time field (Django labels only the
    pair, so a screen reader announces the time box without a name), and
    offers many-to-many choices as checkboxes instead of the two-box filter,
    whose search icon carries ARIA a plain element may not have."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, AdminSplitDateTime):
            label = str(formfield.label or db_field.verbose_name).capitalize()
            widget.widgets[0].attrs["aria-label"] = f"{label}: date"
            widget.widgets[1].attrs["aria-label"] = f"{label}: time"
        return formfield

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in getattr(self, "checkbox_many_to_many", ()):
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class LabelledTabularInline(admin.TabularInline):
    """A table of inline forms whose inputs carry their column's name: the
    column heading is not a label, so each input would otherwise have none."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            formfield.widget.attrs.setdefault(
                "aria-label", str(formfield.label or db_field.verbose_name).capitalize()
            )
        return formfield

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for name, label in (("DELETE", "Delete"), ("ORDER", "Order")):
                    if name in form.fields:
                        row = f" row {index + 1}" if index is not None else ""
                        form.fields[name].widget.attrs["aria-label"] = f"{label}{row}"

        return LabelledFormSet
