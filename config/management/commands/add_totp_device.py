from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a staff member an authenticator (TOTP) for two-factor sign-in and print the "
        "otpauth:// link to add to their app (Aegis, FreeOTP, 1Password, Google Authenticator…)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app")

    def handle(self, *args, username, name, **options):
        try:
            user = get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user called {username!r}.") from None
        if not user.is_staff:
            raise CommandError(f"{username} is not staff; two-factor sign-in is for the admin.")
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(
            f"Added {name!r} for {username}. Open this link on their phone, or paste it "
            f"into their authenticator app, then delete this output:\n{device.config_url}"
        )
