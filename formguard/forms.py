"""Spam protection and accessible error markup shared by the public forms.

A form class mixes in ``ProtectedFormMixin``. It adds two hidden fields:

* ``website``, a honeypot: people never see it (it is off-screen and hidden
  from assistive technology), naive bots fill it in;
* ``form_token``, signed when the page is served: its nonce makes the
  submission one-time (see ``formguard.services.spend_once``) and its
  timestamp tells how long the form took to fill in.

A submission that trips the honeypot or comes back faster than
FORM_MIN_SECONDS is still valid: the caller saves it marked as spam and shows
the normal confirmation, so a bot learns nothing. ``spam_reason`` says why.

The form is built with the request (``Form(request.POST, request=request)``)
and counts it toward FORM_RATE_LIMIT under ``rate_limit_scope``. Over the
limit the form is invalid, with a non-field error saying when to try again:
whatever a view does with it, a held-back submission cannot be saved, and the
form comes back filled in.
"""

from __future__ import annotations

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext, gettext_lazy

from config.local_formats import number
from formguard import ratelimit

TOKEN_SALT = "formguard.form-token"
TOKEN_MAX_AGE = 60 * 60 * 24  # a form left open overnight still sends


def new_token() -> str:
    return signing.dumps({"n": secrets.token_hex(16), "t": time.time()}, salt=TOKEN_SALT)


def read_token(value: str) -> dict | None:
    try:
        payload = signing.loads(value or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("n"), str):
        return None
    return payload


class ProtectedFormMixin:
    honeypot_field = "website"
    token_field = "form_token"
    rate_limit_scope = ""  # each form names its own, e.g. "media-contact"
    expired_message = gettext_lazy(
        "This form was open too long or was changed on the way, so we couldn't accept it. "
        "Your answers are still here: please check them and send the form again."
    )
    held_back_message = gettext_lazy(
        "We received several forms from your connection in a short time, so we are "
        "pausing new ones. Please try again in about %(wait)s; what you typed is still here."
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.rate_limit_scope:
            raise TypeError(f"{type(self).__name__} must set rate_limit_scope")
        self.request = request
        self.fields[self.honeypot_field] = forms.CharField(
            required=False,
            max_length=200,
            label=gettext_lazy("Leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[self.token_field] = forms.CharField(
            required=False, max_length=500, widget=forms.HiddenInput
        )
        self.initial.setdefault(self.token_field, new_token())
        self._token = None

    @property
    def rate_limit_wait(self) -> str:
        """'' unless the limit held this submission back; then how long to wait, in words."""
        decision = getattr(self.request, "formguard_decision", None)
        if not self.is_bound or decision is None or decision.accepted:
            return ""
        return decision.wait

    def clean(self):
        cleaned = super().clean()
        self._token = read_token(cleaned.get(self.token_field, ""))
        if self._token is None:
            # Give the re-rendered form a fresh token so the next send can succeed.
            self.data = self.data.copy()
            self.data[self.add_prefix(self.token_field)] = new_token()
            raise forms.ValidationError(self.expired_message, code="token")
        return cleaned

    @property
    def nonce(self) -> str:
        assert self._token is not None, "call is_valid() first"
        return self._token["n"]

    @property
    def spam_reason(self) -> str:
        """'' for a person; otherwise why the submission looks automated."""
        if self.cleaned_data.get(self.honeypot_field):
            return "honeypot"
        elapsed = time.time() - float(self._token.get("t", 0))
        if elapsed < settings.FORM_MIN_SECONDS:
            return "too fast"
        return ""

    def full_clean(self):
        super().full_clean()
        if self.is_bound:
            # Here rather than in clean(), which a form may override without
            # calling super(): no form using the guard can skip the limit.
            decision = ratelimit.decision_for(self.request, self.rate_limit_scope)
            if not decision.accepted:
                self.add_error(
                    None,
                    forms.ValidationError(
                        self.held_back_message % {"wait": decision.wait}, code="rate_limited"
                    ),
                )
        # Tie each error to its input for screen readers.
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described = [f"{bound.auto_id}_error"]
                if self.fields[name].help_text:
                    described.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
                self.fields[name].widget.attrs["aria-invalid"] = "true"


def limit_lengths(form: forms.BaseForm) -> None:
    """Give every text input a maxlength the server also enforces, with a clear message."""
    for field in form.fields.values():
        if isinstance(field, forms.CharField) and field.max_length:
            field.error_messages.setdefault(
                "max_length",
                gettext("Please keep this to %(max)s characters or fewer.")
                % {"max": number(field.max_length)},
            )
