"""The email worker's benchmark: one real ``manage.py db_worker`` (started as
``make run`` starts it) delivering into a local aiosmtpd sink.

Two figures, against the database in DATABASE_URL:

* commit to arrival for single submissions: messages queued one at a time, each
  in its own transaction as a form would, with the worker idle in between;
* throughput: ``count`` messages committed at once, messages per second from
  that commit until the last one is in the sink (with commit-to-arrival
  percentiles, which here include the wait behind the backlog).

Every message and task it creates is deleted afterwards.

    python -m bench.email [--count 1000] [--singles 50]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
TEMPLATE = "outbox_bench"


class Sink:
    """An aiosmtpd handler that notes when each Message-ID arrives."""

    def __init__(self):
        self.arrivals: dict[str, float] = {}
        self.duplicates = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        arrived = time.monotonic()
        message_id = message_from_bytes(envelope.content, policy=policy.default)["Message-ID"]
        with self.lock:
            if message_id in self.arrivals:
                self.duplicates += 1
            else:
                self.arrivals[message_id] = arrived
        return "250 Message accepted for delivery"

    def wait_for(self, message_ids, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if all(mid in self.arrivals for mid in message_ids):
                    return True
            time.sleep(0.01)
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _setup_django() -> None:
    if not os.environ.get("SECRET_KEY") or not os.environ.get("DATABASE_URL"):
        # local_environment() holds the embedded database only inside its block.
        raise SystemExit("Run it through `make bench`, which sets SECRET_KEY and DATABASE_URL.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.pop("TASKS_IMMEDIATE", None)
    import django

    django.setup()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _queue(numbers, created: list[int]) -> tuple[list[str], float]:
    """Queue one message per number in a single transaction; (Message-IDs, commit time)."""
    from django.db import transaction

    from outbox.services import queue_email

    with transaction.atomic():
        emails = [queue_email(TEMPLATE, f"bench{n}@example.org", {"number": n}) for n in numbers]
        created.extend(email.pk for email in emails)
        # Stamped just before the commit, so the figure includes the commit itself
        # and the on-commit enqueueing that follows it.
        committing = time.monotonic()
    return [email.message_id for email in emails], committing


def _cleanup(created: list[int]) -> None:
    from django_tasks_db.models import DBTaskResult

    from outbox.models import OutboundEmail
    from outbox.tasks import deliver_email

    for start in range(0, len(created), 500):
        chunk = created[start : start + 500]
        DBTaskResult.objects.filter(
            task_path=deliver_email.module_path, args_kwargs__args__0__in=chunk
        ).delete()
        OutboundEmail.objects.filter(pk__in=chunk).delete()


def run(count: int = 1000, singles: int = 50) -> dict:
    _setup_django()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    call_command("migrate", verbosity=0, interactive=False)
    waiting = DBTaskResult.objects.ready().count()

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
    out_dir = Path(settings.DATA_DIR) / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    env = {**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{port}", "LOG_LEVEL": "WARNING"}
    env.pop("DEBUG", None)  # DEBUG would start the worker with the autoreloader
    worker_log = (out_dir / "email-worker.log").open("w")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker"],
        cwd=BASE_DIR,
        env=env,
        stdout=worker_log,
        stderr=subprocess.STDOUT,
    )
    created: list[int] = []
    try:
        # Warm up: the worker has imported Django and connected once this arrives.
        ids, _ = _queue([0], created)
        if not sink.wait_for(ids, 60):
            raise RuntimeError("the worker delivered nothing within 60 s")

        single_latencies = []
        for n in range(1, singles + 1):
            ids, committed = _queue([n], created)
            if not sink.wait_for(ids, 30):
                raise RuntimeError(f"message {n} did not arrive within 30 s")
            single_latencies.append(sink.arrivals[ids[0]] - committed)
            # Forms arrive at random moments, not in step with the worker's polling.
            time.sleep(random.uniform(0, 1.5))

        ids, committed = _queue(range(10_000, 10_000 + count), created)
        delivered = sink.wait_for(ids, max(120, count / 5))
        arrived = [sink.arrivals[mid] for mid in ids if mid in sink.arrivals]
        burst = [at - committed for at in arrived]
        elapsed = max(arrived) - committed if arrived else float("nan")
        return {
            "worker": "1 × manage.py db_worker (default interval 1 s)",
            "messages": count,
            "delivered": len(arrived),
            "all_delivered": delivered,
            "duplicates": sink.duplicates,
            "seconds": round(elapsed, 2),
            "messages_per_second": round(len(arrived) / elapsed, 1) if arrived else 0,
            "burst_commit_to_sink_ms": {
                "p50": _ms(_percentile(burst, 0.50)),
                "p95": _ms(_percentile(burst, 0.95)),
            },
            "single_submissions": singles,
            "single_commit_to_sink_ms": {
                "p50": _ms(statistics.median(single_latencies)),
                "p95": _ms(_percentile(single_latencies, 0.95)),
                "max": _ms(max(single_latencies)),
            },
            "tasks_waiting_before_start": waiting,
        }
    finally:
        worker.terminate()
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        worker_log.close()
        controller.stop()
        _cleanup(created)


def describe(result: dict) -> str:
    single, burst = result["single_commit_to_sink_ms"], result["burst_commit_to_sink_ms"]
    lines = [
        f"email worker ({result['worker']}) into a local SMTP sink:",
        f"  throughput   {result['messages_per_second']} messages/s "
        f"({result['delivered']}/{result['messages']} delivered in {result['seconds']} s, "
        f"{result['duplicates']} duplicates)",
        f"  one form's commit → in the sink: p50 {single['p50']} ms, p95 {single['p95']} ms "
        f"(max {single['max']} ms, {result['single_submissions']} submissions)",
        f"  in a burst of {result['messages']}: p50 {burst['p50']} ms, p95 {burst['p95']} ms",
    ]
    if result["tasks_waiting_before_start"]:
        lines.append(
            f"  note: {result['tasks_waiting_before_start']} other tasks were waiting; "
            "another worker running against this database skews these figures"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--singles", type=int, default=50)
    args = parser.parse_args(argv)
    result = run(args.count, args.singles)
    result["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    print(describe(result))
    from django.conf import settings

    out_dir = Path(settings.DATA_DIR) / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = result["measured_at"].replace(":", "")
    for path in (out_dir / f"email-{stamp}.json", out_dir / "email.json"):
        path.write_text(json.dumps(result, indent=2) + "\n")
    print(f"  written to {out_dir / 'email.json'}")
    return 0 if result["all_delivered"] and not result["duplicates"] else 1


if __name__ == "__main__":
    sys.exit(main())
