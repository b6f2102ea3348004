"""The French URL words and switcher notice come from the compiled catalogue.
The make targets compile it; importing this module does too when the .mo is
missing or older than the .po, so a bare pytest run (and an edited .po) is
honest. Imported by the routing tests before anything is translated."""

import subprocess
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"


def compile_catalogue() -> None:
    compiled = CATALOGUE.with_suffix(".mo")
    if not compiled.exists() or compiled.stat().st_mtime < CATALOGUE.stat().st_mtime:
        subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE)], check=True)


compile_catalogue()
