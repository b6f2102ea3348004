"""Fixtures the stories tests share: an editor signed in to the admin, and the
editorial workflow's two staff, Erin the Editor and Pia the Publisher."""

import pytest

from tests.factories import StaffUserFactory
from tests.stories.editorial import staff_in


@pytest.fixture
def editor(client):
    """A superuser named "editor", signed in on ``client``."""
    user = StaffUserFactory(username="editor")
    client.force_login(user)
    return user


@pytest.fixture
def editor_client(client, editor):
    """The test client, signed in as ``editor``."""
    return client


@pytest.fixture
def erin():
    """An Editor: may edit and submit for review, not publish. Not signed in."""
    return staff_in("Editors", "erin", first_name="Erin")


@pytest.fixture
def pia():
    """A Publisher: may publish, schedule and return. Not signed in."""
    return staff_in("Publishers", "pia", first_name="Pia")
