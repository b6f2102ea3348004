from datetime import timedelta

import factory
from django.utils import timezone

from fundraising.models import FundraiserSignup, Guide, GuideSection, GuideTip
from tests.factories import StaffUserFactory, form_post  # noqa: F401  (tests import it here)


class SignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundraiserSignup

    first_name = factory.Sequence(lambda n: f"Sam{n}")
    last_name = "Supporter"
    email = factory.Sequence(lambda n: f"supporter{n}@example.org")
    city = "Halifax"
    province = "NS"
    kind = "polar_dip"
    planned_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    goal_amount = 500


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide
        django_get_or_create = ["id"]

    id = 1
    title = "25 Tips for the Novice Fundraiser"


class GuideSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideSection

    guide = factory.SubFactory(GuideFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    order = factory.Sequence(lambda n: n)


class GuideTipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideTip

    section = factory.SubFactory(GuideSectionFactory)
    title = factory.Sequence(lambda n: f"Tip title {n}")
    text = "Do the kind, practical thing."
    order = factory.Sequence(lambda n: n)


SIGNUP_FORM = {
    "first_name": "Robin",
    "last_name": "Example",
    "email": "robin@example.org",
    "phone": "555-555-0123",
    "city": "Winnipeg",
    "province": "MB",
    "kind": "birthday",
    "goal_amount": "750",
    "message": "I'd like to ask for gifts instead of presents.\nAny tips?",
    "website": "",
}


def form_data(**overrides):
    """A complete, valid POST for /fundraise/ with a fresh form token."""
    planned = (timezone.localdate() + timedelta(days=40)).isoformat()
    return form_post({**SIGNUP_FORM, "planned_date": planned}, overrides)


def guide_form(guide, **fields) -> dict:
    """What the guide's change form posts, its sections inline as they are, with ``fields`` on top."""
    sections = list(guide.sections.all())
    data = {
        "title_en": guide.title,
        "intro_en": guide.intro,
        "sections-TOTAL_FORMS": str(len(sections)),
        "sections-INITIAL_FORMS": str(len(sections)),
        "sections-MIN_NUM_FORMS": "0",
        "sections-MAX_NUM_FORMS": "1000",
    }
    for i, section in enumerate(sections):
        data[f"sections-{i}-id"] = str(section.pk)
        data[f"sections-{i}-guide"] = str(guide.pk)
        data[f"sections-{i}-order"] = str(section.order)
        data[f"sections-{i}-title_en"] = section.title
    return {**data, **fields}


STAFF_FRENCH = "Texte revu par l'équipe des événements."


def edit_guide_as_staff() -> tuple[GuideTip, GuideTip]:
    """What staff may have done before the French guide is loaded again: the first
    tip's French rewritten (``STAFF_FRENCH``), the last tip's English changed and
    its French emptied. Returns those two tips; a loader must leave both as staff
    left them (it may not bring back French that no longer matches the English)."""
    written = GuideTip.objects.order_by("pk").first()
    written.text_fr = STAFF_FRENCH
    written.save()
    changed = GuideTip.objects.order_by("pk").last()
    changed.title_en, changed.title_fr, changed.text_fr = "Our own last tip", "", ""
    changed.save()
    return written, changed


def signed_up_as(signup) -> tuple:
    """Who signed up and for what, as saved: first name, email, province, kind."""
    return (signup.first_name, signup.email, signup.province, signup.kind)
