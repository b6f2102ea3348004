from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from formguard.cleaning import EmailAddressField, MultiLineField, PhoneNumberField, SingleLineField
from formguard.forms import ProtectedFormMixin, limit_lengths
from fundraising.models import GOAL_MAX, FundraiserKind, FundraiserSignup, Province

# Stored with each sign-up that ticks the box: proof of what was agreed to,
# in the language the supporter read it in.
CONSENT_WORDING = _(
    "Send me news and fundraising tips by email. I can unsubscribe at any time "
    "with the link in every email."
)
MESSAGE_MAX_LENGTH = 3000


class SignupForm(ProtectedFormMixin, forms.ModelForm):
    rate_limit_scope = "fundraise"

    first_name = SingleLineField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
        error_messages={"required": _("Please enter your first name.")},
    )
    last_name = SingleLineField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
        error_messages={"required": _("Please enter your last name.")},
    )
    email = EmailAddressField(
        label=_("Email address"),
        help_text=_("We'll send the guide here."),
        error_messages={
            "required": _("Please enter your email address, so we can send you the guide.")
        },
    )
    phone = PhoneNumberField(
        label=_("Phone number"),
        required=False,
        help_text=_("So the events team can call you if that's easier."),
    )
    city = SingleLineField(
        label=_("City"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    province = forms.ChoiceField(
        label=_("Province or region"),
        required=False,
        choices=[("", _("Choose one")), *Province.choices],
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )
    kind = forms.ChoiceField(
        label=_("Kind of fundraiser"),
        required=False,
        choices=[("", _("Choose one")), *FundraiserKind.choices],
    )
    planned_date = forms.DateField(
        label=_("Planned date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Roughly is fine, for example 2030-05-12. You can change it later."),
        error_messages={"invalid": _("Please enter a date like 2030-05-12.")},
    )
    goal_amount = forms.DecimalField(
        label=_("Fundraising goal in dollars"),
        required=False,
        max_digits=9,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"min": "0.01", "step": "any", "inputmode": "decimal"}),
        help_text=_("A rough amount is fine, for example 500."),
        error_messages={
            "invalid": _("Please enter an amount in dollars, for example 500 or 250.50."),
            "max_decimal_places": _("Please use at most 2 digits after the decimal point."),
            "max_digits": _("Please enter an amount of at most 1,000,000 dollars."),
            "max_whole_digits": _("Please enter an amount of at most 1,000,000 dollars."),
        },
    )
    message = MultiLineField(
        label=_("Anything you'd like us to know"),
        required=False,
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Your idea, questions, or how we can help."),
    )
    news_consent = forms.BooleanField(label=CONSENT_WORDING, required=False)

    class Meta:
        model = FundraiserSignup
        fields = [
            *FundraiserSignup.ABOUT_SUPPORTER,
            "kind",
            "planned_date",
            "goal_amount",
            "message",
            "news_consent",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_lengths(self)

    def clean_planned_date(self):
        value = self.cleaned_data.get("planned_date")
        if value and value < timezone.localdate():
            raise forms.ValidationError(
                _("The planned date is in the past. Please choose today or a later date."),
                code="past",
            )
        return value

    def clean_goal_amount(self):
        value = self.cleaned_data.get("goal_amount")
        if value is None:
            return value
        if not value.is_finite() or value <= 0:
            raise forms.ValidationError(
                _("Please enter a goal of more than 0 dollars."), code="goal_too_small"
            )
        if value > GOAL_MAX:
            raise forms.ValidationError(
                _("Please enter a goal of at most 1,000,000 dollars."), code="goal_too_large"
            )
        return value

    def clean(self):
        # Wording and time are stored only with consent: an unticked box records nothing.
        # Set before anything can raise, so the model's constraint check always sees them.
        if self.cleaned_data.get("news_consent"):
            self.instance.consent_wording = str(CONSENT_WORDING)
            self.instance.consent_given_at = timezone.now()
        else:
            self.instance.consent_wording = ""
            self.instance.consent_given_at = None
        return super().clean()
