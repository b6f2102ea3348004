from django.apps import AppConfig


class ConfigConfig(AppConfig):
    """Site-wide templates tags, views (health, errors) and middleware."""

    name = "config"
    verbose_name = "Site"
