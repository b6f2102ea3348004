"""What `make run`, `make test` and `make bench` do, in Python rather than shell.

    python -m config.dev run     migrate, load the demo, serve with the worker
    python -m config.dev test    the test suite (extra arguments go to pytest)
    python -m config.dev bench   the load benchmark
    python -m config.dev manage  one manage.py command (extra arguments go to it)

Each sets up the local machine first: the translation catalogues compiled
(config.catalogue), a SECRET_KEY generated once into
.data/secret_key, and the embedded PostgreSQL when DATABASE_URL is unset,
whose URL it hands to its children as DATABASE_URL (the settings never
start a server themselves). The web server and worker it starts it stops
again, by PID, on exit, Ctrl-C, SIGTERM or SIGHUP; the embedded PostgreSQL
is stopped when the last of these commands holding it ends (see
config.embedded_db.in_use).
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import environ

from config import embedded_db
from config.catalogue import compile_catalogues

BASE_DIR = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def _read_or_create(path: Path, make) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(make())
    return path.read_text().strip()


def npm_install(cache: Path, package: str, **run_options) -> subprocess.CompletedProcess:
    """Install one pinned npm package (``name@version``) under ``cache``/node_modules:
    how the developer tools that are not Python (Lighthouse for the showcase, the
    W3C HTML checker for the tests) arrive on first use. ``run_options`` go to
    subprocess.run (check, capture_output, timeout …)."""
    command = ["npm", "install", "--prefix", str(cache), "--no-audit", "--no-fund", package]
    return subprocess.run(command, **run_options)


@contextmanager
def local_environment() -> Iterator[dict]:
    """The environment for child processes, with the embedded PostgreSQL held
    for as long as the block runs when DATABASE_URL is unset."""
    # .env first, so its DATABASE_URL or SECRET_KEY decides before our defaults do.
    environ.Env.read_env(BASE_DIR / ".env")
    # The French catalogue (locale/) is compiled here, in pure Python, so no
    # make target needs GNU gettext (config/catalogue.py).
    compile_catalogues()
    environment = dict(os.environ)
    data = embedded_db.data_dir()
    environment.setdefault(
        "SECRET_KEY", _read_or_create(data / "secret_key", lambda: secrets.token_urlsafe(50))
    )
    if environment.get("DATABASE_URL"):
        yield environment
        return
    with embedded_db.in_use() as url:
        environment["DATABASE_URL"] = url
        embedded_db.drop_stale_test_databases()
        yield environment


def manage(environment: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, str(BASE_DIR / "manage.py"), *args], env=environment, check=True, **kwargs
    )


def free_port() -> int:
    """A loopback TCP port that nothing listens on at this moment."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_environment(environment: dict, port: int) -> dict:
    """``environment`` as a production server on 127.0.0.1:``port`` would have it
    (DEBUG off, tasks left to a worker, mail printed, warnings only in the log):
    what the benchmark and the screenshots serve."""
    env = {k: v for k, v in environment.items() if k not in {"DEBUG", "TASKS_IMMEDIATE"}}
    env.update(
        {
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": f"http://127.0.0.1:{port}",
            "EMAIL_URL": "consolemail://",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def prepare_demo(environment: dict) -> None:
    """Migrate, collect the static files and load the demo content into an empty database."""
    manage(environment, "migrate", "--noinput", "-v", "0", cwd=BASE_DIR)
    manage(environment, "collectstatic", "--noinput", "-v", "0", cwd=BASE_DIR)
    manage(environment, "load_demo", "--if-empty", cwd=BASE_DIR)


def start_gunicorn(environment: dict, port: int, workers: int) -> subprocess.Popen:
    """gunicorn serving ``config.wsgi`` on 127.0.0.1:``port``; the caller stops it by PID."""
    command = [PYTHON, "-m", "gunicorn", "config.wsgi", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=BASE_DIR, env=environment)


def admin_password(environment: dict) -> str:
    if environment.get("DJANGO_SUPERUSER_PASSWORD"):
        return environment["DJANGO_SUPERUSER_PASSWORD"]
    return _read_or_create(
        embedded_db.data_dir() / "admin_password", lambda: secrets.token_urlsafe(12)
    )


def wait_until_up(url: str, timeout: float = 30) -> None:
    """Block until ``url`` (a loopback server the make targets started) answers 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answered at {url} within {timeout}s")


def stop_processes(processes: list[subprocess.Popen], timeout: float = 20) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run() -> int:
    with local_environment() as environment:
        return serve(environment)


def serve(environment: dict) -> int:
    port = environment.get("PORT", "8000")
    # Links in emails, feeds and canonical tags should point at this server.
    environment.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    admin_path = "/" + environment.get("ADMIN_URL", "admin/").strip("/") + "/"
    processes: list[subprocess.Popen] = []
    try:
        manage(environment, "migrate", "--noinput", "-v", "0")
        manage(environment, "collectstatic", "--noinput", "-v", "0")
        password = admin_password(environment)
        manage(environment | {"DJANGO_SUPERUSER_PASSWORD": password}, "ensure_admin", "admin")
        manage(environment, "load_demo", "--if-empty")
        processes.append(
            subprocess.Popen([PYTHON, "manage.py", "db_worker"], cwd=BASE_DIR, env=environment)
        )
        processes.append(
            subprocess.Popen(
                [PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=BASE_DIR,
                env=environment,
            )
        )
        print(
            f"\n  Stories of Hope is running at http://127.0.0.1:{port}/\n"
            f"  Admin: http://127.0.0.1:{port}{admin_path}  user: admin  password: {password}\n"
            "  Press Ctrl-C to stop the site, the worker and the database.\n",
            flush=True,
        )
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        print("\nStopping…", flush=True)
        return 0
    finally:
        # Ctrl-C (or a group-wide SIGTERM) reached the children too; stop them
        # ourselves all the same, web and worker first, then (leaving
        # local_environment) the database, and let no second signal cut that short.
        for signum in STOP_SIGNALS:
            signal.signal(signum, signal.SIG_IGN)
        stop_processes(processes)


def test(pytest_args: list[str]) -> int:
    with local_environment() as environment:
        # A test database of its own, so two runs at once never drop each other's.
        environment.setdefault("TEST_DATABASE_NAME", f"test_stories_of_hope_{os.getpid()}")
        try:
            return subprocess.call(
                [PYTHON, "-m", "pytest", *pytest_args], cwd=BASE_DIR, env=environment
            )
        except KeyboardInterrupt:
            return 130


def bench(args: list[str]) -> int:
    with local_environment() as environment:
        return subprocess.call([PYTHON, "-m", "bench", *args], cwd=BASE_DIR, env=environment)


def manage_command(args: list[str]) -> int:
    with local_environment() as environment:
        try:
            return subprocess.call([PYTHON, "manage.py", *args], cwd=BASE_DIR, env=environment)
        except KeyboardInterrupt:
            return 130


# A supervisor's or `kill`'s SIGTERM, and the SIGHUP of a closing terminal,
# end a command the way Ctrl-C does, so every `finally` (stopping the
# children, then the database) runs.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _stop_as_ctrl_c(signum, frame):
    raise KeyboardInterrupt


def main(argv: list[str]) -> int:
    commands = {"run": lambda _: run(), "test": test, "bench": bench, "manage": manage_command}
    if not argv or argv[0] not in commands:
        print(__doc__)
        return 2
    signal.signal(signal.SIGTERM, _stop_as_ctrl_c)
    signal.signal(signal.SIGHUP, _stop_as_ctrl_c)
    return commands[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
