from django.apps import AppConfig


class FundraisingConfig(AppConfig):
    name = "fundraising"
    verbose_name = "Fundraiser sign-ups"
