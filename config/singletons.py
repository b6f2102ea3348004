"""Models with exactly one row (the media contact card, the guide), in one shape.

Staff edit the row in the admin (``config.singleton_admin``); nobody adds a
second or deletes it, and code reads it with ``Model.load()``, which creates
it from ``default_values()`` on a database that has none. A check constraint
keeps the database itself to one row, whatever code runs.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class SingletonModel(models.Model):
    SINGLETON_ID = 1

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="%(app_label)s_%(class)s_single_row")
        ]

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_ID
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise models.ProtectedError(
            f"The {self._meta.verbose_name} cannot be deleted; edit it instead.", {self}
        )

    @classmethod
    def default_values(cls) -> dict:
        """Field values for the row when a database has none yet."""
        return {}

    @classmethod
    def load(cls):
        row, _ = cls.objects.get_or_create(pk=cls.SINGLETON_ID, defaults=cls.default_values())
        return row
