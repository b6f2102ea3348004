from django.core.exceptions import ImproperlyConfigured
from django.db.backends.dummy import base as dummy

from config.no_database import MESSAGE


def refuse(*args, **kwargs):
    raise ImproperlyConfigured(MESSAGE)


class DatabaseOperations(dummy.DatabaseOperations):
    quote_name = refuse


class DatabaseWrapper(dummy.DatabaseWrapper):
    """Django's dummy backend, with a message naming DATABASE_URL."""

    vendor = "unconfigured"
    display_name = "no database (DATABASE_URL unset)"
    _cursor = refuse
    ensure_connection = refuse
    _commit = refuse
    _savepoint_commit = refuse
    _set_autocommit = refuse
    ops_class = DatabaseOperations
