"""French interface strings (issue 15): the catalogue is complete and
compiles without GNU gettext, pages and forms read in French under /fr/, and
dates, numbers and money follow fr-CA."""

from __future__ import annotations

import datetime
import gettext
import io
import re
from pathlib import Path

import polib
import pytest
from django.utils import timezone, translation

from config import local_formats
from config.catalogue import LOCALE_DIR, compile_catalogues, python_messages, template_messages
from fundraising.models import FundraiserSignup
from outbox.models import OutboundEmail
from tests.contact.factories import form_data as media_form
from tests.fundraising.factories import form_data as signup_form
from tests.stories.factories import StoryFactory

FRENCH_PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po"
NBSP = "\u00a0"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue() -> polib.POFile:
    return polib.pofile(str(FRENCH_PO))


def key(entry: polib.POEntry) -> tuple:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


# ------------------------------------------------------------- the catalogue


def test_the_french_catalogue_has_no_empty_or_fuzzy_entry():
    po = catalogue()
    assert len(po) > 250  # every visitor string, not a sample
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    assert po.percent_translated() == 100


def test_every_marked_string_has_its_french(settings):
    """What makemessages would extract from the templates and the Python code
    (without needing xgettext) is all in the catalogue."""
    translated = {key(e) for e in catalogue()}
    in_templates = template_messages()
    in_code = python_messages()
    # The extractors see what we marked, so an empty result cannot pass by accident.
    assert (None, "Make an impact", None) in in_templates
    assert ("navigation", "Main", None) in in_templates
    assert (None, "%(n)d minute", "%(n)d minutes") in in_code
    assert (None, "Please enter your first name.", None) in in_code
    missing = {k: where for k, where in {**in_code, **in_templates}.items() if k not in translated}
    assert missing == {}


def test_placeholders_are_the_same_in_english_and_french():
    for entry in catalogue():
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            for text in entry.msgstr_plural.values():
                assert set(PLACEHOLDER.findall(text)) <= wanted | set(
                    PLACEHOLDER.findall(entry.msgid_plural)
                ), entry.msgid
        else:
            assert set(PLACEHOLDER.findall(entry.msgstr)) == wanted, entry.msgid


def test_the_catalogue_compiles_in_pure_python(tmp_path):
    target = tmp_path / "fr" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "django.po").write_bytes(FRENCH_PO.read_bytes())
    [written] = compile_catalogues(tmp_path)
    assert written == target / "django.mo"
    assert compile_catalogues(tmp_path) == []  # up to date: not written again
    compiled = gettext.GNUTranslations(io.BytesIO(written.read_bytes()))
    assert compiled.gettext("Make an impact") == "Faites une différence"
    assert compiled.ngettext("%(n)d minute", "%(n)d minutes", 2) == "%(n)d minutes"
    assert compiled.pgettext("navigation", "Main") == "Principal"


def test_the_site_reads_the_compiled_catalogue():
    assert Path(FRENCH_PO.with_suffix(".mo")).exists()
    with translation.override("fr"):
        assert translation.gettext("Give") == "Donner"
        assert translation.gettext("Stories of Hope") == "Histoires d’espoir"


# ------------------------------------------------------------------ formats


@pytest.mark.parametrize(
    ("language", "date", "amount", "cents", "count"),
    [
        ("en", "April 20, 2020", "$1,000", "$250.50", "12,345"),
        ("fr", "20 avril 2020", f"1{NBSP}000{NBSP}$", f"250,50{NBSP}$", f"12{NBSP}345"),
    ],
)
def test_dates_numbers_and_money_follow_the_language(language, date, amount, cents, count):
    with translation.override(language):
        assert local_formats.public_date(datetime.date(2020, 4, 20)) == date
        assert local_formats.money(1000) == amount
        assert local_formats.money("250.50") == cents
        assert local_formats.number(12345) == count


@pytest.mark.django_db
def test_a_french_story_page_shows_its_date_the_french_way(client):
    published = timezone.make_aware(datetime.datetime(2020, 4, 20, 10, 0))
    story = StoryFactory(
        publish_at=published,
        headline_fr="Une histoire d’espoir",
        slug_fr="une-histoire",
        summary_fr="Il s’est passé quelque chose de bien.",
    )
    french = client.get("/fr/histoires/une-histoire/")
    assert french.status_code == 200
    html = french.content.decode()
    assert '<time datetime="2020-04-20">20 avril 2020</time>' in html
    assert "Partager cette histoire" in html
    english = client.get(f"/stories/{story.slug_en}/").content.decode()
    assert '<time datetime="2020-04-20">April 20, 2020</time>' in english
    assert "Share this story" in english


# -------------------------------------------------------------------- forms


@pytest.mark.django_db
def test_the_french_signup_page_is_in_french_with_amounts_in_fr_ca(client):
    html = client.get("/fr/collecte-de-fonds/").content.decode()
    assert "<h1>Faites une différence</h1>" in html
    assert f"<strong>1{NBSP}000{NBSP}$</strong>" in html
    assert "Adresse courriel" in html
    assert "(facultatif)" in html
    assert "Colombie-Britannique" in html  # the province list
    english = client.get("/fundraise/").content.decode()
    assert "<strong>$1,000</strong>" in english


@pytest.mark.django_db
def test_an_invalid_french_signup_answers_in_french(client, settings):
    settings.FORM_MIN_SECONDS = 0
    response = client.post(
        "/fr/collecte-de-fonds/",
        signup_form(
            first_name="", email="not-an-address", goal_amount="2000000", message="m" * 3001
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<title>Erreur{NBSP}: " in html
    assert "Veuillez corriger 4 éléments avant l’envoi" in html
    assert "Veuillez entrer votre prénom." in html
    assert "Veuillez entrer une adresse courriel comme nom@example.org." in html
    assert f"d’au plus 1{NBSP}000{NBSP}000{NBSP}$" in html
    assert f"Veuillez vous en tenir à 3{NBSP}000 caractères au plus." in html
    assert "Please" not in html
    assert not FundraiserSignup.objects.exists()


@pytest.mark.django_db
def test_an_invalid_french_media_inquiry_answers_in_french(client, settings):
    settings.FORM_MIN_SECONDS = 0
    response = client.post("/fr/contact-medias/", media_form(name="", outlet="", phone="12"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Veuillez nous indiquer votre nom." in html
    assert "Veuillez nous indiquer pour quel média vous travaillez." in html
    assert "Veuillez entrer un numéro de téléphone de 7 à 15 chiffres" in html
    assert "Please" not in html


@pytest.mark.django_db
def test_a_valid_french_signup_is_recorded_in_french_and_thanked_in_french(client, settings):
    settings.FORM_MIN_SECONDS = 0
    settings.EVENTS_TEAM_EMAIL = "events@example.org"
    response = client.post("/fr/collecte-de-fonds/", signup_form(news_consent="on"))
    assert response.status_code == 303
    assert response["Location"] == "/fr/collecte-de-fonds/merci/"
    signup = FundraiserSignup.objects.get()
    assert signup.language == "fr"
    # The wording stored as proof of consent is the French the supporter ticked.
    assert signup.consent_wording.startswith("Envoyez-moi des nouvelles")

    thanks = client.get(response["Location"]).content.decode()
    assert "Merci de votre inscription" in thanks

    guide = OutboundEmail.objects.get(template="fundraising_guide")
    assert guide.subject == "Votre guide, 25 conseils pour organiser sa première collecte de fonds"
    assert "Bonjour Robin," in guide.body_text
    assert f"{settings.SITE_URL}/fr/collecte-de-fonds/guide/" in guide.body_text
    assert re.search(r"/fr/collecte-de-fonds/desabonnement/\S+/", guide.body_text)
    assert 'lang="fr-CA"' in guide.body_html
    assert "Hello" not in guide.body_text

    notification = OutboundEmail.objects.get(template="fundraising_notification")
    assert "Language: French" in notification.body_text
    assert "A supporter signed up" in notification.body_text
    assert "Manitoba" in notification.body_text


@pytest.mark.django_db
def test_an_english_signup_stays_english(client, settings):
    settings.FORM_MIN_SECONDS = 0
    assert client.post("/fundraise/", signup_form()).status_code == 303
    assert FundraiserSignup.objects.get().language == "en"
    guide = OutboundEmail.objects.get(template="fundraising_guide")
    assert "Hello Robin," in guide.body_text
    notification = OutboundEmail.objects.get(template="fundraising_notification")
    assert "Language: English" in notification.body_text


@pytest.mark.django_db
def test_the_unsubscribe_pages_follow_the_email_language(client, settings):
    settings.FORM_MIN_SECONDS = 0
    client.post("/fr/collecte-de-fonds/", signup_form(news_consent="on"))
    body = OutboundEmail.objects.get(template="fundraising_guide").body_text
    path = re.search(r"https?://[^/\s]+(/fr/collecte-de-fonds/desabonnement/\S+/)", body)[1]
    page = client.get(path).content.decode()
    assert "Me désabonner" in page
    done = client.post(path).content.decode()
    assert "Désabonnement confirmé" in done
    assert not FundraiserSignup.objects.get().wants_news


@pytest.mark.django_db
def test_the_rate_limit_speaks_french_on_french_pages(client, settings):
    settings.FORM_MIN_SECONDS = 0
    settings.FORM_RATE_LIMIT = "1/1h"
    client.post("/fr/contact-medias/", media_form())
    held = client.post("/fr/contact-medias/", media_form(email="again@example.org"))
    assert held.status_code == 429
    html = held.content.decode()
    assert "Veuillez patienter un peu avant d’envoyer de nouveau" in html
    assert re.search(r"Veuillez réessayer dans environ \d+ minutes?\.", html)


@pytest.mark.django_db
def test_french_error_pages(client):
    html = client.get("/fr/histoires/aucune-histoire-ici/").content.decode()
    assert "Nous n’avons pas trouvé cette page" in html
