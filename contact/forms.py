"""The journalists' form: its own cleaning and its spam checks (ProtectedFormMixin)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contact.models import MediaInquiry
from formguard.cleaning import EmailAddressField, MultiLineField, PhoneNumberField, SingleLineField
from formguard.forms import ProtectedFormMixin, limit_lengths

MESSAGE_MAX_LENGTH = 5000
DEADLINE_HORIZON = timedelta(days=2 * 365)


class MediaInquiryForm(ProtectedFormMixin, forms.ModelForm):
    rate_limit_scope = "media-contact"

    name = SingleLineField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please tell us your name.")},
    )
    email = EmailAddressField(
        label=_("Email address"),
        help_text=_("We'll reply to this address."),
        error_messages={"required": _("Please enter your email address, so we can reply.")},
    )
    outlet = SingleLineField(
        label=_("Media outlet"),
        max_length=200,
        help_text=_("The newspaper, broadcaster, publication or podcast you work for."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
        error_messages={"required": _("Please tell us which media outlet you work for.")},
    )
    topic = SingleLineField(
        label=_("Topic"),
        max_length=200,
        help_text=_("A few words, for example: interview request about our work in Kenya."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Please tell us the topic of your inquiry.")},
    )
    message = MultiLineField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        help_text=_("Your questions, and who you would like to speak with."),
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
        error_messages={"required": _("Please write your message.")},
    )
    phone = PhoneNumberField(
        label=_("Phone number"),
        required=False,
        help_text=_("If you would like us to call you."),
    )
    deadline = forms.DateTimeField(
        label=_("Your deadline"),
        required=False,
        help_text=_("The date and time you need an answer by, if you have one."),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "autocomplete": "off"}, format="%Y-%m-%dT%H:%M"
        ),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"],
        error_messages={
            "invalid": _("Please enter a date and time, for example 2030-05-14 16:00.")
        },
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
            raise forms.ValidationError(_("The deadline must be in the future."), code="past")
        if deadline > now + DEADLINE_HORIZON:
            raise forms.ValidationError(
                _("Please choose a deadline within the next two years."), code="too_far"
            )
        return deadline
