from django.core.management.base import BaseCommand

from config.catalogue import compile_catalogues


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po into the .mo files Django reads, in pure "
        "Python (no GNU gettext needed). The make targets do this on their own; run it "
        "on each release (README, Deploying)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Rewrite even up-to-date files.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogues(force=force)
        for path in written:
            self.stdout.write(f"compiled {path}")
        if not written:
            self.stdout.write("catalogues up to date")
