"""Editors in the admin: consent checks on publishing, preview, history, CSP for the editor."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone, translation

from outbox.models import OutboundEmail
from stories.models import Story
from tests.stories.factories import StoryFactory, ThemeFactory, consent_ending_in

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/stories/story/add/"
CHANGELIST_URL = "/admin/stories/story/"


STORY_FORM = {
    "headline_en": "A new story",
    "slug_en": "a-new-story",
    "summary_en": "Short summary.",
    "body_en": "<p>Body</p>",
    "consent_scope": "",
    "impact_figures-TOTAL_FORMS": "0",
    "impact_figures-INITIAL_FORMS": "0",
    "pull_quotes-TOTAL_FORMS": "0",
    "pull_quotes-INITIAL_FORMS": "0",
}


def story_form(**overrides):
    # The form has a field per language; a text named plainly is the English one.
    english = {"headline", "slug", "summary", "body", "seo_title", "seo_description"}
    return {**STORY_FORM, **{f"{k}_en" if k in english else k: v for k, v in overrides.items()}}


def test_publishing_without_consent_is_refused_with_a_clear_message(client, editor):
    response = client.post(ADD_URL, story_form(_publish="Publish"))
    assert response.status_code == 200
    assert "cannot be published without consent" in response.content.decode()
    assert not Story.objects.exists()


def test_a_draft_needs_no_consent(client, editor):
    response = client.post(ADD_URL, story_form(state="draft"))
    assert response.status_code == 302
    assert Story.objects.get().state == "draft"


def test_publishing_with_consent_or_identifies_nobody_works(client, editor):
    today = timezone.localdate()
    response = client.post(
        ADD_URL,
        story_form(
            consent_obtained_on=today.isoformat(),
            consent_scope="Website and social media",
            consent_expires_on=(today + datetime.timedelta(days=365)).isoformat(),
            body="<p>Good</p><script>alert(1)</script>",
            _publish="Publish",
        ),
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.is_visible() and story.body == "<p>Good</p>"
    response = client.post(
        ADD_URL, story_form(slug="other", headline="Other", identifies_nobody="on", _publish="1")
    )
    assert response.status_code == 302
    assert Story.objects.get(slug="other").is_visible()


def test_expired_consent_blocks_publishing(client, editor):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        ADD_URL,
        story_form(
            consent_obtained_on="2020-01-01",
            consent_scope="Web",
            consent_expires_on=yesterday.isoformat(),
            _publish="Publish",
        ),
    )
    assert "Consent expired on" in response.content.decode()


def test_bulk_publish_applies_the_same_consent_check(client, editor):
    without = StoryFactory(headline="No consent yet", state="draft", identifies_nobody=False)
    fine = StoryFactory(headline="Nobody identified", state="draft")
    response = client.post(
        CHANGELIST_URL,
        {"action": "publish_stories", "_selected_action": [without.pk, fine.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Not published: “No consent yet”" in html and "without consent" in html
    without.refresh_from_db()
    fine.refresh_from_db()
    assert without.state == "draft" and fine.state == "published"


def test_bulk_unpublish_hides_stories(client, editor):
    story = StoryFactory()
    client.post(CHANGELIST_URL, {"action": "unpublish_stories", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.state == "draft" and not story.is_visible()


def test_change_page_offers_preview_and_a_share_link_and_allows_the_editor_script(client, editor):
    story = StoryFactory(state="draft")
    response = client.get(f"/admin/stories/story/{story.pk}/change/")
    html = response.content.decode()
    assert f'href="/stories/preview/{story.pk}/"' in html
    assert "/stories/preview/s/" in html
    for button in ("_continue", "_publish", "_schedule", "_submit_review"):
        assert f'name="{button}"' in html
    assert 'name="state"' not in html  # one way to schedule: no state to pick
    assert '<script type="importmap"' in html
    assert "'sha256-" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]


def test_list_shows_state_country_themes_and_updated(client, editor):
    StoryFactory(headline="Listed story")
    html = client.get(CHANGELIST_URL).content.decode()
    assert "Listed story" in html and ">Live<" in html
    for column in ("State", "Country", "Themes", "Updated at"):
        assert column in html


def test_history_records_who_changed_what_and_the_old_revert_form_cannot_write(client, editor):
    client.post(ADD_URL, story_form(state="draft", headline="First headline"))
    story = Story.objects.get()
    data = story_form(state="draft", headline="Second headline")
    client.post(f"/admin/stories/story/{story.pk}/change/", data)
    assert story.history.count() == 2
    assert story.history.first().history_user == editor
    html = client.get(f"/admin/stories/story/{story.pk}/history/").content.decode()
    assert "editor" in html
    first = story.history.last()
    revert_url = f"/admin/stories/story/{story.pk}/history/{first.history_id}/"
    assert client.get(revert_url).status_code == 200
    # Reverting goes through the draft (the Versions page), never straight to the rows.
    response = client.post(revert_url, story_form(state="draft", headline="First headline"))
    assert response.status_code == 302 and response["Location"].endswith("/versions/")
    story.refresh_from_db()
    assert story.headline == "Second headline"


def test_consent_reminder_emails_editors(db, settings):
    from django.contrib.auth.models import Group

    editors, _ = Group.objects.get_or_create(name="Editors")
    member = get_user_model().objects.create_user("ed", "ed@example.org", "pw")
    member.groups.add(editors)
    StoryFactory(headline="Consent gone", **consent_ending_in(-1))
    StoryFactory(headline="Consent ending soon", **consent_ending_in(20))
    StoryFactory(headline="Consent fine", **consent_ending_in(200))
    StoryFactory(  # told about for a month after it went dark, then no more
        headline="Consent long gone", **consent_ending_in(-45)
    )
    out = StringIO()
    call_command("check_consent", stdout=out)
    assert out.getvalue().strip() == "Told 1 editor about 2 stories with expiring consent."
    email = OutboundEmail.objects.get()
    assert email.to == "ed@example.org"
    assert "1 expired" in email.subject and "1 expiring within 30 days" in email.subject
    assert "Consent gone" in email.body_text and "Consent ending soon" in email.body_text
    assert "Consent fine" not in email.body_text
    assert "Consent long gone" not in email.body_text


def test_consent_reminder_falls_back_to_managers_and_stays_quiet_when_nothing_expires(db, settings):
    settings.MANAGERS = [("Ops", "ops@example.org")]
    call_command("check_consent", verbosity=0)
    assert not OutboundEmail.objects.exists()
    StoryFactory(
        identifies_nobody=False,
        consent_obtained_on=timezone.localdate(),
        consent_scope="Web",
        consent_expires_on=timezone.localdate() + datetime.timedelta(days=3),
    )
    call_command("check_consent", verbosity=0)
    assert OutboundEmail.objects.get().to == "ops@example.org"


def figure_rows(figures):
    data = {
        "impact_figures-TOTAL_FORMS": str(len(figures)),
        "impact_figures-INITIAL_FORMS": str(sum(1 for f in figures if f.get("id"))),
    }
    for index, figure in enumerate(figures):
        for key, value in figure.items():
            key = "label_en" if key == "label" else key  # the English label
            data[f"impact_figures-{index}-{key}"] = str(value)
    return data


def test_editing_an_impact_figure_is_kept_in_history_with_who_and_when(client, editor):
    from stories.models import ImpactFigure

    theme = ThemeFactory(name="Land rights")
    client.post(
        ADD_URL,
        story_form(
            state="draft",
            themes=[theme.pk],
            **figure_rows([{"number": 150, "label": "convictions", "position": 0}]),
        ),
    )
    story = Story.objects.get()
    figure = ImpactFigure.objects.get(story=story)
    response = client.post(
        f"/admin/stories/story/{story.pk}/change/",
        story_form(
            state="draft",
            themes=[theme.pk],
            **figure_rows(
                [
                    {
                        "id": figure.pk,
                        "story": story.pk,
                        "number": 162,
                        "label": "made safe",
                        "position": 0,
                    }
                ]
            ),
        ),
    )
    assert response.status_code == 302
    figure.refresh_from_db()
    assert (figure.number, figure.label) == (162, "made safe")

    records = list(figure.history.order_by("history_date"))
    assert [(r.history_type, r.number, r.label) for r in records] == [
        ("+", 150, "convictions"),
        ("~", 162, "made safe"),
    ]
    assert all(r.history_user == editor for r in records)

    # The story's history page lists the figure's change, with who made it.
    html = client.get(f"/admin/stories/story/{story.pk}/history/").content.decode()
    assert "162 made safe" in html and "150 convictions" in html
    assert "Versions" in html


def test_a_removed_pull_quote_stays_in_history(client, editor):
    from stories.models import PullQuote

    story = StoryFactory(state=Story.State.DRAFT)
    quote = PullQuote.objects.create(story=story, text="We were heard at last.", position=0)
    data = story_form(
        state="draft",
        headline=story.headline,
        slug=story.slug,
        **{
            "pull_quotes-TOTAL_FORMS": "1",
            "pull_quotes-INITIAL_FORMS": "1",
            "pull_quotes-0-id": str(quote.pk),
            "pull_quotes-0-story": str(story.pk),
            "pull_quotes-0-text_en": quote.text,
            "pull_quotes-0-position": "0",
            "pull_quotes-0-DELETE": "on",
        },
    )
    assert client.post(f"/admin/stories/story/{story.pk}/change/", data).status_code == 302
    assert not PullQuote.objects.exists()
    deleted = PullQuote.history.get(id=quote.pk, history_type="-")
    assert deleted.text == "We were heard at last." and deleted.history_user == editor


def test_theme_changes_are_kept_in_history(client, editor):
    first, second = ThemeFactory(name="Courts"), ThemeFactory(name="Housing")
    client.post(ADD_URL, story_form(state="draft", themes=[first.pk]))
    story = Story.objects.get()
    with_first = story.history.latest("history_date")
    client.post(
        f"/admin/stories/story/{story.pk}/change/", story_form(state="draft", themes=[second.pk])
    )
    assert list(story.themes.all()) == [second]
    latest = story.history.latest("history_date")
    assert [row.theme_id for row in with_first.themes.all()] == [first.pk]
    assert [row.theme_id for row in latest.themes.all()] == [second.pk]
    assert latest.history_user == editor

    # The old version's page shows the themes the story had then.
    revert_url = f"/admin/stories/story/{story.pk}/history/{with_first.history_id}/"
    html = client.get(revert_url).content.decode()
    assert checked_theme(html, first.pk)
    assert not checked_theme(html, second.pk)


def test_reverting_to_a_version_from_before_theme_history_keeps_the_themes(client, editor):
    theme = ThemeFactory(name="Courts")
    client.post(ADD_URL, story_form(state="draft", themes=[theme.pk]))
    story = Story.objects.get()
    old = story.history.earliest("history_date")
    old.themes.all().delete()  # as versions recorded before themes were tracked
    html = client.get(f"/admin/stories/story/{story.pk}/history/{old.history_id}/").content.decode()
    assert checked_theme(html, theme.pk)


@pytest.mark.parametrize(
    ("consent", "live"),
    [
        ({"consent_scope": ""}, False),  # a date but no scope: not consent enough
        ({"consent_scope": "   "}, False),
        ({"consent_obtained_on": None}, False),
        ({"expires_in_days": 0}, False),  # consent ends at the start of its expiry day
        ({"expires_in_days": 1}, True),
        ({}, True),
        ({"identifies_nobody": True, "consent_obtained_on": None, "consent_scope": ""}, True),
    ],
)
def test_the_list_the_publishing_check_and_the_site_agree_on_consent(client, editor, consent, live):
    """One consent rule: what visitors see, the list's live/hidden, and whether
    the story may be published."""
    fields = {
        "identifies_nobody": False,
        "consent_obtained_on": timezone.localdate() - datetime.timedelta(days=30),
        "consent_scope": "Website and newsletter",
        **consent,
    }
    if "expires_in_days" in fields:
        days = fields.pop("expires_in_days")
        fields["consent_expires_on"] = timezone.localdate() + datetime.timedelta(days=days)
    story = StoryFactory(headline="Consent case", **fields)
    html = client.get(CHANGELIST_URL).content.decode()
    assert story.is_visible() is live
    assert (">Live<" in html) is live
    assert (">Hidden (consent)<" in html) is not live
    assert (story.publishing_problems() == []) is live


@pytest.mark.parametrize("slug", ["feed", "preview"])
def test_a_slug_that_is_one_of_the_sites_own_addresses_is_refused(client, editor, slug):
    response = client.post(ADD_URL, story_form(slug=slug, state="draft"))
    assert response.status_code == 200
    assert f"/stories/{slug}/ is one of the site&#x27;s own pages" in response.content.decode()
    assert not Story.objects.exists()


def test_a_headline_that_would_make_such_a_slug_gets_another(db):
    story = StoryFactory(headline="Feed", slug="")
    assert story.slug == "feed-story"
    assert story.get_absolute_url() == "/stories/feed-story/"


@pytest.mark.parametrize("slug", ["fil", "apercu"])  # /fr/histoires/fil/ is the French feed
def test_a_french_slug_that_is_one_of_the_sites_french_addresses_is_refused(client, editor, slug):
    french = {
        "headline_fr": "Un fil",
        "slug_fr": slug,
        "summary_fr": "Court.",
        "body_fr": "<p>Fr</p>",
    }
    response = client.post(ADD_URL, story_form(state="draft", **french))
    assert response.status_code == 200
    assert f"/fr/histoires/{slug}/ is one of the site&#x27;s own pages" in (
        response.content.decode()
    )
    assert not Story.objects.exists()


def test_a_french_headline_that_would_make_such_a_slug_gets_another(db):
    story = StoryFactory(headline_fr="Fil", slug_fr="")
    assert story.slug_fr == "fil-story"
    with translation.override("fr"):
        assert story.get_absolute_url() == "/fr/histoires/fil-story/"


def checked_theme(html, pk) -> bool:
    """Themes are checkboxes; is the one with this id ticked?"""
    return bool(re.search(rf'<input type="checkbox" name="themes" value="{pk}"[^>]*checked', html))
