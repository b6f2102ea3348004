"""Delivery through a real `manage.py db_worker` into a real SMTP server."""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from outbox.models import OutboundEmail
from outbox.services import queue_email
from tests.conftest import wait_for_idle_workers

from .conftest import queue_test_emails, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

State = OutboundEmail.State


def message_ids(sink) -> Counter:
    return Counter(message["Message-ID"] for message in sink.messages)


def assert_each_once(sink, emails):
    """Every message arrived, none twice, nothing else arrived for these recipients."""
    counts = message_ids(sink)
    expected = {email.message_id for email in emails}
    assert {mid: n for mid, n in counts.items() if mid in expected} == dict.fromkeys(expected, 1)


def test_a_queued_message_arrives_once_with_headers_parts_and_attachment(
    smtp_sink, db_worker, worker_env, settings
):
    supporter = get_user_model().objects.create_user("supporter", "supporter@example.org")
    guide = default_storage.save("guides/tips.pdf", ContentFile(b"%PDF-1.4 twenty-five tips"))
    with transaction.atomic():
        email = queue_email(
            "outbox_test",
            "Sam Supporter <sam@example.org>",
            {"name": "Sam & Co"},
            reply_to="events@example.org",
            attachments=[guide],
            source=supporter,
        )
    db_worker(worker_env)

    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "Sam Supporter <sam@example.org>"
    assert message["Reply-To"] == "events@example.org"
    assert message["Subject"] == "Your guide from Stories of Hope"
    assert message["Message-ID"] == email.message_id
    assert "no-reply@example.org" in message["From"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Hello Sam & Co," in text  # plain text is not HTML-escaped
    assert f"{settings.SITE_URL}/fundraise/" in text  # absolute links
    assert "Hello Sam &amp; Co," in html
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "tips.pdf"
    assert attachment.get_content() == b"%PDF-1.4 twenty-five tips"
    assert smtp_sink.envelopes[0].rcpt_tos == ["sam@example.org"]

    wait_until(
        lambda: OutboundEmail.objects.get(pk=email.pk).state == State.SENT, 10, "not marked sent"
    )
    email.refresh_from_db()
    assert email.attempts == 1 and email.sent_at is not None and email.last_error == ""
    assert list(OutboundEmail.objects.for_source(supporter)) == [email]
    wait_for_idle_workers(after_a_sweep=True)  # a later sweep must not send it again
    assert len(smtp_sink.messages) == 1


def test_smtp_outage_loses_nothing_and_delivers_each_once_soon_after(
    smtp_sink, db_worker, worker_env
):
    smtp_sink.stop()
    emails = queue_test_emails(50)
    db_worker(worker_env)
    wait_until(
        lambda: OutboundEmail.objects.filter(state=State.QUEUED, attempts__gte=2).count() == 50,
        60,
        "every message should have been tried (and failed) at least twice during the outage",
    )
    assert OutboundEmail.objects.exclude(last_error="").count() == 50

    smtp_sink.start()
    # How soon after the outage: the retry schedule's property test (production
    # timing) and the benchmark say; here, that nothing is lost or doubled.
    smtp_sink.wait_for(50, timeout=60)
    wait_until(
        lambda: OutboundEmail.objects.filter(state=State.SENT).count() == 50, 10, "not all sent"
    )
    wait_for_idle_workers(after_a_sweep=True)
    assert len(smtp_sink.messages) == 50
    assert_each_once(smtp_sink, emails)


def test_worker_killed_mid_send_every_message_arrives_none_twice(smtp_sink, db_worker, worker_env):
    """SIGKILL while three workers are each mid-conversation with the server
    (the server stalls before accepting the recipient); new workers finish the job."""
    stalled = True
    original_rcpt = smtp_sink.handle_RCPT

    async def stalling_rcpt(server, session, envelope, address, rcpt_options):
        while stalled:
            await asyncio.sleep(0.05)
        return await original_rcpt(server, session, envelope, address, rcpt_options)

    smtp_sink.handle_RCPT = stalling_rcpt
    emails = queue_test_emails(8)
    slow_env = {**worker_env, "EMAIL_TIMEOUT": "30", "OUTBOX_SENDING_TIMEOUT": "60"}
    doomed = [db_worker(slow_env) for _ in range(3)]
    wait_until(
        lambda: OutboundEmail.objects.filter(state=State.SENDING).count() == 3,
        20,
        "three messages should be mid-send",
    )
    for worker in doomed:
        worker.kill()
    killed_at = timezone.now()
    stalled = False
    assert OutboundEmail.objects.filter(state=State.SENDING).count() == 3
    assert smtp_sink.messages == []

    db_worker(worker_env)
    db_worker(worker_env)
    smtp_sink.wait_for(8, timeout=30)
    wait_until(
        lambda: OutboundEmail.objects.filter(state=State.SENT).count() == 8, 10, "not all sent"
    )
    wait_for_idle_workers(after_a_sweep=True, abandoned_before=killed_at)
    assert len(smtp_sink.messages) == 8
    assert_each_once(smtp_sink, emails)
    retried = OutboundEmail.objects.filter(attempts=2)
    assert retried.count() == 3


def test_workers_racing_over_duplicate_tasks_send_each_message_once(
    smtp_sink, db_worker, worker_env
):
    from outbox.tasks import enqueue_delivery

    emails = queue_test_emails(30)
    # Three tasks per message, as a lost-and-found sweep racing a retry could cause.
    for email in emails:
        enqueue_delivery(email.pk)
        enqueue_delivery(email.pk)
    for _ in range(3):
        db_worker(worker_env)
    smtp_sink.wait_for(30, timeout=60)
    wait_until(
        lambda: OutboundEmail.objects.filter(state=State.SENT).count() == 30, 10, "not all sent"
    )
    wait_for_idle_workers(after_a_sweep=True)  # every duplicate task has run by now
    assert len(smtp_sink.messages) == 30
    assert_each_once(smtp_sink, emails)
    assert set(OutboundEmail.objects.values_list("attempts", flat=True)) == {1}


def test_permanent_rejection_fails_at_once_visible_to_staff(
    smtp_sink, db_worker, worker_env, admin_client
):
    smtp_sink.reject_rcpt["nobody@example.org"] = "550 5.1.1 No such mailbox here"
    with transaction.atomic():
        email = queue_email("outbox_test", "nobody@example.org", {"name": "Nobody"})
    db_worker(worker_env)

    wait_until(
        lambda: OutboundEmail.objects.get(pk=email.pk).state == State.FAILED, 15, "not failed"
    )
    email.refresh_from_db()
    assert email.attempts == 1
    assert "550" in email.last_error and "No such mailbox" in email.last_error

    # The operators hear about it, through the outbox too.
    [notice] = smtp_sink.wait_for(1, timeout=15)
    assert notice["To"] == "webmaster@example.org"
    assert "could not be delivered" in notice["Subject"]
    assert "No such mailbox" in notice.get_body(("plain",)).get_content()

    # The list says it in plain words; the server's reply is on the message's page.
    page = admin_client.get("/admin/outbox/outboundemail/").content.decode()
    assert "failed: refused at once (1 attempt)" in page
    assert "The address does not exist" in page
    detail = admin_client.get(f"/admin/outbox/outboundemail/{email.pk}/change/")
    assert "550 5.1.1 No such mailbox here" in detail.content.decode()


def test_a_starting_worker_recovers_strays_without_any_new_message(
    smtp_sink, db_worker, worker_env
):
    """Nothing is queued and no sweep is scheduled (the last worker died holding it):
    starting a worker alone must find the message stuck in 'sending' and the one
    whose task was lost."""
    from django_tasks_db.models import DBTaskResult

    from .factories import OutboundEmailFactory

    long_ago = timezone.now() - timezone.timedelta(minutes=10)
    stuck = OutboundEmailFactory(state=State.SENDING, attempts=1, sending_started_at=long_ago)
    lost = OutboundEmailFactory(next_attempt_at=long_ago)
    assert not DBTaskResult.objects.exists()

    db_worker(worker_env)
    smtp_sink.wait_for(2, timeout=20)
    assert_each_once(smtp_sink, [stuck, lost])
