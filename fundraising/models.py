"""Fundraiser sign-ups and the guide *25 Tips for the Novice Fundraiser*.

A sign-up keeps no IP address; the rate limit counts a keyed hash of the
client's network, apart from the sign-ups. News consent is recorded the way Canada's anti-spam law
expects express consent to be proven: the exact wording the supporter saw
and ticked, and when.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.languages import language_field
from config.singletons import SingletonModel
from config.uploads import CheckedFileField, RandomUploadTo
from formguard.models import Submission, SubmissionQuerySet
from fundraising.validators import check_pdf

GOAL_MIN = Decimal("0.01")
GOAL_MAX = Decimal("1000000")


class Province(models.TextChoices):
    AB = "AB", _("Alberta")
    BC = "BC", _("British Columbia")
    MB = "MB", _("Manitoba")
    NB = "NB", _("New Brunswick")
    NL = "NL", _("Newfoundland and Labrador")
    NS = "NS", _("Nova Scotia")
    NT = "NT", _("Northwest Territories")
    NU = "NU", _("Nunavut")
    ON = "ON", _("Ontario")
    PE = "PE", _("Prince Edward Island")
    QC = "QC", _("Quebec")
    SK = "SK", _("Saskatchewan")
    YT = "YT", _("Yukon")
    OUTSIDE = "XX", _("Outside Canada")


class FundraiserKind(models.TextChoices):
    BIRTHDAY = "birthday", _("Birthday")
    POLAR_DIP = "polar_dip", _("Polar dip")
    RUN_WALK = "run_walk", _("Run or walk")
    SPORTS = "sports", _("Sports")
    SCHOOL = "school", _("School")
    FAITH = "faith", _("Faith community")
    OTHER = "other", _("Other")


class FollowUp(models.TextChoices):
    NEW = "new", "New"
    CONTACTED = "contacted", "Contacted"
    ACTIVE = "active", "Active"
    DONE = "done", "Done"


class FundraiserSignupQuerySet(SubmissionQuerySet):
    def same_person_before(self, signup: FundraiserSignup):
        """Earlier genuine sign-ups from the same address (compared canonically)."""
        return (
            self.genuine()
            .for_address(signup.email)
            .filter(received_at__lt=signup.received_at)
            .exclude(pk=signup.pk)
        )


class FundraiserSignup(Submission):
    # Who the supporter is and how to reach them, in the order the form asks:
    # the form, the admin's "Supporter" section and the CSV all list these.
    ABOUT_SUPPORTER = ("first_name", "last_name", "email", "phone", "city", "province")

    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    email = models.EmailField(max_length=254, db_index=True)
    phone = models.CharField(max_length=40, blank=True)
    city = models.CharField(max_length=100, blank=True)
    province = models.CharField(
        "province or region", max_length=2, choices=Province.choices, blank=True
    )
    kind = models.CharField(
        "kind of fundraiser", max_length=20, choices=FundraiserKind.choices, blank=True
    )
    planned_date = models.DateField(null=True, blank=True)
    goal_amount = models.DecimalField(
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(GOAL_MIN), MaxValueValidator(GOAL_MAX)],
        help_text="In Canadian dollars; more than 0 and at most 1,000,000.",
    )
    message = models.TextField(blank=True)
    language = language_field(
        "The language of the form the supporter sent; the guide email and news go out in it."
    )

    news_consent = models.BooleanField(
        "agreed to news", default=False, help_text="Ticked by the supporter on the form."
    )
    consent_wording = models.TextField(
        blank=True, help_text="The exact words the supporter agreed to (proof of consent)."
    )
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when the supporter unsubscribed from news."
    )

    follow_up = models.CharField(
        "follow-up", max_length=20, choices=FollowUp.choices, default=FollowUp.NEW
    )
    internal_notes = models.TextField(
        blank=True, help_text="Seen by staff only; never sent to the supporter."
    )
    received_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = FundraiserSignupQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "fundraiser sign-up"
        constraints = [
            models.CheckConstraint(
                name="signup_goal_in_range",
                condition=Q(goal_amount__isnull=True)
                | Q(goal_amount__gte=GOAL_MIN, goal_amount__lte=GOAL_MAX),
            ),
            # Consent without its wording and time could not be proven later.
            models.CheckConstraint(
                name="signup_consent_is_recorded",
                condition=Q(news_consent=False)
                | (Q(consent_given_at__isnull=False) & ~Q(consent_wording="")),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def wants_news(self) -> bool:
        return self.news_consent and self.consent_withdrawn_at is None


class Guide(SingletonModel):
    """The one guide; ``Guide.load()`` returns it, creating it on first use."""

    title = models.CharField(max_length=200, default="25 Tips for the Novice Fundraiser")
    intro = models.TextField(blank=True, help_text="A short paragraph above the tips.")
    pdf = CheckedFileField(
        "PDF version",
        upload_to=RandomUploadTo("guide"),
        blank=True,
        upload_check=check_pdf,
        help_text="Optional. A PDF of at most 10 MB; attached to the guide email and "
        "offered for download on the guide page.",
    )
    pdf_uploaded_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When the current PDF was uploaded."
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("fundraising:guide")

    def tips_changed_at(self):
        """The last time a section or tip was added or edited (None if never recorded)."""
        from django.db.models import Max

        sections = self.sections.aggregate(at=Max("updated_at"))["at"]
        tips = GuideTip.objects.filter(section__guide=self).aggregate(at=Max("updated_at"))["at"]
        return max((at for at in (sections, tips) if at), default=None)

    def pdf_is_older_than_tips(self) -> bool:
        changed = self.tips_changed_at()
        if not self.pdf or changed is None:
            return False
        return self.pdf_uploaded_at is None or self.pdf_uploaded_at < changed


class GuideSection(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class GuideTip(models.Model):
    section = models.ForeignKey(GuideSection, on_delete=models.CASCADE, related_name="tips")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Order within the section; numbering runs on across sections."
    )
    title = models.CharField(max_length=200)
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title
