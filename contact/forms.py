"""The journalists' form: its own cleaning and its spam checks (ProtectedFormMixin)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from contact.models import MediaInquiry
from formguard.cleaning import EmailAddressField, MultiLineField, PhoneNumberField, SingleLineField
from formguard.forms import ProtectedFormMixin, limit_lengths

MESSAGE_MAX_LENGTH = 5000
DEADLINE_HORIZON = timedelta(days=2 * 365)


class MediaInquiryForm(ProtectedFormMixin, forms.ModelForm):
    rate_limit_scope = "media-contact"

    name = SingleLineField(
        label="Your name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Please tell us your name."},
    )
    email = EmailAddressField(
        label="Email address",
        help_text="We'll reply to this address.",
        error_messages={"required": "Please enter your email address, so we can reply."},
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
    message = MultiLineField(
        label="Your message",
        max_length=MESSAGE_MAX_LENGTH,
        help_text="Your questions, and who you would like to speak with.",
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
        error_messages={"required": "Please write your message."},
    )
    phone = PhoneNumberField(
        label="Phone number",
        required=False,
        help_text="If you would like us to call you.",
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
