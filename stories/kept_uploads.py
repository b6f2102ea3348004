"""Files chosen in an admin form survive a validation error elsewhere in the form.

A browser never refills a file input, so a long clip upload used to be lost
whenever, say, the title was missing. When a form with errors carries a file
that passed its own checks, the file is stored under a random name and the
form comes back with a signed reference to it; sent again without a new file,
the reference brings the same file back and it is checked again as new.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django import forms
from django.core import signing
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html

SALT = "stories.kept-upload"
FOLDER = "stories/pending"
MAX_AGE = 24 * 60 * 60
KEPT_EXTENSIONS = {".mp4", ".webm", ".vtt", ".jpg", ".jpeg", ".png", ".webp"}


class KeptFileInput(forms.ClearableFileInput):
    """A file input that also answers with the file kept from the last attempt."""

    kept: dict | None = None

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        if upload or upload is False:
            return upload  # a new file, or "clear" ticked
        kept = read_reference(data.get(f"{name}__kept", ""))
        if kept is None:
            return upload
        self.kept = kept
        return UploadedFile(
            file=default_storage.open(kept["name"]),
            name=kept["original"],
            content_type=kept["type"],
            size=default_storage.size(kept["name"]),
        )

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.kept:
            return html
        return html + format_html(
            '<input type="hidden" name="{}__kept" value="{}">'
            '<p class="help kept-upload">Kept from your last attempt: {} (no need to choose '
            "it again).</p>",
            name,
            self.kept["token"],
            self.kept["original"],
        )


def read_reference(token: str) -> dict | None:
    if not token:
        return None
    try:
        kept = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if not str(kept.get("name", "")).startswith(f"{FOLDER}/") or not default_storage.exists(
        kept["name"]
    ):
        return None
    return {**kept, "token": token}


def keep(upload) -> dict:
    extension = PurePosixPath(upload.name).suffix.lower()
    if extension not in KEPT_EXTENSIONS:
        extension = ".bin"  # the file passed its field's checks; its name is only a hint
    upload.seek(0)
    stored = default_storage.save(f"{FOLDER}/{uuid.uuid4().hex}{extension}", upload)
    reference = {
        "name": stored,
        "original": PurePosixPath(upload.name).name[:200],
        "type": getattr(upload, "content_type", "") or "application/octet-stream",
    }
    return {**reference, "token": signing.dumps(reference, salt=SALT)}


class KeepUploadsMixin:
    """For a ModelForm: keep valid uploads when the form as a whole is refused."""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name, field in self.fields.items():
            widget = field.widget
            if not isinstance(widget, KeptFileInput):
                continue
            upload = self.files.get(self.add_prefix(name))
            if self.errors and upload and name not in self.errors:
                widget.kept = keep(upload)
            elif not self.errors and widget.kept:
                kept = widget.kept
                # Saved for real under its own name: the spare copy can go.
                self._kept_to_delete = [*getattr(self, "_kept_to_delete", []), kept["name"]]

    def save(self, commit=True):
        instance = super().save(commit)
        for name in getattr(self, "_kept_to_delete", []):
            default_storage.delete(name)
        return instance
