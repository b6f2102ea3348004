"""Which team owns which records, and where each team reads its mail.

The outbox uses this to tell the owning team (not only the operators) when
one of its messages fails, and the admin home page to show each team its own
failures. Team names are the groups of ``config/roles.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Owner:
    team: str
    record: str  # what staff call one record, for sentences like "correct it on the sign-up"


OWNERS = {
    "contact.mediainquiry": Owner("Media team", "the inquiry"),
    "fundraising.fundraisersignup": Owner("Events team", "the sign-up"),
}


def team_inbox(team: str) -> str:
    """The address a team already reads its notifications at."""
    if team == "Media team":
        from contact.models import MediaContact
        from contact.services import media_team_address

        return media_team_address(MediaContact.load())
    if team == "Events team":
        return settings.EVENTS_TEAM_EMAIL
    raise ValueError(f"no inbox for {team!r}")
