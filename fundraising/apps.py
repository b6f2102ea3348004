from django.apps import AppConfig


class FundraisingConfig(AppConfig):
    name = "fundraising"
    verbose_name = "Fundraiser sign-ups"

    def ready(self):
        from fundraising import signals

        signals.connect()
