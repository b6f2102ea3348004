"""The acknowledgement goes to an address nobody verified, so it must not carry
the sender's own words: otherwise the form relays anyone's text to anyone."""

import pytest

from outbox.models import OutboundEmail
from tests.contact.factories import form_data

pytestmark = pytest.mark.django_db


def test_acknowledgement_repeats_nothing_the_sender_typed(client, settings):
    settings.FORM_MIN_SECONDS = 0
    spam = "Cheap watches at shady.example"
    client.post(
        "/media-contact/",
        form_data(name=spam, topic=spam, outlet=spam, message=spam, email="victim@example.org"),
    )
    ack = OutboundEmail.objects.get(to="victim@example.org")
    assert ack.subject == "We received your media inquiry"
    for part in (ack.subject, ack.body_text, ack.body_html):
        assert "shady.example" not in part
    # The media team's own notification still carries everything.
    notification = OutboundEmail.objects.exclude(pk=ack.pk).get()
    assert spam in notification.body_text


def test_guide_subject_carries_no_visitor_text(client, settings):
    from tests.fundraising.factories import form_data as signup_data

    settings.FORM_MIN_SECONDS = 0
    client.post("/fundraise/", signup_data(first_name="Visit shady.example now"))
    guide = OutboundEmail.objects.get(template="fundraising_guide")
    assert "shady.example" not in guide.subject
