"""Error reports to the operators (ADMINS) without visitors' addresses.

Django's reports list the request's META; the address a request came from
is personal data we promised not to keep, and an email is kept.
"""

import re

from django.views.debug import SafeExceptionReporterFilter


class PrivacyExceptionReporterFilter(SafeExceptionReporterFilter):
    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|REMOTE_ADDR|REMOTE_HOST"
        "|FORWARDED|REAL_IP|CLIENT_IP",
        flags=re.IGNORECASE,
    )
