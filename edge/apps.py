from django.apps import AppConfig


class EdgeConfig(AppConfig):
    name = "edge"
    verbose_name = "Edge cache"

    def ready(self):
        from edge import health  # noqa: F401 - registers the /healthz section
