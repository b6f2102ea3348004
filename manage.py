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
    local_key = Path(os.environ.get("DATA_DIR") or base / ".data") / "secret_key"
    if not os.environ.get("SECRET_KEY") and local_key.is_file():
        os.environ["SECRET_KEY"] = local_key.read_text().strip()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
