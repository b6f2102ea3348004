"""A per-client limit on public form submissions: at most FORM_RATE_LIMIT in
any window-long span, however many app processes or servers answer.

Every POST is written to PostgreSQL (``FormSubmission``), which every process
shares, and the decision for one client is taken under a transaction-scoped
advisory lock, so two workers answering the same client at the same instant
cannot both take the last place. The window slides: a POST is accepted when
fewer than the limit were accepted in the window-long span ending now, so no
pair of adjacent fixed windows can let twice the limit through. Form POSTs
are rare next to page views; three small queries each is a fair price for a
limit that holds, and needs no cache server.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import Count, Min, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

from formguard.client import client_key
from formguard.models import FormSubmission, delete_unlocked

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """'5/10m' -> 5 per 600 seconds; '20/h' -> 20 per hour."""
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", text or "")
        if not match or int(match.group(1)) < 1:
            raise ImproperlyConfigured(f"FORM_RATE_LIMIT must look like '5/10m', not {text!r}")
        count, number, unit = match.groups()
        return cls(int(count), int(number or 1) * UNITS[unit])


@dataclass(frozen=True)
class Decision:
    """What the limit says about one POST."""

    retry_after: int  # 0 when accepted; else seconds until a place frees up
    recent: int  # POSTs from this client in the window, this one included
    limit: int

    @property
    def accepted(self) -> bool:
        return not self.retry_after

    @property
    def flooding(self) -> bool:
        """Far over the limit is a script, not a person."""
        return self.recent > 2 * self.limit

    @property
    def wait(self) -> str:
        return describe_wait(self.retry_after)


def _lock_id(scope: str, client: str) -> int:
    digest = hashlib.sha256(f"formguard:{scope}:{client}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def count_submission(scope: str, client: str) -> Decision:
    """Record one POST from ``client`` to the form ``scope`` and decide on it."""
    rate = Rate.parse(settings.FORM_RATE_LIMIT)
    window = timedelta(seconds=rate.seconds)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_id(scope, client)])
        # Read the clock only once the lock is held, so rows are written in time order.
        now = timezone.now()
        delete_unlocked(FormSubmission.objects.filter(at__lte=now - window))
        counts = FormSubmission.objects.filter(scope=scope, client=client, at__gt=now - window)
        counts = counts.aggregate(
            recent=Count("pk"),
            accepted_count=Count("pk", filter=Q(accepted=True)),
            oldest_accepted=Min("at", filter=Q(accepted=True)),
        )
        accepted = counts["accepted_count"] < rate.count
        FormSubmission.objects.create(scope=scope, client=client, at=now, accepted=accepted)
    retry_after = 0
    if not accepted:
        # A place frees up when the oldest accepted POST leaves the window.
        frees_at = counts["oldest_accepted"] + window
        retry_after = max(1, int((frees_at - now).total_seconds()) + 1)
    return Decision(retry_after=retry_after, recent=counts["recent"] + 1, limit=rate.count)


def decision_for(request, scope: str) -> Decision:
    """This request's decision, counting it the first time anything asks.

    Both the view decorator and the form guard ask; the POST counts once.
    """
    decision = getattr(request, "formguard_decision", None)
    if decision is None:
        decision = count_submission(scope, client_key(request))
        request.formguard_decision = decision
    return decision


def describe_wait(seconds: int) -> str:
    """'40 seconds', '10 minutes', '24 hours': rounded up, in the active language."""
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = -(-seconds // 60)
    if minutes < 120:
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    hours = -(-seconds // 3600)
    return ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}


def too_many_requests(request, retry_after: int):
    response = render(
        request,
        "429.html",
        {"retry_after": retry_after, "wait": describe_wait(retry_after)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def limit_submissions(form_class):
    """View decorator: every POST counts toward FORM_RATE_LIMIT, under the
    ``rate_limit_scope`` of the form the view shows.

    Over the limit, the view still runs: the form guard makes the form invalid
    (see ``ProtectedFormMixin``), so nothing is saved and the view shows the
    form again with everything the person typed, and a notice saying when to
    try again; this decorator turns that page into a 429 with Retry-After. A
    client far over the limit gets the short 429 page without the form.
    """
    scope = form_class.rate_limit_scope

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            decision = decision_for(request, scope)
            if decision.accepted:
                return view(request, *args, **kwargs)
            if decision.flooding:
                return too_many_requests(request, decision.retry_after)
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return too_many_requests(request, decision.retry_after)
            response.status_code = 429
            response["Retry-After"] = str(decision.retry_after)
            return response

        return wrapper

    return decorator
