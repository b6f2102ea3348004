"""Fixtures the stories tests share: an editor signed in to the admin."""

import pytest

from tests.factories import StaffUserFactory


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
