"""The email path end to end: the form, the outbox, a real db_worker process and a real SMTP server."""

import re
import time

import pytest
from django.core.files.base import ContentFile

from fundraising.models import FundraiserSignup, Guide
from outbox.models import OutboundEmail
from tests.conftest import wait_for_idle_workers
from tests.fundraising.factories import form_data

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n% twenty-five tips\n%%EOF\n"


@pytest.fixture
def worker_env(settings):
    # The worker reads the attached PDF from the same media folder as the test.
    return {"MEDIA_ROOT": str(settings.MEDIA_ROOT), "EMAIL_TIMEOUT": "5"}


def wait_for_states(signup, expected, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = set(OutboundEmail.objects.for_source(signup).values_list("state", flat=True))
        if states == expected:
            return
        time.sleep(0.1)
    raise AssertionError(f"states {states}, expected {expected}")


def test_double_submit_delivers_one_guide_with_pdf_and_one_notification(
    client, settings, smtp_sink, db_worker, worker_env
):
    settings.FORM_MIN_SECONDS = 0
    settings.EVENTS_TEAM_EMAIL = "events@example.org"
    guide = Guide.load()
    guide.pdf.save("tips.pdf", ContentFile(PDF))

    data = form_data(news_consent="on")
    assert client.post("/fundraise/", data).status_code == 303
    assert client.post("/fundraise/", data).status_code == 303  # the double click
    signup = FundraiserSignup.objects.get()

    db_worker(worker_env)
    smtp_sink.wait_for(2, timeout=60)

    [guide_email] = smtp_sink.to("robin@example.org")
    [notification] = smtp_sink.to("events@example.org")
    assert guide_email["Reply-To"] == "events@example.org"
    text = guide_email.get_body(("plain",)).get_content()
    assert "Hello Robin," in text
    assert f"{settings.SITE_URL}/fundraise/guide/" in text
    assert "events@example.org" in text
    assert re.search(re.escape(settings.SITE_URL) + r"/fundraise/unsubscribe/\S+/", text)
    html = guide_email.get_body(("html",)).get_content()
    assert f'href="{settings.SITE_URL}/fundraise/guide/"' in html
    [attachment] = list(guide_email.iter_attachments())
    assert attachment.get_filename().endswith(".pdf")
    assert attachment.get_content() == PDF

    assert notification["Reply-To"] == "robin@example.org"
    assert "Robin Example" in notification["Subject"]
    notification_text = notification.get_body(("plain",)).get_content()
    assert f"/admin/fundraising/fundraisersignup/{signup.pk}/change/" in notification_text

    wait_for_states(signup, {"sent"})
    wait_for_idle_workers()  # nothing else turns up later
    assert len(smtp_sink.messages) == 2


def test_without_a_pdf_the_guide_email_has_no_attachment(
    client, settings, smtp_sink, db_worker, worker_env
):
    settings.FORM_MIN_SECONDS = 0
    assert client.post("/fundraise/", form_data()).status_code == 303
    db_worker(worker_env)
    smtp_sink.wait_for(2, timeout=60)
    [guide_email] = smtp_sink.to("robin@example.org")
    assert list(guide_email.iter_attachments()) == []
    assert "unsubscribe" not in guide_email.get_body(("plain",)).get_content().lower()
