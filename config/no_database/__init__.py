"""The database settings name when DATABASE_URL is unset: a backend that
refuses every query with a message saying what to set, so that a forgotten
variable stops a deploy instead of serving an empty local database, while
commands that need no database (``collectstatic``, ``check``) still run.

The web entry points (``config.wsgi``, ``config.asgi``) call
:func:`refuse_to_serve` so gunicorn will not even start without one.
"""

from django.core.exceptions import ImproperlyConfigured

ENGINE = "config.no_database"

MESSAGE = (
    "DATABASE_URL is not set. Set DATABASE_URL=postgres://user:password@host:5432/name "
    "for a real server. On a developer's machine, `make run`, `make test` and "
    '`make manage ARGS="…"` start the embedded PostgreSQL and set it for you; a bare '
    "`manage.py` uses the one a running `make run` recorded in .data/database_url."
)


def refuse_to_serve() -> None:
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == ENGINE:
        raise ImproperlyConfigured(MESSAGE)
