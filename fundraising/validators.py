from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from config.uploads import PDF, FileType

PDF_MAX_BYTES = 10 * 1024 * 1024
PDF_SIGNATURE = b"%PDF-"


def check_pdf(upload) -> FileType:
    """A real PDF (by its signature, not its name) of at most 10 MB: it is attached
    to every guide email, and mail servers refuse large messages."""
    if upload.size > PDF_MAX_BYTES:
        raise ValidationError(
            _("This file is %(size)s MB; the guide PDF can be at most 10 MB."),
            params={"size": f"{upload.size / 1024 / 1024:.1f}"},
            code="pdf_too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(len(PDF_SIGNATURE))
    finally:
        upload.seek(position)
    if head != PDF_SIGNATURE:
        raise ValidationError(
            _("This file is not a PDF. Please upload the guide as a PDF document."),
            code="not_pdf",
        )
    return PDF
