"""An inquiry's internal notes as a dated log: a box to add a note, and the
notes so far (who, when, what), newest first. Nothing already written can be
changed here, so two people triaging at once never overwrite each other."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html, format_html_join

from contact.models import InquiryNote


def log_entries(inquiry, notes) -> list[tuple[str, str, str]]:
    """(when, who, text) for each note, newest first, then the free-text notes
    typed before the log existed: what the inquiry page and the CSV both show."""
    entries = [(note.written_at, note.author_name, note.text) for note in notes]
    if inquiry.internal_notes.strip():
        entries.append(("before the log", "—", inquiry.internal_notes))
    return entries


def notes_cell(inquiry) -> str:
    """The log as one spreadsheet cell, a line an entry; reads the prefetched
    ``notes`` (with ``notes__author``), so an export costs the same queries for
    any number of inquiries."""
    return "\n".join(
        f"{when}, {who}: {text}" for when, who, text in log_entries(inquiry, inquiry.notes.all())
    )


class NoteTakingForm(forms.ModelForm):
    add_note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the media team only; never sent to the journalist. Saved with your "
        "name and the time.",
    )


class NotesLogMixin:
    form = NoteTakingForm

    @admin.display(description="Internal notes")
    def notes_log(self, inquiry):
        if not inquiry.pk:
            return "–"
        entries = log_entries(inquiry, inquiry.notes.select_related("author"))
        if not entries:
            return "No notes yet."
        return format_html(
            '<ol class="notes-log">{}</ol>',
            format_html_join(
                "",
                '<li><span class="notes-log__meta">{}, {}</span>'
                '<span class="notes-log__text">{}</span></li>',
                entries,
            ),
        )

    def address_corrected(self, request, inquiry, old, new):
        """Called when staff correct the journalist's address to resend an email."""
        InquiryNote.objects.create(
            inquiry=inquiry,
            author=request.user,
            text=f"Corrected the address from {old} to {new} and resent the email.",
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        text = form.cleaned_data.get("add_note", "").strip()
        if text:
            InquiryNote.objects.create(inquiry=obj, author=request.user, text=text)
