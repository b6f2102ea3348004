"""Emails in the language of the form (issue 15), end to end: a form posted
from a French page, the outbox, a real db_worker and a real SMTP server."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import wait_for_idle_workers
from tests.contact.factories import form_data as media_form
from tests.fundraising.factories import form_data as signup_form

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
NBSP = "\u00a0"
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


@pytest.fixture
def forms_open(settings):
    settings.FORM_MIN_SECONDS = 0
    settings.EVENTS_TEAM_EMAIL = "events@example.org"
    settings.MEDIA_TEAM_EMAIL = "media@example.org"


def plain(message) -> str:
    return message.get_body(("plain",)).get_content()


def html(message) -> str:
    return message.get_body(("html",)).get_content()


def test_a_french_signup_gets_the_french_guide_and_staff_get_english(
    client, settings, smtp_sink, db_worker, forms_open
):
    assert client.post("/fr/collecte-de-fonds/", signup_form(news_consent="on")).status_code == 303
    db_worker({"EMAIL_TIMEOUT": "5"})
    smtp_sink.wait_for(2, timeout=60)

    [guide] = smtp_sink.to("robin@example.org")
    assert (
        guide["Subject"].strip()
        == "Votre guide, 25 conseils pour organiser sa première collecte de fonds"
    )
    text = plain(guide)
    assert text.startswith("Bonjour Robin,")
    assert "Merci d’avoir choisi d’organiser une collecte de fonds." in text
    assert f"{settings.SITE_URL}/fr/collecte-de-fonds/guide/" in text
    assert "L’équipe des événements" in text
    assert re.search(r"/fr/collecte-de-fonds/desabonnement/\S+/", guide["List-Unsubscribe"])
    body = html(guide)
    assert '<html lang="fr-CA">' in body
    assert f'href="{settings.SITE_URL}/fr/collecte-de-fonds/guide/"' in body

    [notification] = smtp_sink.to("events@example.org")
    staff = plain(notification)
    assert "A supporter signed up to start a fundraiser." in staff
    assert "Language: French" in staff
    assert '<th align="left" scope="row">Language</th><td>French</td>' in html(notification)
    wait_for_idle_workers()
    assert len(smtp_sink.messages) == 2


def test_a_french_media_inquiry_is_acknowledged_in_french(
    client, settings, smtp_sink, db_worker, forms_open
):
    day = timezone.localdate() + timedelta(days=30)
    data = media_form(email="reporter@example.org", deadline=f"{day.isoformat()}T16:00")
    month = MONTHS.split()[day.month - 1]
    assert client.post("/fr/contact-medias/", data).status_code == 303
    db_worker({"EMAIL_TIMEOUT": "5"})
    smtp_sink.wait_for(2, timeout=60)

    [ack] = smtp_sink.to("reporter@example.org")
    assert ack["Subject"].strip() == "Nous avons bien reçu votre demande médias"
    text = plain(ack)
    assert text.startswith("Bonjour Alex Reporter,")
    # The deadline the fr-CA way: weekday and month in French, "16 h 00".
    when = f"{DAYS[day.weekday()]} {day.day} {month} {day.year}, 16 h 00"
    assert f"avant votre échéance du {when}" in text
    assert f"Courriel{NBSP}:" in text
    assert "Meilleures salutations," in text
    assert "Thank you" not in text
    assert '<html lang="fr-CA">' in html(ack)

    [notification] = smtp_sink.to("media@example.org")
    staff = plain(notification)
    assert "A journalist has sent a media inquiry" in staff
    assert re.search(r"Language: +French", staff)
    assert f"{day:%A} {day.day} {day:%B} {day.year}, 16:00" in staff
