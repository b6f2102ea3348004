from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from config.invitations import InvitationError, invite_staff
from config.roles import ROLES
from formguard.cleaning import EmailAddressField


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
            email = EmailAddressField().clean(email)  # the invite page's rule
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        try:
            user = invite_staff(email, team, name, username)
        except InvitationError as exc:
            raise CommandError(f"{exc} Pass --username for another name.") from None
        username = user.username
        self.stdout.write(f"Invited {username} <{email}> to the {team}; the email is queued.")
