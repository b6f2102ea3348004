"""Start varnishd from the shipped deploy/varnish/stories.vcl, for the tests and the benchmark.

Only the backend line is rewritten (to the port of the gunicorn under test),
so what is tested is the file an operator installs.
"""

from __future__ import annotations

import re
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VCL = BASE_DIR / "deploy" / "varnish" / "stories.vcl"
BACKEND_PORT = re.compile(r'(backend default \{[^}\n]*\.port = ")8000(")')


def varnishd_path() -> str | None:
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )


def vcl_for_backend(port: int) -> str:
    text = VCL.read_text()
    rewritten, count = BACKEND_PORT.subn(rf"\g<1>{port}\g<2>", text)
    if count != 1:
        raise RuntimeError(f"{VCL} has no single backend line with port 8000 to rewrite")
    return rewritten


class Varnish:
    """One varnishd on loopback; ``stop()`` ends it (by its own pid)."""

    def __init__(self, backend_port: int, port: int, admin_port: int):
        self.port, self.admin_port = port, admin_port
        # varnishd drops privileges to its own user, which must read these.
        self.workdir = Path(tempfile.mkdtemp(prefix="stories-varnish-"))
        self.workdir.chmod(0o755)
        self.vcl = self.workdir / "stories.vcl"
        self.vcl.write_text(vcl_for_backend(backend_port))
        self.secret = self.workdir / "secret"
        self.secret.write_text(secrets.token_hex(16))
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> Varnish:
        self.process = subprocess.Popen(
            [
                varnishd_path(),
                "-F",
                "-n", str(self.workdir / "n"),
                "-a", f"127.0.0.1:{self.port}",
                "-T", f"127.0.0.1:{self.admin_port}",
                "-S", str(self.secret),
                "-f", str(self.vcl),
                "-s", "malloc,64m",
                "-p", "thread_pools=1",
                "-p", "thread_pool_min=10",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    "varnishd exited: " + self.process.stderr.read().decode()[-2000:]
                )
            try:
                urllib.request.urlopen(self.url("/robots.txt"), timeout=2).close()  # noqa: S310
                return self
            except urllib.error.HTTPError:
                return self  # varnishd answers (the app may be down on purpose)
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"varnishd did not answer on {self.port} within {timeout}s")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def admin(self, *command: str) -> str:
        return subprocess.run(
            ["varnishadm", "-T", f"127.0.0.1:{self.admin_port}", "-S", str(self.secret), *command],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    def backend_is_sick(self) -> bool:
        return "sick" in self.admin("backend.list").lower()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.workdir, ignore_errors=True)
