"""The embedded PostgreSQL: started on demand, reused while it runs, stopped by its owner."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest

from config import embedded_db
from tests.conftest import BASE_DIR


@pytest.fixture
def private_data_dir(monkeypatch):
    # A server of its own, so the one the suite runs on is never touched; in a
    # directory of its own, which pytest's rotation of tmp_path dirs can't remove.
    path = Path(tempfile.mkdtemp(prefix="embedded-pg-"))
    monkeypatch.setenv("DATA_DIR", str(path))
    yield path
    embedded_db.stop()
    shutil.rmtree(path, ignore_errors=True)


def test_start_reuse_and_stop(private_data_dir):
    assert not embedded_db.is_running()
    url, started = embedded_db.ensure_running()
    assert started is True
    assert (private_data_dir / "postgres" / "PG_VERSION").exists()
    pid = embedded_db._postmaster_info().pid

    again, started_again = embedded_db.ensure_running()
    assert (again, started_again) == (url, False)
    assert embedded_db._postmaster_info().pid == pid

    socket_dir = embedded_db._postmaster_info().socket_dir
    with psycopg.connect(
        host=str(socket_dir), user="postgres", dbname=embedded_db.DATABASE_NAME
    ) as c:
        assert c.execute("SHOW server_version").fetchone()[0].startswith("18")

    assert embedded_db.stop() is True
    assert not embedded_db.is_running()
    assert embedded_db.stop() is False


def test_data_survives_a_restart(private_data_dir):
    embedded_db.ensure_running()
    socket_dir = str(embedded_db._postmaster_info().socket_dir)
    with psycopg.connect(host=socket_dir, user="postgres", dbname=embedded_db.DATABASE_NAME) as c:
        c.execute("CREATE TABLE kept (note text)")
        c.execute("INSERT INTO kept VALUES ('still here')")
    embedded_db.stop()
    embedded_db.ensure_running()
    socket_dir = str(embedded_db._postmaster_info().socket_dir)
    with psycopg.connect(host=socket_dir, user="postgres", dbname=embedded_db.DATABASE_NAME) as c:
        assert c.execute("SELECT note FROM kept").fetchone() == ("still here",)


def test_settings_use_the_embedded_server_only_without_database_url(private_data_dir):
    script = "import config.settings as s; print(s.DATABASES['default']['HOST'])"
    environment = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "s" * 50,
        "DATA_DIR": str(private_data_dir),
    }
    with_url = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment | {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"},
        capture_output=True,
        text=True,
    )
    assert with_url.stdout.strip() == "127.0.0.1"
    assert not (private_data_dir / "postgres").exists(), "an embedded server started anyway"

    without_url = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert without_url.returncode == 0, without_url.stderr
    assert without_url.stdout.strip() == str(embedded_db._postmaster_info().socket_dir)
    assert embedded_db.is_running()


def test_dot_env_database_url_wins_over_the_embedded_server(tmp_path, monkeypatch):
    from config import dev

    (tmp_path / ".env").write_text("DATABASE_URL=postgres://app@db.example.org:5432/hope\n")
    monkeypatch.setattr(dev, "BASE_DIR", tmp_path)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with dev.local_environment() as environment:
        assert environment["DATABASE_URL"] == "postgres://app@db.example.org:5432/hope"
    assert not (tmp_path / "data" / "postgres").exists()
    assert len(environment["SECRET_KEY"]) >= 50
    assert (tmp_path / "data" / "secret_key").read_text().strip() == environment["SECRET_KEY"]


def test_the_last_holder_stops_the_server_not_the_first(private_data_dir):
    """make test ending must not stop the database under a make run still going."""
    with embedded_db.in_use():
        other_holder = subprocess.Popen(["sleep", "30"])
        (private_data_dir / "postgres-users" / str(other_holder.pid)).touch()
    try:
        assert embedded_db.is_running(), "stopped while another command still held it"
    finally:
        other_holder.kill()
        other_holder.wait()
    with embedded_db.in_use():
        pass
    assert not embedded_db.is_running()


def test_test_databases_of_killed_runs_are_dropped(private_data_dir):
    with embedded_db.in_use():
        socket_dir = str(embedded_db._postmaster_info().socket_dir)
        live = f"test_stories_of_hope_{os.getpid()}"
        with psycopg.connect(
            host=socket_dir, user="postgres", dbname="postgres", autocommit=True
        ) as c:
            c.execute('CREATE DATABASE "test_stories_of_hope_999999999"')  # no such process
            c.execute(f'CREATE DATABASE "{live}"')
        assert embedded_db.drop_stale_test_databases() == ["test_stories_of_hope_999999999"]
        with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres") as c:
            names = {row[0] for row in c.execute("SELECT datname FROM pg_database")}
        assert live in names and "test_stories_of_hope_999999999" not in names
