#!/usr/bin/env python
import os
import sys
from pathlib import Path


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # On a developer's machine, the key `make run` generated, unless the
    # environment or .env names one (as the web server and worker would read).
    base = Path(__file__).resolve().parent
    if (base / ".env").is_file():
        import environ

        environ.Env.read_env(base / ".env")
    local_data = Path(os.environ.get("DATA_DIR") or base / ".data")
    if not os.environ.get("SECRET_KEY") and (local_data / "secret_key").is_file():
        os.environ["SECRET_KEY"] = (local_data / "secret_key").read_text().strip()
    # ... and the embedded PostgreSQL a running `make run` holds (it never
    # starts one: `make manage ARGS="…"` does, for as long as the command runs).
    if not os.environ.get("DATABASE_URL") and (local_data / "database_url").is_file():
        from config import embedded_db

        os.environ["DATABASE_URL"] = embedded_db.recorded_url() or ""
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
