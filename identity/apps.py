from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "identity"
    verbose_name = "Organisation identity"

    def ready(self):
        from identity import signals

        signals.connect()
