"""The embedded PostgreSQL: started on demand, reused while it runs, stopped by its owner."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg
import pytest

from config import embedded_db
from tests.conftest import BASE_DIR, free_port


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


def bare_environment(data_dir: Path, **extra: str) -> dict:
    """What a deploy or a bare command sees: no DATABASE_URL, no make runner."""
    return {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "s" * 50,
        "DATA_DIR": str(data_dir),
        "STATIC_ROOT": str(data_dir / "static"),
        **extra,
    }


def test_importing_the_settings_never_starts_a_database_server(private_data_dir):
    script = "import config.settings as s; print(s.DATABASES['default'].get('HOST', '-'))"
    environment = bare_environment(private_data_dir)
    with_url = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment | {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x"},
        capture_output=True,
        text=True,
    )
    assert with_url.stdout.strip() == "127.0.0.1"

    without_url = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert without_url.returncode == 0, without_url.stderr
    assert not (private_data_dir / "postgres").exists(), "an embedded server started"
    assert not embedded_db.is_running()


def test_gunicorn_without_database_url_refuses_to_start_and_says_why(private_data_dir):
    gunicorn = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{free_port()}",
            "--workers",
            "1",
        ],
        cwd=BASE_DIR,
        env=bare_environment(private_data_dir),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert gunicorn.returncode != 0
    assert "DATABASE_URL is not set" in gunicorn.stderr
    assert not (private_data_dir / "postgres").exists(), "an embedded server started"


@pytest.mark.parametrize(
    "command",
    [["collectstatic", "--noinput", "-v", "0"], ["check"]],
    ids=["collectstatic", "check"],
)
def test_build_commands_run_without_any_database(private_data_dir, command):
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=BASE_DIR,
        env=bare_environment(private_data_dir),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (private_data_dir / "postgres").exists(), "an embedded server started"


def test_a_bare_manage_py_uses_the_server_a_make_target_holds_and_starts_none(private_data_dir):
    probe = [
        sys.executable,
        "manage.py",
        "shell",
        "-c",
        "from django.db import connection; print(connection.cursor().connection.info.host)",
    ]
    environment = bare_environment(private_data_dir)
    with embedded_db.in_use():
        socket_dir = str(embedded_db._postmaster_info().socket_dir)
        held = subprocess.run(probe, cwd=BASE_DIR, env=environment, capture_output=True, text=True)
    assert held.returncode == 0, held.stderr
    assert held.stdout.strip().splitlines()[-1] == socket_dir

    assert not embedded_db.is_running()
    alone = subprocess.run(probe, cwd=BASE_DIR, env=environment, capture_output=True, text=True)
    assert alone.returncode != 0
    assert "DATABASE_URL is not set" in alone.stderr and "make manage" in alone.stderr
    assert not embedded_db.is_running()


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


@pytest.fixture(scope="module")
def make_run_data_dir():
    """One data directory for the `make run` tests: the first initialises and
    migrates it, the others reuse it."""
    path = Path(tempfile.mkdtemp(prefix="make-run-"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATA_DIR", str(path))
        yield path
        embedded_db.stop()
    shutil.rmtree(path, ignore_errors=True)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize(
    "stop_signal",
    [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
    ids=["ctrl-c", "sigterm", "terminal-closed"],
)
def test_make_run_stopped_by_a_signal_stops_everything_it_started(make_run_data_dir, stop_signal):
    """Ctrl-C, a supervisor's SIGTERM and a closing terminal's SIGHUP all reach
    the whole process group; the site, the worker and the database all stop."""
    port = free_port()
    run = subprocess.Popen(
        [sys.executable, "-m", "config.dev", "run"],
        cwd=BASE_DIR,
        env={"PATH": os.environ["PATH"], "DATA_DIR": str(make_run_data_dir), "PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as a terminal gives it
    )
    try:
        output = []
        for line in run.stdout:
            output.append(line)
            if "is running at" in line:
                break
        assert run.poll() is None, "".join(output)
        assert embedded_db.is_running()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:  # the web server answers: everything has started
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise AssertionError("the site never answered")

        os.killpg(run.pid, stop_signal)
        assert run.wait(timeout=60) is not None
        deadline = time.monotonic() + 30
        while _group_alive(run.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _group_alive(run.pid), "the web server or worker outlived make run"
        assert not embedded_db.is_running(), "the embedded PostgreSQL was left running"
        assert not embedded_db.url_file().exists()
    finally:
        if _group_alive(run.pid):
            os.killpg(run.pid, signal.SIGKILL)
        run.wait()


@pytest.mark.slow
def test_make_manage_runs_one_command_on_the_embedded_server_then_stops_it(make_run_data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "config.dev", "manage", "showmigrations", "outbox"],
        cwd=BASE_DIR,
        env={"PATH": os.environ["PATH"], "DATA_DIR": str(make_run_data_dir)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "0001_initial" in result.stdout  # read from the database
    assert not embedded_db.is_running()
