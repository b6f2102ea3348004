"""What people type into a form, made safe to store, show and email: one rule
for each kind of input, used by every form (and by the outbox for headers).

* **Single-line text** (names, topics, cities): any run of whitespace, line
  breaks and tabs included, becomes one space, and other control characters
  are dropped. Pasted text stays one readable line and can never start a new
  email header; nobody is refused for an invisible character they could not
  see to remove.
* **Messages**: line breaks (``\\r\\n``, ``\\r`` and Unicode line and
  paragraph separators) become ``\\n``, tabs stay, other control characters
  are dropped.
* **Phone numbers**: 7 to 15 digits (the most a number can have, ITU E.164),
  an optional leading ``+``, spaces, brackets, dots or hyphens between them,
  and optionally an extension after ``ext``/``x``: ``+1 555-010-0199 x204``.
* **Email addresses**: no quoted local parts, spaces, backslashes or control
  characters (legal, but no one needs them and they only make trouble in
  mail headers); a domain that can be written in IDNA. Two addresses belong
  to one person when their :func:`canonical_email` values are equal.
* **A name echoed to an unverified address** (:func:`name_for_greeting`):
  anyone can type someone else's address, so only text that looks like a name
  may reach it.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.encoding import punycode
from django.utils.translation import gettext_lazy

LINE_SEPARATORS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def single_line(value: str) -> str:
    kept = "".join(
        " " if ch.isspace() else ch for ch in str(value) if ch.isspace() or not _is_control(ch)
    )
    return " ".join(kept.split())


def multi_line(value: str) -> str:
    value = LINE_SEPARATORS.sub("\n", str(value))
    return "".join(ch for ch in value if ch in "\n\t" or not _is_control(ch)).strip()


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


class SingleLineField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value else value


class MultiLineField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return multi_line(value) if value else value


# ------------------------------------------------------------------ phones

PHONE_NUMBER = re.compile(
    r"(?P<number>\+?[0-9 ().-]*[0-9][0-9 ().-]*?)(?:\s*(?:ext\.?|x)\s*(?P<extension>[0-9]{1,8}))?",
    re.IGNORECASE,
)
PHONE_MESSAGE = gettext_lazy(
    "Please enter a phone number of 7 to 15 digits, for example +1 555-010-0199 "
    "(an extension can follow, as in ext. 204)."
)


def split_phone_number(value: str) -> tuple[str, str]:
    """(number, extension) of a valid phone number; ValidationError otherwise."""
    match = PHONE_NUMBER.fullmatch(single_line(value))
    digits = sum(ch.isdigit() for ch in match["number"]) if match else 0
    if not 7 <= digits <= 15:
        raise ValidationError(PHONE_MESSAGE, code="phone")
    return match["number"].strip(), match["extension"] or ""


def validate_phone_number(value: str) -> None:
    split_phone_number(value)


def tel_uri(phone: str, extension: str = "") -> str:
    """RFC 3966: 'tel:+1-555-010-0199;ext=204' (hyphens are allowed separators)."""
    number, written_extension = split_phone_number(phone)
    number = re.sub(r"[^0-9+]+", "-", number).strip("-")
    extension = extension or written_extension
    return f"tel:{number};ext={extension}" if extension else f"tel:{number}"


class PhoneNumberField(SingleLineField):
    default_validators = [validate_phone_number]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)


# ------------------------------------------------------------------ email


def canonical_email(address: str) -> str:
    """The form in which two addresses for one mailbox are equal.

    The domain is IDNA-encoded (the way Django's SMTP backend sends it) and
    lower-cased; the local part is lower-cased in ASCII only. Not
    ``str.lower()`` or SQL ``UPPER()`` on the whole address: those map
    ``İ``/``ı`` and other letters onto ASCII ones, so ``dana@kıtchen-sink.example``
    would match ``dana@kitchen-sink.example``, another domain and so another
    person. A local part is case-sensitive by the standard, but every mail
    provider treats ASCII case as the same mailbox, and so do we.
    """
    local, _, domain = address.strip().rpartition("@")
    ascii_lower = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
    with contextlib.suppress(UnicodeError):  # not an address a form accepts: as it is
        domain = punycode(domain)
    return f"{local.translate(ascii_lower)}@{domain.translate(ascii_lower)}"


def same_mailbox(address: str, other: str) -> bool:
    """Whether two bare addresses reach one person (:func:`canonical_email`)."""
    return canonical_email(address) == canonical_email(other)


class EmailAddressField(forms.EmailField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 254)
        kwargs.setdefault(
            "widget", forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})
        )
        kwargs["error_messages"] = {
            "invalid": gettext_lazy("Please enter an email address like name@example.org."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        local, _, domain = value.rpartition("@")
        if any(ch in local for ch in '" \\') or any(_is_control(ch) for ch in value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            punycode(domain)
        except UnicodeError:
            raise ValidationError(
                gettext_lazy("Please check the part of your email address after the @."),
                code="domain",
            ) from None


# ---------------------------------------------------------- names in email

NAME_MAX_LENGTH = 40
NAME_PUNCTUATION = " -'’."


def name_for_greeting(text: str) -> str:
    """``text`` if it may be echoed to an address nobody verified; else ''.

    It must look like a name: letters of any script (with their combining
    marks), spaces, hyphens, apostrophes and periods, at most 40 characters,
    starting with a letter, with no ``@``, ``://``, ``www.`` or digit, and a
    period only at the end of a word ("J. Smith", not "evil.example"). Any
    other text (a sentence, a link, a phone number) gets the generic greeting,
    so the form cannot be used to send a stranger our email with someone
    else's words in it.
    """
    name = single_line(text or "")
    if not name or len(name) > NAME_MAX_LENGTH or not unicodedata.category(name[0]).startswith("L"):
        return ""
    lowered = name.lower()
    if "@" in name or "://" in name or "www." in lowered:
        return ""
    for index, ch in enumerate(name):
        category = unicodedata.category(ch)
        if category[0] in "LM":
            continue
        if ch not in NAME_PUNCTUATION:
            return ""  # digits (category N) and everything else
        if ch == "." and index + 1 < len(name) and name[index + 1] != " ":
            return ""
    return name
