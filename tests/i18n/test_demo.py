"""The French demo content: every English story, tip and call to action has a
French counterpart telling the same facts, and `load_demo` loads it."""

import html as html_lib
import re

from django.core.validators import validate_slug

from config.typography import french_spacing
from fundraising import default_guide, default_guide_fr
from stories.management.commands import _demo_fr as fr
from stories.management.commands import load_demo as en


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
