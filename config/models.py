"""Site-wide records that belong to no single app."""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.db import models


def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class StaffTimeZone(models.Model):
    """The zone a staff member reads and enters admin times in (the site's if unset)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="time_zone_choice"
    )
    time_zone = models.CharField(max_length=64, choices=time_zone_choices)

    def __str__(self):
        return f"{self.user}: {self.time_zone}"
