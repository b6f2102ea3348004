from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from config.roles import ROLES
from outbox.services import queue_email


class Command(BaseCommand):
    help = (
        "Invite a staff member: create their account in a team and email them a link to "
        "choose their password (through the outbox, so the invitation survives an SMTP outage)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--team", required=True, choices=sorted(ROLES))
        parser.add_argument("--name", default="", help="Their first name, for the greeting.")
        parser.add_argument("--username", help="Defaults to the part of the email before @.")

    def handle(self, *args, email, team, name, username=None, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        User = get_user_model()
        username = username or email.split("@", 1)[0]
        if User.objects.filter(username=username).exists():
            raise CommandError(f"There is already a user called {username!r}; pass --username.")
        with transaction.atomic():
            user = User.objects.create_user(
                username=username, email=email, first_name=name, is_staff=True
            )
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=team))
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
        self.stdout.write(f"Invited {username} <{email}> to the {team}; the email is queued.")
