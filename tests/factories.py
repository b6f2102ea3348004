"""Factories every feature's tests share."""

import factory
from django.contrib.auth import get_user_model

from formguard.forms import new_token

# The password of every staff user the factories make.
STAFF_PASSWORD = "correct horse battery staple"


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A superuser with a known password, for admin pages in client tests."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    is_superuser = True
    password = factory.django.Password(STAFF_PASSWORD)


def form_post(valid, overrides):
    """A public form's POST: ``valid`` with ``overrides`` on top and a fresh form token.

    An override of ``None`` drops that field, as a browser that never sent it.
    """
    data = {**valid, "form_token": new_token(), **overrides}
    return {k: v for k, v in data.items() if v is not None}
