from django.contrib.auth.models import Group, Permission

from config.roles import sync_groups
from tests.factories import StaffUserFactory


def team_member(team: str, **fields):
    """A staff member (not a superuser) in one of config/roles.py's teams.
    Groups are rewritten first: a transactional test's flush removes them."""
    if not Group.objects.filter(name=team).exists():
        sync_groups(Group, Permission)
    user = StaffUserFactory(is_superuser=False, **fields)
    user.groups.add(Group.objects.get(name=team))
    return user
