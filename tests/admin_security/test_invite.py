import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from outbox.models import OutboundEmail

pytestmark = pytest.mark.django_db


def test_invited_staff_member_sets_a_password_and_signs_in(
    client, immediate_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "invite_staff", "rosa@example.org", "--team", "Media team", "--name", "Rosa", stdout=out
        )
    user = get_user_model().objects.get(username="rosa")
    assert user.is_staff and not user.has_usable_password()
    assert list(user.groups.values_list("name", flat=True)) == ["Media team"]

    email = OutboundEmail.objects.get(to="rosa@example.org")
    assert email.state == OutboundEmail.State.SENT
    assert mailoutbox[0].to == ["rosa@example.org"]
    link = re.search(r"http://\S+/admin/password/\S+/", email.body_text).group(0)
    path = link.replace("http://127.0.0.1:8000", "")

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"new_password1": "a long new passphrase 42", "new_password2": "a long new passphrase 42"},
    )
    assert done.status_code == 302
    assert client.login(username="rosa", password="a long new passphrase 42")
    assert client.get("/admin/contact/mediainquiry/").status_code == 200
    assert client.get("/admin/stories/story/").status_code == 403


def test_unknown_team_or_bad_email_is_refused():
    with pytest.raises(CommandError):
        call_command("invite_staff", "not-an-email", "--team", "Editors")
    with pytest.raises(CommandError):
        call_command("invite_staff", "x@example.org", "--team", "Cooks")
