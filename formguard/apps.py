from django.apps import AppConfig


class FormguardConfig(AppConfig):
    name = "formguard"
    verbose_name = "Public form protection"
