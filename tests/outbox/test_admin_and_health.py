"""What staff and an operator's monitor see."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from outbox.models import OutboundEmail
from outbox.tasks import deliver_email

from .factories import OutboundEmailFactory

pytestmark = pytest.mark.django_db
State = OutboundEmail.State
CHANGELIST = "/admin/outbox/outboundemail/"


def test_the_list_shows_state_attempts_error_and_the_source_linked(admin_client):
    supporter = get_user_model().objects.create(username="sam-supporter")
    OutboundEmailFactory(
        to="gone@example.org", state=State.FAILED, attempts=1, last_error="550 no such user"
    )
    queued = OutboundEmailFactory(to="later@example.org", attempts=1, last_error="timed out")
    queued.source = supporter
    queued.save()

    page = admin_client.get(CHANGELIST).content.decode()
    # States in plain words, with what a failure means; the raw reply is on the message's page.
    assert "failed: refused at once (1 attempt)" in page
    assert "The address does not exist" in page
    assert "retrying, attempt 2" in page
    assert f'href="/admin/auth/user/{supporter.pk}/change/"' in page and "sam-supporter" in page

    failed_only = admin_client.get(CHANGELIST, {"state__exact": "failed"}).content.decode()
    assert "gone@example.org" in failed_only and "later@example.org" not in failed_only
    found = admin_client.get(CHANGELIST, {"q": "later@"}).content.decode()
    assert "later@example.org" in found and "gone@example.org" not in found


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_query_count_does_not_grow_with_rows(
    admin_client, django_assert_max_num_queries, rows
):
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"user{index}") for index in range(rows)
    )
    for user in users:
        email = OutboundEmailFactory()
        email.source = user
        email.save()
    with django_assert_max_num_queries(16):
        assert admin_client.get(CHANGELIST).status_code == 200


def test_a_message_page_is_read_only(admin_client):
    email = OutboundEmailFactory(last_error="451 try later")
    page = admin_client.get(f"{CHANGELIST}{email.pk}/change/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "451 try later" in body and 'name="_save"' not in body
    assert admin_client.get(f"{CHANGELIST}add/").status_code == 403
    assert admin_client.post(f"{CHANGELIST}{email.pk}/delete/").status_code == 403


def test_retry_now_brings_a_failed_message_forward(
    admin_client, django_capture_on_commit_callbacks
):
    failed = OutboundEmailFactory(
        state=State.FAILED, attempts=3, last_error="550", next_attempt_at=None
    )
    sent = OutboundEmailFactory(state=State.SENT, sent_at=timezone.now(), attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "retry_now", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert "1 message(s) will be tried again now." in response.content.decode()
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert failed.state == State.QUEUED and failed.next_attempt_at <= timezone.now()
    assert sent.state == State.SENT
    tasks = DBTaskResult.objects.filter(task_path=deliver_email.module_path)
    assert [row["args"] for row in tasks.values_list("args_kwargs", flat=True)] == [[failed.pk]]


def test_resend_queues_a_new_message_recorded_as_a_resend(
    admin_client, django_capture_on_commit_callbacks
):
    sent = OutboundEmailFactory(state=State.SENT, sent_at=timezone.now(), attempts=1)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(CHANGELIST, {"action": "resend", "_selected_action": [sent.pk]})
    copy = OutboundEmail.objects.get(resent_from=sent)
    assert copy.state == State.QUEUED and copy.to == sent.to
    page = admin_client.get(f"{CHANGELIST}{copy.pk}/change/").content.decode()
    assert str(sent) in page  # the resend names its original


def test_staff_without_permission_cannot_see_messages(client):
    staff = get_user_model().objects.create_user(
        "volunteer", password="pw-for-tests", is_staff=True
    )
    client.force_login(staff)
    assert client.get(CHANGELIST).status_code == 403


def test_healthz_reports_queued_failed_and_the_oldest_waiting_age(client):
    oldest = OutboundEmailFactory()
    OutboundEmail.objects.filter(pk=oldest.pk).update(
        created_at=timezone.now() - timedelta(minutes=7)
    )
    OutboundEmailFactory(state=State.SENDING, attempts=1, sending_started_at=timezone.now())
    OutboundEmailFactory(state=State.FAILED)
    OutboundEmailFactory(state=State.SENT, sent_at=timezone.now())

    email = client.get("/healthz").json()["email"]
    assert email["queued"] == 2 and email["failed"] == 1
    assert 415 <= email["oldest_queued_age_seconds"] <= 430


def test_healthz_with_nothing_waiting(client):
    assert client.get("/healthz").json()["email"] == {
        "queued": 0,
        "failed": 0,
        "oldest_queued_age_seconds": None,
    }
