from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class ConfigConfig(AppConfig):
    """The project's own app. Site-wide templates tags, views (health, errors) and middleware."""

    default = True
    name = "config"
    verbose_name = "Site"

    def ready(self):
        from django.db.models.signals import post_migrate

        from config.roles import sync_after_migrate

        post_migrate.connect(sync_after_migrate, dispatch_uid="config.roles.sync")

        from django.contrib.auth.signals import user_logged_in

        from config.timezones import remember_on_login

        user_logged_in.connect(remember_on_login, dispatch_uid="config.timezones.login")


class StoriesAdminConfig(admin_apps.AdminConfig):
    """Django's admin on our site class (optional two-factor sign-in)."""

    default = False
    default_site = "config.admin_site.StoriesAdminSite"
