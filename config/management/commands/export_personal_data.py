import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from config import personal_data


class Command(BaseCommand):
    help = (
        "Print, as JSON, everything the site holds about one email address (an access "
        "request). With --delete, erase it afterwards (a request for erasure)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--delete", action="store_true", help="Erase the records too.")

    def handle(self, *args, email, delete=False, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not an email address.") from None
        found = personal_data.held_about(email)
        self.stdout.write(
            json.dumps(
                {"email": email, "data": personal_data.as_json(found)}, indent=2, default=str
            )
        )
        if delete:
            counts = personal_data.delete(found)
            summary = ", ".join(f"{count} {label}" for label, count in counts.items())
            self.stderr.write(f"Erased: {summary}.")
