"""The organisation's mark, which staff upload; its name is the ORGANIZATION_NAME setting.

One row (id 1). Every page's header shows the logo, so a change drops the
cached pages and the remembered logo address at once: ``identity/signals.py``
hands it to the task layer, and ``identity/caching.py`` remembers the logo.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import models
from PIL import Image

from config import uploads
from config.singletons import SingletonModel
from config.uploads import CheckedFileField, RandomUploadTo
from stories import renditions
from stories.validators import check_image

# The header shows the mark 48 px high; twice that stays sharp on dense screens.
LOGO_HEIGHT = 96


class SiteIdentity(SingletonModel):
    logo = CheckedFileField(
        upload_to=RandomUploadTo("identity"),
        blank=True,
        max_length=255,
        upload_check=check_image,
        help_text="A PNG (transparent background), JPEG or WebP of the organisation's mark, "
        "shown beside its name in every page's header. It is scaled to 96 pixels high.",
    )
    logo_width = models.PositiveIntegerField(default=0, editable=False)
    logo_height = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(SingletonModel.Meta):
        verbose_name = "logo"
        verbose_name_plural = "logo"

    def __str__(self):
        return "Organisation logo"

    def save(self, *args, **kwargs):
        if self.logo and not getattr(self.logo, "_committed", True):
            data, self.logo_width, self.logo_height = _scaled_logo(self.logo)
            self.logo.save("logo", data, save=False)  # named by its checked type
        elif not self.logo:
            self.logo_width = self.logo_height = 0
        super().save(*args, **kwargs)


def _scaled_logo(uploaded) -> tuple[ContentFile, int, int]:
    """Re-encoded from its pixels alone (no metadata survives), at most LOGO_HEIGHT high."""
    uploaded.seek(0)
    with Image.open(uploaded) as original:
        image_format = original.format
        image = renditions._pixels_only(original)
    if image.height > LOGO_HEIGHT:
        width = max(1, round(image.width * LOGO_HEIGHT / image.height))
        image = image.resize((width, LOGO_HEIGHT), Image.LANCZOS)
    content = uploads.typed_content(
        renditions.encode(image, image_format), renditions.TYPE_FOR_FORMAT[image_format]
    )
    return content, image.width, image.height
