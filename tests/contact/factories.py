from datetime import timedelta

import factory
from django.utils import timezone

from contact.models import MediaInquiry
from tests.factories import StaffUserFactory, form_post  # noqa: F401  (tests import it here)


class MediaInquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaInquiry

    name = factory.Sequence(lambda n: f"Reporter {n}")
    email = factory.Sequence(lambda n: f"reporter{n}@example.org")
    outlet = "The Example Times"
    topic = "Interview request"
    message = "Could someone talk to us about the survivors' stories?"
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))


MEDIA_FORM = {
    "name": "Alex Reporter",
    "email": "alex@example.org",
    "outlet": "The Example Times",
    "topic": "Interview about the new report",
    "message": "Hello,\nCould we speak with someone this week?\nThanks",
    "phone": "+1 555-010-0142",
    "deadline": "",
    "website": "",
}


def form_data(**overrides):
    """A complete, valid POST for /media-contact/ with a fresh form token."""
    return form_post(MEDIA_FORM, overrides)
