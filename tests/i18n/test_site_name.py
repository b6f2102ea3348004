"""The site's name as visitors read it: "Stories of Hope" in English,
"Histoires d’espoir" in French, in page titles and email headers; staff
emails keep the English name (README, Languages)."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from outbox.models import OutboundEmail
from tests.contact.factories import form_data as media_form
from tests.fundraising.factories import form_data as signup_form
from tests.i18n import compiled  # noqa: F401  (the French catalogue, compiled)

pytestmark = pytest.mark.django_db

FRENCH_NAME = "Histoires d’espoir"


def default_title(language: str, path: str) -> str:
    """The <title> of a page that sets none of its own, in ``language``."""
    with translation.override(language):
        html = render_to_string("base.html", request=RequestFactory().get(path))
    return html[html.index("<title>") + 7 : html.index("</title>")]


def test_page_titles_name_the_site_in_the_page_language():
    assert default_title("fr", "/fr/").startswith(FRENCH_NAME + " · ")
    assert default_title("en", "/").startswith("Stories of Hope · ")


def test_visitor_emails_carry_the_french_name_and_staff_emails_the_english(client, settings):
    settings.FORM_MIN_SECONDS = 0
    client.post("/fr/collecte-de-fonds/", signup_form())
    guide = OutboundEmail.objects.get(template="fundraising_guide")
    assert f"<strong>{FRENCH_NAME}</strong>" in guide.body_html
    assert "Stories of Hope" not in guide.body_html

    client.post("/fr/contact-medias/", media_form())
    acknowledgement = OutboundEmail.objects.get(template="contact_acknowledgement")
    assert FRENCH_NAME in acknowledgement.body_html
    staff = OutboundEmail.objects.get(template="contact_notification")
    assert "through Stories of Hope" in staff.body_text
    assert FRENCH_NAME not in staff.body_text + staff.body_html

    client.post("/fundraise/", signup_form(email="robin@example.org"))
    english = OutboundEmail.objects.filter(template="fundraising_guide").latest("pk")
    assert "<strong>Stories of Hope</strong>" in english.body_html


def test_a_site_name_the_catalogue_does_not_know_is_shown_as_written(settings):
    settings.SITE_NAME = "Hope in Halifax"
    assert default_title("fr", "/fr/").startswith("Hope in Halifax · ")
