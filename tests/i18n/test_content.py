"""Stories in English, in French or in both (django-modeltranslation, see
docs/languages.md): each language's pages list only the stories written in
it, French search ignores accents, editors see which translations are
missing or out of date and write both languages on one form."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from stories.models import Story
from tests.factories import StaffUserFactory
from tests.stories.editorial import change_url, form_data
from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST_URL = "/admin/stories/story/"
NO_ENGLISH = {"headline_en": "", "slug_en": None, "summary_en": "", "body_en": ""}


def french_only(headline: str, slug: str, body: str = "<p>Un récit d’espoir.</p>", **extra):
    return StoryFactory(
        **NO_ENGLISH,
        headline_fr=headline,
        slug_fr=slug,
        summary_fr="Ce qui a changé, et comment.",
        body_fr=body,
        **extra,
    )


def in_both(headline: str, headline_fr: str, n: int = 0, **extra):
    return StoryFactory(
        headline=headline,
        slug=f"both-{n}",
        headline_fr=headline_fr,
        slug_fr=f"les-deux-{n}",
        summary_fr="Ce qui a changé, et comment.",
        body_fr="<p>Le récit complet.</p>",
        **extra,
    )


def errors_of(response) -> str:
    page = response.context
    return str(page["adminform"].form.errors) + str(
        [f.errors for f in page["inline_admin_formsets"] for f in [f.formset]]
    )


def get_in(client, code: str, name: str, **kwargs):
    """A page as a visitor of ``code`` asks for it (its own address in that
    language once the French paths exist). The page cache is emptied first,
    so each language's page is built, not read from the other's."""
    cache.clear()
    with translation.override(code):
        response = client.get(reverse(name, **kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_each_language_lists_only_the_stories_written_in_it(client):
    StoryFactory(headline="Maya walks to school again", slug="maya")
    french_only("Léa retrouve sa maison", "lea")
    in_both("Sam is heard in court", "Sam est entendu au tribunal", n=1)

    english = get_in(client, "en", "stories:list")
    assert "Maya walks to school again" in english
    assert "Sam is heard in court" in english
    assert "Léa retrouve sa maison" not in english
    assert "Sam est entendu" not in english

    french = get_in(client, "fr", "stories:list")
    assert "Léa retrouve sa maison" in french
    assert "Sam est entendu au tribunal" in french
    assert "Maya walks to school again" not in french
    assert "Sam is heard in court" not in french


def test_a_story_has_an_address_only_in_the_languages_it_is_written_in(client):
    english = StoryFactory(headline="Maya walks to school again", slug="maya")
    french = french_only("Léa retrouve sa maison", "lea")
    both = in_both("Sam is heard in court", "Sam est entendu au tribunal", n=1)

    assert english.has_language("en") and not english.has_language("fr")
    assert english.url_in("fr") is None
    assert french.url_in("en") is None and french.url_in("fr").endswith("/lea/")
    assert both.url_in("en").endswith("/both-1/") and both.url_in("fr").endswith("/les-deux-1/")

    # Each story's page answers in its own language only; the other is a 404.
    cache.clear()
    with translation.override("fr"):
        assert client.get(french.url_in("fr")).status_code == 200
        assert client.get(reverse("stories:detail", kwargs={"slug": "maya"})).status_code == 404
    cache.clear()
    with translation.override("en"):
        assert client.get(english.url_in("en")).status_code == 200
        assert client.get(reverse("stories:detail", kwargs={"slug": "lea"})).status_code == 404


def test_consent_is_one_record_whatever_the_language(client):
    story = in_both("Sam is heard in court", "Sam est entendu au tribunal", n=1)
    Story.objects.filter(pk=story.pk).update(identifies_nobody=False)  # no consent recorded
    for code in ("en", "fr"):
        assert not Story.objects.visible(language=code).filter(pk=story.pk).exists()


def test_french_search_ignores_accents_and_uses_french_words(client):
    school = french_only(
        "L’école du village rouvre ses portes",
        "ecole-du-village",
        body="<p>Les enfants retournent à l’école après des années d’attente.</p>",
    )
    french_only("Un nouveau puits au village", "puits")
    StoryFactory(headline="A school reopens", slug="school", body="<p>The école reopened.</p>")

    with translation.override("fr"):
        found = list(Story.objects.visible().search("ecole"))
        # "enfant" finds "enfants": French words (the french configuration).
        stemmed = list(Story.objects.visible().search("enfant"))
    assert found == [school]
    assert stemmed == [school]

    french = get_in(client, "fr", "stories:list", query={"q": "ecole"})
    assert "L’école du village rouvre ses portes" in french
    assert "Un nouveau puits" not in french
    assert "A school reopens" not in french

    # English search reads the English vector only.
    with translation.override("en"):
        assert list(Story.objects.visible().search("ecole")) == [
            Story.objects.get(slug_en="school")
        ]


def test_editors_see_which_translation_is_missing_or_out_of_date(client):
    client.force_login(StaffUserFactory(username="editor"))
    StoryFactory(headline="Maya walks to school again", slug="maya")
    french_only("Léa retrouve sa maison", "lea")
    current = in_both("Sam is heard in court", "Sam est entendu au tribunal", n=1)
    stale = in_both("Ana opens a bakery", "Ana ouvre une boulangerie", n=2)
    stale.headline_en = "Ana opens a bakery in her town"
    stale.save()

    assert current.translation_state == "EN + FR"
    page = client.get(CHANGELIST_URL).content.decode()
    rows = {
        headline: page.split(headline, 1)[1].split("</tr>", 1)[0]
        for headline in (
            "Maya walks to school again",
            "Léa retrouve sa maison",
            "Sam is heard in court",
            "Ana opens a bakery in her town",
        )
    }
    assert "FR missing" in rows["Maya walks to school again"]
    assert "EN missing" in rows["Léa retrouve sa maison"]
    assert "EN + FR" in rows["Sam is heard in court"]
    assert "FR out of date" in rows["Ana opens a bakery in her town"]

    # Bringing the French up to date clears the mark.
    stale.headline_fr = "Ana ouvre une boulangerie dans sa ville"
    stale.save()
    page = client.get(CHANGELIST_URL).content.decode()
    assert "FR out of date" not in page


def test_the_admin_saves_both_languages_from_one_form(client):
    client.force_login(StaffUserFactory(username="editor"))
    story = StoryFactory(
        headline="Maya walks to school again", slug="maya", state=Story.State.DRAFT
    )
    form = client.get(change_url(story)).content.decode()
    assert 'name="headline_en"' in form and 'name="headline_fr"' in form
    assert 'name="body_fr"' in form and 'name="impact_figures-0-label_fr"' in form

    data = form_data(
        client,
        story,
        headline_fr="Maya retourne à l’école",
        slug_fr="maya-retourne-a-lecole",
        summary_fr="Trois ans plus tard, Maya a retrouvé sa classe.",
        body_fr="<p>Le récit en français.</p><script>alert(1)</script>",
        impact_figures=[
            {
                "number": 40,
                "label_en": "children back in class",
                "label_fr": "enfants en classe",
                "position": 0,
            }
        ],
    )
    response = client.post(change_url(story), data)
    assert response.status_code == 302, errors_of(response)

    story.refresh_from_db()
    assert story.headline_en == "Maya walks to school again"
    assert story.headline_fr == "Maya retourne à l’école"
    assert story.body_fr == "<p>Le récit en français.</p>"  # cleaned like the English text
    assert story.url_in("fr").endswith("/maya-retourne-a-lecole/")
    figure = story.impact_figures.get()
    assert (figure.label_en, figure.label_fr) == ("children back in class", "enfants en classe")

    # A story with one language half written is refused with a clear message.
    data = form_data(client, story, summary_fr="", headline_fr="Maya retourne à l’école")
    response = client.post(change_url(story), data)
    assert response.status_code == 200
    assert "Write the French summary too" in response.content.decode()


def test_a_french_only_story_can_be_published_from_the_admin(client):
    client.force_login(StaffUserFactory(username="editor"))
    story = french_only("Léa retrouve sa maison", "lea", state=Story.State.DRAFT)
    data = form_data(client, story, _publish="Publish")
    response = client.post(change_url(story), data)
    assert response.status_code == 302, errors_of(response)
    story.refresh_from_db()
    assert story.state == Story.State.PUBLISHED
    with translation.override("fr"):
        assert Story.objects.visible().filter(pk=story.pk).exists()
    with translation.override("en"):
        assert not Story.objects.visible().filter(pk=story.pk).exists()


def count_list_queries(client, code: str) -> int:
    cache.clear()
    with translation.override(code), CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("stories:list"))
    assert response.status_code == 200
    return len(queries)


def test_the_french_list_makes_as_many_queries_as_the_english_at_any_size(client):
    for n in range(3):
        in_both(f"Story {n}", f"Récit {n}", n=n)
    few = {code: count_list_queries(client, code) for code in ("en", "fr")}
    for n in range(3, 15):
        in_both(f"Story {n}", f"Récit {n}", n=n)
    many = {code: count_list_queries(client, code) for code in ("en", "fr")}
    assert few["fr"] == many["fr"], f"French list: {few['fr']} queries for 3, {many['fr']} for 15"
    assert few["fr"] == few["en"] and many["fr"] == many["en"]


@pytest.mark.parametrize("code", ["en", "fr"])
def test_a_form_sent_from_a_page_records_its_language(client, settings, code):
    from contact.models import MediaInquiry
    from fundraising.models import FundraiserSignup
    from tests.contact.factories import form_data as inquiry_post
    from tests.fundraising.factories import form_data as signup_post

    settings.FORM_MIN_SECONDS = 0
    with translation.override(code):
        signed_up = client.post(reverse("fundraising:signup"), signup_post())
        asked = client.post(reverse("contact:form"), inquiry_post())
    assert signed_up.status_code == 303 and asked.status_code == 303
    assert FundraiserSignup.objects.get().language == code
    assert MediaInquiry.objects.get().language == code


def test_a_french_edit_to_a_live_story_is_a_draft_until_published_and_compared_by_language(
    client,
):
    client.force_login(StaffUserFactory(username="editor"))
    story = in_both("Sam is heard in court", "Sam est entendu au tribunal", n=1)
    first = client.post(change_url(story), form_data(client, story))
    assert first.status_code == 302
    data = form_data(client, story, headline_fr="Sam est enfin entendu au tribunal")
    assert client.post(change_url(story), data).status_code == 302

    # Visitors of the French pages still read the live French headline.
    french = get_in(client, "fr", "stories:detail", kwargs={"slug": "les-deux-1"})
    assert "Sam est entendu au tribunal" in french and "enfin" not in french

    versions = list(story.revisions.order_by("created_at", "pk"))
    older, newer = versions[0], versions[-1]
    compare = client.get(
        f"/admin/stories/story/{story.pk}/versions/compare/?version={older.pk}&version={newer.pk}"
    ).content.decode()
    french_row = compare.split("Headline (French)", 1)[1].split("</tr>", 1)[0]
    assert "<ins>enfin </ins>" in french_row
    english_row = compare.split("Headline (English)", 1)[1].split("</tr>", 1)[0]
    assert "<ins>" not in english_row

    # Publishing puts the French change live; the English is now the older one.
    data = form_data(client, story, _publish="Publish")
    assert client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.headline_fr == "Sam est enfin entendu au tribunal"
    assert story.translation_state == "EN out of date"


def test_one_word_can_be_an_english_address_and_another_storys_french_one(client):
    client.force_login(StaffUserFactory(username="editor"))
    StoryFactory(headline="Amina", slug="amina")
    amina_fr = french_only("Amina", "amina")  # the same word, the other language
    with translation.override("fr"):
        assert client.get(reverse("stories:detail", kwargs={"slug": "amina"})).status_code == 200
    # Within one language an address stays one story's: the form says so.
    other = StoryFactory(headline="Another Amina", slug="another", state=Story.State.DRAFT)
    response = client.post(change_url(other), form_data(client, other, slug="amina"))
    assert response.status_code == 200
    assert "Another story already uses this English address." in response.content.decode()
    assert amina_fr.has_language("fr")
