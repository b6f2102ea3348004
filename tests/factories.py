"""Factories every feature's tests share."""

import factory
from django.contrib.auth import get_user_model


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A superuser with a known password, for admin pages in client tests."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    is_superuser = True
    password = factory.django.Password("correct horse battery staple")
