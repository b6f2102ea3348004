from django.conf import settings
from django.core.management.base import BaseCommand

from config import personal_data


class Command(BaseCommand):
    help = (
        "Delete media inquiries, fundraiser sign-ups and email records older than "
        "PERSONAL_DATA_RETENTION_DAYS (default 730). Safe to run daily from cron: "
        "`0 3 * * * cd /srv/stories && .venv/bin/python manage.py purge_personal_data`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say what would be deleted."
        )

    def handle(self, *args, dry_run=False, **options):
        found = personal_data.expired()
        days = settings.PERSONAL_DATA_RETENTION_DAYS
        if dry_run:
            for label, queryset in found.items():
                self.stdout.write(f"would delete {queryset.count()} {label} older than {days} days")
            return
        for label, count in personal_data.delete(found).items():
            self.stdout.write(f"deleted {count} {label} older than {days} days")
