"""The French demo content: every English story, tip and call to action has a
French counterpart telling the same facts, and `load_demo` loads it."""

import html as html_lib
import re

import pytest
from django.core.management import call_command
from django.core.validators import validate_slug
from django.utils import translation
from modeltranslation.translator import translator

from config.typography import french_spacing
from contact.models import MediaContact
from fundraising import default_guide, default_guide_fr
from fundraising.models import Guide, GuideTip
from stories.management.commands import _demo_fr as fr
from stories.management.commands import load_demo as en
from stories.models import CallToAction, Collection, PullQuote, Story
from stories.validators import check_captions
from tests.fundraising.factories import STAFF_FRENCH, edit_guide_as_staff


def words(body_html: str) -> int:
    return len(html_lib.unescape(re.sub(r"<[^>]+>", " ", body_html)).split())


def test_every_english_story_has_a_french_one_with_the_same_figures_quotes_and_clip():
    english = {item["slug"]: item for item in en.STORIES}
    assert set(fr.STORIES) == set(english)
    for slug, story in fr.STORIES.items():
        source = english[slug]
        assert [n for n, _ in story["figures"]] == [n for n, _ in source["figures"]], slug
        assert len(story["quotes"]) == len(source["quotes"]), slug
        assert ("clip" in story) == ("clip" in source), slug
        assert bool(story["caption"]) == bool(source["caption"]), slug
        for key in ("headline", "summary", "body", "alt"):
            assert story[key].strip(), (slug, key)
        assert story["alt"].startswith("Illustration"), slug


def test_french_slugs_are_valid_unique_and_not_the_english_ones():
    slugs = [story["slug"] for story in fr.STORIES.values()]
    for slug in slugs:
        validate_slug(slug)
    assert len(set(slugs)) == 7
    assert not set(slugs) & set(fr.STORIES)


def test_french_stories_are_told_in_full_like_the_english():
    counts = {slug: words(story["body"]) for slug, story in fr.STORIES.items()}
    assert all(250 <= count <= 450 for count in counts.values()), counts


def test_luke_and_his_mother_speak_in_french_dialogue():
    body = french_spacing(fr.STORIES["the-wisdom-of-a-seven-year-old"]["body"])
    assert len(re.findall(r"<p>«\u00a0[^<]+\u00a0»</p>", body)) >= 6


def test_the_french_guide_has_the_same_25_tips_in_the_same_sections():
    assert [len(tips) for _title, tips in default_guide_fr.SECTIONS] == [
        len(tips) for _title, tips in default_guide.SECTIONS
    ]
    tips = [tip for _title, tips in default_guide_fr.SECTIONS for tip in tips]
    assert len(tips) == 25
    assert all(title.strip() and text.strip() for title, text in tips)
    assert len({title for title, _text in tips}) == 25


def test_clip_captions_keep_the_english_timings():
    for provider, cues in en.CLIP_CUES.items():
        assert [cue[:2] for cue in fr.CLIP_CUES[provider]] == [cue[:2] for cue in cues]


def test_every_call_to_action_and_theme_and_country_has_french_words():
    assert set(fr.CALLS_TO_ACTION) == {title for title, *_rest in en.CALLS_TO_ACTION}
    for title, text, url, label in fr.CALLS_TO_ACTION.values():
        assert title and text and label and url.startswith("/fr/")
    assert set(fr.THEMES) == set(en.THEMES)
    assert set(fr.COUNTRIES) == set(en.COUNTRIES)


def test_french_spacing_keeps_french_punctuation_and_amounts_together():
    assert french_spacing("« Tout? » : 20 $, 1 600 km") == (
        "«\u00a0Tout?\u00a0»\u00a0: 20\u00a0$, 1\u00a0600 km"
    )
    assert french_spacing("00:00:04.000 en 2013. Il") == "00:00:04.000 en 2013. Il"


# After `load_demo`: what a French visitor and a French-speaking editor get.


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_load_demo_tells_all_seven_stories_in_french(demo):
    stories = list(Story.objects.order_by("publish_at"))
    assert len(stories) == 7
    for story in stories:
        assert story.headline_fr and story.body_fr and story.summary_fr, story.slug_en
        assert story.headline_fr != story.headline_en
        assert 250 <= words(story.body_fr) <= 450, story.slug_en
        validate_slug(story.slug_fr)
    assert len({story.slug_fr for story in stories}) == 7
    assert Story.objects.visible().in_language("fr").count() == 7
    with translation.override("fr"):
        luke = Story.objects.get(slug_en="the-wisdom-of-a-seven-year-old")
        assert luke.headline == "La sagesse d'un enfant de sept ans"
        assert luke.slug == "la-sagesse-dun-enfant-de-sept-ans"
        # The sanitiser writes the non-breaking spaces as &nbsp;.
        spoken = re.findall(r"<p>«\u00a0[^<]+\u00a0»</p>", html_lib.unescape(luke.body))
        assert len(spoken) >= 6, spoken
        assert luke.pull_quotes.get().text.startswith("Pour qu'ils sachent")
        hellen = Story.objects.get(slug_en="one-home-restored-162-made-safe")
        figure = hellen.impact_figures.get()
        assert (figure.number, figure.label) == (162, "personnes en sécurité")
        assert hellen.hero_image.alt_text.startswith("Illustration\u00a0: ")
        assert hellen.hero_image.credit == "Illustration\u00a0: Histoires d'espoir"


def test_the_guide_gives_its_25_tips_in_french(demo):
    guide = Guide.load()
    assert guide.title_fr == "25 conseils pour organiser sa première collecte de fonds"
    tips = list(GuideTip.objects.filter(section__guide=guide))
    assert len(tips) == 25
    for tip in tips:
        assert tip.title_fr and tip.text_fr and tip.title_fr != tip.title_en, tip.title_en
    assert all(section.title_fr for section in guide.sections.all())
    with translation.override("fr"):
        first = GuideTip.objects.order_by("section__order", "order").first()
        assert first.title == "Partez de ce que vous aimez déjà"


def test_no_french_field_is_empty_where_the_english_one_is_filled(demo):
    checked = 0
    for model in translator.get_registered_models(abstract=False):
        if model.__name__.startswith("Historical"):
            continue
        fields = translator.get_options_for_model(model).fields
        for row in model.objects.all():
            for field in fields:
                english, french = getattr(row, f"{field}_en"), getattr(row, f"{field}_fr")
                if english:
                    assert french, f"{model.__name__} {row.pk}: {field}_fr is empty"
                    checked += 1
    # Stories, images, clips, quotes, figures, the page, calls to action, themes,
    # countries, the guide and the card: well over a hundred French fields.
    assert checked > 150, checked


def test_french_clips_have_their_own_captions_and_transcript(demo):
    for slug in ("finally-headed-home", "this-is-bablu"):
        clip = Story.objects.select_related("clip").get(slug_en=slug).clip
        check_captions(clip.captions_fr)
        assert clip.captions_fr.name != clip.captions_en.name
        assert clip.title_fr and clip.transcript_fr.count("\n\n") == clip.transcript_en.count(
            "\n\n"
        )
        with clip.captions_fr.open("rb") as handle:
            assert "Il est né libre" in handle.read().decode() or slug != "this-is-bablu"


def test_the_home_page_calls_to_action_and_media_card_are_in_french(demo):
    home = Collection.objects.get(slug=Collection.HOME_SLUG)
    assert (home.title_fr, home.subtitle_fr) == (
        "Histoires d'espoir",
        "Des moments de joie qui nous donnent la force de continuer",
    )
    assert "esclavage" in home.introduction_fr
    actions = CallToAction.objects.filter(is_active=True).order_by("position")
    assert [(a.link_url_fr, a.link_label_fr) for a in actions] == [
        ("/fr/collecte-de-fonds/", "Organiser une collecte de fonds"),
        ("/fr/histoires/", "Choisir une histoire à partager"),
        ("/fr/contact-medias/", "Joindre l'équipe des médias"),
    ]
    card = MediaContact.load()
    assert card.title_fr == "Directeur du marketing et des relations publiques"
    assert card.email == "media@example.org" and "555" in card.phone


def test_loading_again_keeps_one_french_version_and_leaves_staff_french_alone(demo):
    tip, edited_en = edit_guide_as_staff()
    card = MediaContact.load()
    card.title_fr = "Directrice du marketing et des relations publiques"
    card.save()
    call_command("load_demo", verbosity=0)
    assert Story.objects.count() == 7 and Story.objects.in_language("fr").count() == 7
    assert PullQuote.objects.count() == PullQuote.objects.exclude(text_fr="").count() == 4
    assert GuideTip.objects.get(pk=tip.pk).text_fr == STAFF_FRENCH
    # The English was changed by staff: the shipped French would no longer match it.
    assert GuideTip.objects.get(pk=edited_en.pk).title_fr in ("", None)
    assert MediaContact.load().title_fr.startswith("Directrice")
