"""Dates, numbers and money as visitors read them, in the active language.

The format modules under config/formats/ hold the conventions (en-CA and
fr-CA); Django reads only its own names from them, so the public ones
(PUBLIC_DATE_FORMAT, PUBLIC_DATETIME_FORMAT, MONEY_FORMAT) are read here. The
admin keeps Django's DATE_FORMAT and friends (ISO dates with the time zone).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import dateformat, formats
from django.utils.translation import get_language

DEFAULTS = {
    "PUBLIC_DATE_FORMAT": "F j, Y",
    "PUBLIC_DATETIME_FORMAT": "l j F Y, H:i T",
    "MONEY_FORMAT": "${amount}",
}


def public_format(name: str) -> str:
    """The active language's value of ``name`` from config/formats/<lang>/formats.py."""
    for module in formats.get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return DEFAULTS[name]


def public_date(value) -> str:
    """'April 20, 2020' / '20 avril 2020'."""
    if not value:
        return ""
    return dateformat.format(value, public_format("PUBLIC_DATE_FORMAT"))


def public_datetime(value) -> str:
    """'Monday 20 April 2020, 16:00 EDT' / 'lundi 20 avril 2020, 16 h 00 EDT'."""
    if not value:
        return ""
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, public_format("PUBLIC_DATETIME_FORMAT"))


def number(value) -> str:
    """'1,000' / '1 000' (a no-break space), always grouped."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def money(value) -> str:
    """'$1,000' / '1 000 $'; cents only when there are any ('$250.50' / '250,50 $')."""
    if value is None or value == "":
        return ""
    amount = Decimal(str(value))
    places = 0 if amount == amount.to_integral_value() else 2
    text = formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    return public_format("MONEY_FORMAT").format(amount=text)
