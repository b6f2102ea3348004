"""Inviting a staff member: an account in one team and an email, through the
outbox, with a one-time link to choose a password. The admin's "Invite staff"
page and ``manage.py invite_staff`` both come here."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from config.roles import ROLES
from formguard.cleaning import EmailAddressField, same_mailbox
from outbox.services import queue_email


class InvitationError(ValueError):
    pass


def invite_staff(email: str, team: str, name: str = "", username: str | None = None):
    """Create the account and queue the invitation; returns the new user."""
    if team not in ROLES:
        raise InvitationError(f"There is no team called {team!r}.")
    User = get_user_model()
    username = username or email.split("@", 1)[0]
    if User.objects.filter(username=username).exists():
        raise InvitationError(f"There is already a user called {username!r}.")
    if _has_an_account(email):
        raise InvitationError(f"Someone with the address {email} already has an account.")
    with transaction.atomic():
        user = User.objects.create_user(
            username=username, email=email, first_name=name, is_staff=True
        )
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get_or_create(name=team)[0])
        path = reverse(
            "staff_password_set",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        queue_email(
            "staff_invitation",
            email,
            {
                "user": user,
                "team": team,
                "set_password_url": settings.SITE_URL + path,
                "admin_url": f"{settings.SITE_URL}/{settings.ADMIN_URL}",
                "valid_days": round(settings.PASSWORD_RESET_TIMEOUT / 86400),
            },
            source=user,
        )
    return user


def _has_an_account(email: str) -> bool:
    """Whether an account has this address, compared canonically (never SQL
    UPPER(), which makes dana@kıtchen-sink.example the owner of
    dana@kitchen-sink.example). The database narrows by the local part
    (case-insensitive matching there only ever finds more)."""
    local = email.rpartition("@")[0]
    known = get_user_model().objects.filter(email__istartswith=f"{local}@")
    return any(same_mailbox(address, email) for address in known.values_list("email", flat=True))


class InviteStaffForm(forms.Form):
    email = EmailAddressField(label="Their email address")
    team = forms.ChoiceField(choices=[(name, name) for name in ROLES])
    name = forms.CharField(label="Their first name", max_length=150, required=False)
