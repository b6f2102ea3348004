"""Uploaded files: one shape for every check, and names and types taken from
what a file *is*, never from what its uploader called it.

Every kind of upload (story images, clips, posters, captions, the guide PDF)
has a *check*: a function that reads the file and either raises a
ValidationError an editor can act on or returns the :class:`FileType` it
found. A :class:`CheckedFileField` runs its check as a validator (so a form
shows the message) and again when the file is stored, and names the stored
file with a random name and the extension of the type found: a caption called
``review.html`` is stored as ``<random>.vtt`` or not at all. The type also
travels to the storage as the file's content type (S3's ``ContentType``).

``SERVED_TYPES`` is the whole list of extensions media are served with; the
app's /media/ view and the nginx block in the README serve anything else as a
download.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.deconstruct import deconstructible


@dataclass(frozen=True)
class FileType:
    extension: str  # with its dot: ".jpg"
    content_type: str


JPEG = FileType(".jpg", "image/jpeg")
PNG = FileType(".png", "image/png")
WEBP = FileType(".webp", "image/webp")
MP4 = FileType(".mp4", "video/mp4")
WEBM = FileType(".webm", "video/webm")
VTT = FileType(".vtt", "text/vtt; charset=utf-8")
PDF = FileType(".pdf", "application/pdf")

SERVED_TYPES = {
    kind.extension: kind.content_type for kind in (JPEG, PNG, WEBP, MP4, WEBM, VTT, PDF)
}

CHECKED_TYPE = "checked_file_type"  # where a file remembers what its check found


def random_name(folder: str, file_type: FileType) -> str:
    """A name that reveals nothing: editors' file names often carry a survivor's
    real name or home town, and a public URL would show it to anyone."""
    return f"{folder}/{uuid.uuid4().hex}{file_type.extension}"


@deconstructible
class RandomUploadTo:
    """An ``upload_to`` for a :class:`CheckedFileField`, whose file names reach
    it as ``upload<extension>`` with the checked type's extension."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        return f"{self.folder}/{uuid.uuid4().hex}{PurePosixPath(filename).suffix}"

    def __eq__(self, other):
        return isinstance(other, RandomUploadTo) and other.folder == self.folder


def checked_type(content, check) -> FileType:
    """The type ``check`` finds in ``content``, read once per file."""
    found = getattr(content, CHECKED_TYPE, None)
    if found is None:
        found = check(content)
        # A file object that takes no attributes is simply checked again later.
        with contextlib.suppress(AttributeError):
            setattr(content, CHECKED_TYPE, found)
    return found


def typed_content(data: bytes, file_type: FileType) -> ContentFile:
    """Bytes we made ourselves (a re-encoded image, a rendition), labelled with their type."""
    content = ContentFile(data)
    setattr(content, CHECKED_TYPE, file_type)
    content.content_type = file_type.content_type
    return content


@deconstructible
class UploadValidator:
    """Runs a check on a newly uploaded file; a file already stored was checked
    when it came in (and reading it again on every save would fail, a 500, if
    it had since been removed from storage)."""

    def __init__(self, check):
        self.check = check

    def __call__(self, value):
        if getattr(value, "_committed", False):
            return
        checked_type(getattr(value, "file", value), self.check)

    def __eq__(self, other):
        return isinstance(other, UploadValidator) and other.check == self.check


class CheckedFieldFile(FieldFile):
    def save(self, name, content, save=True):
        file_type = checked_type(content, self.field.upload_check)
        # The storage (S3's ContentType) labels the file with the checked type,
        # never with the Content-Type the uploader's browser claimed.
        content.content_type = file_type.content_type
        super().save(f"upload{file_type.extension}", content, save)


class CheckedFileField(models.FileField):
    """A FileField whose files are checked by ``upload_check`` and stored under a
    random name with the extension of the type it found."""

    attr_class = CheckedFieldFile

    def __init__(self, *args, upload_check=None, **kwargs):
        self.upload_check = upload_check
        kwargs["validators"] = [*kwargs.get("validators", ()), UploadValidator(upload_check)]
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["upload_check"] = self.upload_check
        kwargs.pop("validators", None)
        return name, path, args, kwargs


def follows_the_rule(name: str, folder: str, file_type: FileType) -> bool:
    """Whether a stored name is already ``<folder>/<random><extension of its type>``."""
    path = PurePosixPath(name)
    return (
        str(path.parent) == folder
        and path.suffix == file_type.extension
        and len(path.stem) == 32
        and all(c in "0123456789abcdef" for c in path.stem)
    )


def rename_stored_file(storage, name: str, folder: str, sniff) -> str:
    """Move a file stored under a name its uploader chose to a random name with the
    extension of its type (``sniff`` reads an open file and returns the FileType);
    returns the new name, or the old one when it already follows the rule or is
    missing from storage. For files stored before every upload had a checked name."""
    try:
        with storage.open(name, "rb") as handle:
            file_type = sniff(handle)
            if follows_the_rule(name, folder, file_type):
                return name
            handle.seek(0)
            data = handle.read()
    except FileNotFoundError:
        return name
    new_name = storage.save(random_name(folder, file_type), typed_content(data, file_type))
    storage.delete(name)
    return new_name
