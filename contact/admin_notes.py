"""An inquiry's internal notes as a dated log: a box to add a note, and the
notes so far (who, when, what), newest first. Nothing already written can be
changed here, so two people triaging at once never overwrite each other."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from contact.models import InquiryNote


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
        notes = list(inquiry.notes.select_related("author"))
        entries = [
            (
                timezone.localtime(note.created_at).strftime("%Y-%m-%d %H:%M"),
                (note.author.get_full_name() or note.author.username) if note.author else "—",
                note.text,
            )
            for note in notes
        ]
        if inquiry.internal_notes.strip():
            entries.append(("before the log", "—", inquiry.internal_notes))
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
