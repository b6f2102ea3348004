import factory
from django.utils import timezone

from outbox.models import OutboundEmail


class OutboundEmailFactory(factory.django.DjangoModelFactory):
    """A recorded message, as queue_email() would leave it (without enqueuing a task)."""

    class Meta:
        model = OutboundEmail

    template = "outbox_test"
    to = factory.Sequence(lambda n: f"reader{n}@example.org")
    subject = "Your guide from Stories of Hope"
    body_text = "Hello,\n\nHere is the guide.\n"
    body_html = "<p>Hello,</p><p>Here is the guide.</p>"
    message_id = factory.Sequence(lambda n: f"<test.{n}@example.org>")
    next_attempt_at = factory.LazyFunction(timezone.now)
