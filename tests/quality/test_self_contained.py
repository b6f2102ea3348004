"""The repository explains itself: what code and tests cite is in it."""

import re
import subprocess

from tests.conftest import BASE_DIR

# Spelled in pieces so this file does not match itself.
OUTSIDE_DOCUMENT = re.compile(r"\b" + "SP" + r"EC\b")


def test_nothing_cites_a_document_outside_the_repository():
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    citing = [
        name
        for name in files
        if (BASE_DIR / name).is_file()
        and name.endswith((".py", ".md", ".html", ".txt", ".toml", "Makefile"))
        and OUTSIDE_DOCUMENT.search((BASE_DIR / name).read_text(errors="replace"))
    ]
    assert citing == [], "cite docs/architecture.md or the README instead"
    assert "docs/architecture.md" in (BASE_DIR / "README.md").read_text()
