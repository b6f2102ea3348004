"""A per-client limit on public form submissions, counted in the shared cache
(CACHE_URL) so it holds across app servers when that cache is Redis."""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.shortcuts import render

from formguard.client import client_key

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


def hit(request, scope: str) -> int:
    """Count one submission; return 0 if allowed, else seconds until the window ends."""
    rate = Rate.parse(settings.FORM_RATE_LIMIT)
    now = time.time()
    window = int(now // rate.seconds)
    key = f"formguard:rate:{scope}:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=rate.seconds + 5)
        count = 1
    request.form_submissions_in_window = count
    if count <= rate.count:
        return 0
    return max(1, int((window + 1) * rate.seconds - now) + 1)


def describe_wait(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = -(-seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def too_many_requests(request, retry_after: int):
    response = render(
        request,
        "429.html",
        {"retry_after": retry_after, "wait": describe_wait(retry_after)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def limit_submissions(scope: str):
    """View decorator: every POST counts toward FORM_RATE_LIMIT.

    Over the limit, the view still runs, so it can show the form again with
    everything the person typed (nothing they wrote is lost), but it must not
    save: it checks :func:`is_held_back`. The answer is then a 429 with
    Retry-After, and the form's notice says in words when to try again. A view
    that ignored the check and saved anyway would answer with a redirect; that
    answer is replaced by the plain 429 page, and the test suites prove both
    forms never get there.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            retry_after = hit(request, scope) if request.method == "POST" else 0
            if not retry_after:
                return view(request, *args, **kwargs)
            limit = Rate.parse(settings.FORM_RATE_LIMIT).count
            if request.form_submissions_in_window > 2 * limit:
                # Far over the limit is a script, not a person: skip the form.
                return too_many_requests(request, retry_after)
            request.rate_limit_wait = describe_wait(retry_after)
            response = view(request, *args, **kwargs)
            if response.status_code != 200:
                return too_many_requests(request, retry_after)
            response.status_code = 429
            response["Retry-After"] = str(retry_after)
            return response

        return wrapper

    return decorator


def is_held_back(request) -> bool:
    """True when this POST is over the rate limit: show the form, save nothing."""
    return bool(getattr(request, "rate_limit_wait", ""))
