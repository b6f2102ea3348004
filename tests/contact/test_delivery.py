"""The email path end to end: the form, the outbox, a real db_worker process and a real SMTP server."""

import pytest

from contact.models import MediaInquiry
from outbox.models import OutboundEmail
from tests.contact.factories import form_data

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_worker_delivers_notification_and_acknowledgement(client, settings, smtp_sink, db_worker):
    settings.FORM_MIN_SECONDS = 0
    settings.MEDIA_TEAM_EMAIL = ""
    response = client.post("/media-contact/", form_data(name="Alex Reporter"))
    assert response.status_code == 303
    inquiry = MediaInquiry.objects.get()

    db_worker()
    smtp_sink.wait_for(2, timeout=60)

    [notification] = smtp_sink.to("media@example.org")
    [acknowledgement] = smtp_sink.to("alex@example.org")
    assert notification["Reply-To"] == "alex@example.org"
    assert "Media inquiry from Alex Reporter" in notification["Subject"]
    notification_text = notification.get_body(("plain",)).get_content()
    assert "Could we speak with someone this week?" in notification_text
    assert f"/admin/contact/mediainquiry/{inquiry.pk}/change/" in notification_text
    assert acknowledgement["Reply-To"] == "media@example.org"
    acknowledgement_text = acknowledgement.get_body(("plain",)).get_content()
    assert "Jordan Avery" in acknowledgement_text
    assert acknowledgement.get_body(("html",)) is not None

    # Staff see both as sent on the inquiry.
    for _ in range(100):
        states = set(OutboundEmail.objects.for_source(inquiry).values_list("state", flat=True))
        if states == {"sent"}:
            break
        import time

        time.sleep(0.1)
    assert states == {"sent"}
