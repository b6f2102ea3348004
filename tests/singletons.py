"""What every singleton's admin promises staff (config/singleton_admin.py):
the list opens the one row, and there is no adding or deleting it."""

import pytest
from django.db.models import ProtectedError


def assert_one_row_in_the_admin(client, row, admin_path: str) -> None:
    """``row``'s admin at ``admin_path`` (e.g. "/admin/fundraising/guide/")
    opens it, offers no add or delete, and the row refuses deletion in code too."""
    assert client.get(admin_path).url == f"{admin_path}{row.pk}/change/"
    assert client.get(f"{admin_path}add/").status_code == 403
    assert client.get(f"{admin_path}{row.pk}/delete/").status_code == 403
    with pytest.raises(ProtectedError):
        row.delete()
