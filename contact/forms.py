"""The journalists' form: its own cleaning and its spam checks (ProtectedFormMixin)."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

from django import forms
from django.utils import timezone

from contact.models import MediaInquiry
from formguard.forms import ProtectedFormMixin, limit_lengths

MESSAGE_MAX_LENGTH = 5000
DEADLINE_HORIZON = timedelta(days=2 * 365)
LINE_BREAKS = {"\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"}


def single_line(value: str) -> str:
    """Any run of whitespace (line breaks and tabs included) becomes one space and
    other control characters go: a name or topic pasted from elsewhere stays one
    readable line, and can never break an email header."""
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in value
        if unicodedata.category(ch) != "Cc" or ch.isspace()
    )
    return " ".join(kept.split())


def multi_line(value: str) -> str:
    """Keep line breaks and tabs in a message; drop other invisible control characters."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


class SingleLineField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value else value


class MessageField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        return multi_line(value) if value else value


class MediaInquiryForm(ProtectedFormMixin, forms.ModelForm):
    name = SingleLineField(
        label="Your name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Please tell us your name."},
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We'll reply to this address.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Please enter your email address, so we can reply.",
            "invalid": "Please enter an email address like name@example.org.",
        },
    )
    outlet = SingleLineField(
        label="Media outlet",
        max_length=200,
        help_text="The newspaper, broadcaster, publication or podcast you work for.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": "Please tell us which media outlet you work for."},
    )
    topic = SingleLineField(
        label="Topic",
        max_length=200,
        help_text="A few words, for example: interview request about our work in Kenya.",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": "Please tell us the topic of your inquiry."},
    )
    message = MessageField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        help_text="Your questions, and who you would like to speak with.",
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
        error_messages={"required": "Please write your message."},
    )
    phone = SingleLineField(
        label="Phone number",
        max_length=40,
        required=False,
        help_text="If you would like us to call you.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    deadline = forms.DateTimeField(
        label="Your deadline",
        required=False,
        help_text="The date and time you need an answer by, if you have one.",
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "autocomplete": "off"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        error_messages={"invalid": "Please enter a date and time, for example 2030-05-14 16:00."},
    )

    class Meta:
        model = MediaInquiry
        fields = ["name", "email", "outlet", "topic", "message", "phone", "deadline"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_lengths(self)

    def clean_email(self):
        email = self.cleaned_data["email"]
        local, _, domain = email.rpartition("@")
        # Django accepts quoted local parts ("a b"@x) with control characters;
        # no journalist needs one, and they only make trouble in mail headers.
        if any(ch in local for ch in '" \\') or any(
            unicodedata.category(ch) == "Cc" for ch in email
        ):
            raise forms.ValidationError(self.fields["email"].error_messages["invalid"])
        try:
            domain.encode("idna")
        except UnicodeError:
            raise forms.ValidationError(
                "Please check the part of your email address after the @."
            ) from None
        return email

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline is None:
            return None
        now = timezone.now()
        if deadline <= now:
            raise forms.ValidationError("The deadline must be in the future.", code="past")
        if deadline > now + DEADLINE_HORIZON:
            raise forms.ValidationError(
                "Please choose a deadline within the next two years.", code="too_far"
            )
        return deadline
