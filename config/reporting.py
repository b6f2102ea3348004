"""Error reports to the operators (ADMINS) without visitors' addresses.

Django's reports list the request's META; the address a request came from
is personal data we promised not to keep, and an email is kept.
"""

import re

from django.views.debug import SafeExceptionReporterFilter


class PrivacyExceptionReporterFilter(SafeExceptionReporterFilter):
    # Django's own list, plus every header or variable that carries an address.
    hidden_settings = re.compile(
        "API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE"
        "|REMOTE_ADDR|REMOTE_HOST|FORWARDED|_IP$",
        flags=re.IGNORECASE,
    )
