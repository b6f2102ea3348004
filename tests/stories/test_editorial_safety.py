"""No lost work and consent safety: stale saves are refused and keep the text,
autosave and presence, preview of unsaved contents, withdrawing consent."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from stories.models import ConsentWithdrawal, Story, StoryDraft
from stories.views import preview_share_url
from tests.stories.editorial import change_url, form_data, staff_in
from tests.stories.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def erin():
    return staff_in("Editors", "erin", first_name="Erin")


@pytest.fixture
def pia():
    return staff_in("Publishers", "pia", first_name="Pia")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------- conflicts


def test_a_save_from_a_stale_form_is_refused_and_keeps_what_was_typed(erin, pia):
    story = StoryFactory(summary="The first summary.")
    first, second = signed_in(erin), signed_in(pia)
    erins_form = form_data(first, story, summary="Erin's careful summary.")
    pias_form = form_data(second, story, summary="Pia's quick summary.")
    assert first.post(change_url(story), erins_form).status_code == 302

    refused = second.post(change_url(story), pias_form)
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Erin saved this story at" in html and timezone.get_current_timezone_name() in html
    assert "Pia&#x27;s quick summary." in html  # still in the form
    # Both versions side by side, the changed words marked.
    assert "Their saved version" in html and "Your version (not saved)" in html
    assert "<del>Erin&#x27;s careful </del>" in html and "<ins>Pia&#x27;s quick </ins>" in html
    assert StoryDraft.objects.get(story=story).content["fields"]["summary_en"] == (
        "Erin's careful summary."
    )

    # Having seen both, Pia saves on purpose: the form now carries the new token.
    token = refused.context["adminform"].form["edit_token"].value()
    assert second.post(change_url(story), {**pias_form, "edit_token": token}).status_code == 302
    assert StoryDraft.objects.get(story=story).content["fields"]["summary_en"] == (
        "Pia's quick summary."
    )


def test_a_stale_autosave_is_refused_too(erin, pia):
    story = StoryFactory()
    first, second = signed_in(erin), signed_in(pia)
    stale = form_data(first, story, headline="Erin types")
    second.post(change_url(story), form_data(second, story, headline="Pia saved"))
    response = first.post(f"/admin/stories/story/{story.pk}/autosave/", stale)
    assert response.status_code == 409 and "Pia saved this story" in response.json()["message"]
    assert StoryDraft.objects.get().content["fields"]["headline_en"] == "Pia saved"


# ---------------------------------------------------------------- autosave and presence


def test_autosave_keeps_the_draft_never_the_live_version(erin):
    story = StoryFactory(headline="Live headline")
    client = signed_in(erin)
    data = form_data(client, story, headline="Typed, not yet saved")
    response = client.post(f"/admin/stories/story/{story.pk}/autosave/", data)
    body = response.json()
    assert response.status_code == 200 and body["saved"]
    assert (
        body["message"].startswith("Saved ")
        and timezone.localtime().strftime("%Z") in (body["message"])
    )
    story.refresh_from_db()
    assert story.headline == "Live headline"
    draft = StoryDraft.objects.get(story=story)
    assert draft.autosaved and draft.content["fields"]["headline_en"] == "Typed, not yet saved"
    # A second autosave with the token it was given goes through.
    again = client.post(
        f"/admin/stories/story/{story.pk}/autosave/",
        {**data, "headline_en": "Typed more", "edit_token": body["token"]},
    )
    assert again.json()["saved"]

    invalid = client.post(
        f"/admin/stories/story/{story.pk}/autosave/",
        {**data, "headline_en": "", "edit_token": again.json()["token"]},
    )
    assert invalid.status_code == 200 and not invalid.json()["saved"]
    assert StoryDraft.objects.get().content["fields"]["headline_en"] == "Typed more"


def test_autosave_of_a_story_never_published_leaves_its_history_alone(erin):
    story = StoryFactory(state=Story.State.DRAFT, headline="Quiet")
    client = signed_in(erin)
    versions = story.history.count()
    client.post(
        f"/admin/stories/story/{story.pk}/autosave/", form_data(client, story, headline="Louder")
    )
    assert story.history.count() == versions
    assert 'value="Louder"' in client.get(change_url(story)).content.decode()


def test_the_form_says_who_else_is_editing(erin, pia):
    story = StoryFactory()
    first, second = signed_in(erin), signed_in(pia)
    assert first.post(f"/admin/stories/story/{story.pk}/heartbeat/").json() == {"others": []}
    others = second.post(f"/admin/stories/story/{story.pk}/heartbeat/").json()["others"]
    assert [o["name"] for o in others] == ["Erin"] and others[0]["since"]
    assert "Being edited by Erin since" in second.get(change_url(story)).content.decode()
    assert first.get(f"/admin/stories/story/{story.pk}/heartbeat/").status_code == 405


# ---------------------------------------------------------------- preview


def test_preview_shows_the_unsaved_form_and_saves_nothing(erin):
    story = StoryFactory(headline="Saved headline", figures=[(3, "schools")])
    client = signed_in(erin)
    data = form_data(
        client,
        story,
        headline="Only on screen",
        impact_figures=[{"number": 9, "label": "wells dug", "position": 0}],
    )
    response = client.post(f"/admin/stories/story/{story.pk}/preview-unsaved/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Only on screen" in html and "wells dug" in html and "unsaved" in html
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert not StoryDraft.objects.exists()
    story.refresh_from_db()
    assert story.headline == "Saved headline"

    broken = client.post(
        f"/admin/stories/story/{story.pk}/preview-unsaved/", {**data, "headline_en": ""}
    )
    assert broken.status_code == 400 and "Headline" in broken.content.decode()


def test_preview_of_a_story_not_yet_saved(erin):
    client = signed_in(erin)
    data = {
        "headline_en": "Brand new words",
        "slug_en": "brand-new",
        "summary_en": "S",
        "identifies_nobody": "on",
        "impact_figures-TOTAL_FORMS": "0",
        "impact_figures-INITIAL_FORMS": "0",
        "pull_quotes-TOTAL_FORMS": "0",
        "pull_quotes-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/stories/story/preview-new/", data)
    assert response.status_code == 200 and "Brand new words" in response.content.decode()
    assert not Story.objects.exists()


def test_the_share_link_previews_the_current_draft(erin):
    story = StoryFactory(headline="Live words")
    client = signed_in(erin)
    client.post(change_url(story), form_data(client, story, headline="Draft words"))
    html = Client().get(preview_share_url(story)).content.decode()
    assert "Draft words" in html and "Live words" not in html


# ---------------------------------------------------------------- consent


def test_withdrawing_consent_hides_at_once_even_with_invalid_fields(
    erin, pia, django_capture_on_commit_callbacks
):
    story = StoryFactory(slug="taken-down", headline="Taken down")
    visitor = Client()
    share = preview_share_url(story)
    assert visitor.get("/stories/taken-down/").status_code == 200
    assert visitor.get(share).status_code == 200
    client = signed_in(erin)
    data = form_data(client, story, headline="", summary="")  # an invalid form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            change_url(story),
            {**data, "_withdraw_consent": "1", "withdrawal_note": "Her sister phoned."},
        )
    assert response.status_code == 302
    withdrawal = ConsentWithdrawal.objects.get(story=story)
    assert withdrawal.recorded_by == erin and withdrawal.note == "Her sister phoned."
    assert visitor.get("/stories/taken-down/").status_code == 404
    assert visitor.get(share).status_code == 410
    assert "taken-down" not in visitor.get("/stories/").content.decode()
    assert not Story.objects.visible().filter(pk=story.pk).exists()
    html = client.get(change_url(story)).content.decode()
    assert "Consent withdrawn" in html and "Her sister phoned." in html
    assert ">Hidden (consent)<" in client.get("/admin/stories/story/").content.decode()

    # A typo fix is saved as a draft; publishing says what to renew.
    assert client.post(change_url(story), form_data(client, story, headline="Fixed")).status_code
    assert StoryDraft.objects.get(story=story).content["fields"]["headline_en"] == "Fixed"
    publisher = signed_in(pia)
    refused = publisher.post(change_url(story), form_data(publisher, story, _publish="1"))
    assert refused.status_code == 200
    assert "Consent was withdrawn on" in refused.content.decode()
    assert "record the date new consent was given" in refused.content.decode()

    # New consent, given after the withdrawal, lets it go live again.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    renewed = form_data(
        publisher,
        story,
        consent_obtained_on=tomorrow.isoformat(),
        consent_scope="Web, first name only",
        _publish="1",
    )
    renewed.pop("identifies_nobody", None)
    assert publisher.post(change_url(story), renewed).status_code == 302
    story.refresh_from_db()
    assert story.consent_withdrawn_at is None and story.is_visible(
        now=timezone.now() + datetime.timedelta(days=2)
    )
    assert ConsentWithdrawal.objects.filter(story=story).exists()  # the record stays


def test_withdrawal_cancels_a_pending_review(erin):
    from stories import workflow
    from stories.models import StoryReview

    story = StoryFactory()
    workflow.submit_for_review(story, erin)
    workflow.withdraw_consent(story, erin, "")
    assert StoryReview.objects.get().status == StoryReview.Status.CANCELLED
    assert json.dumps(StoryReview.objects.get().comment)


def test_preview_works_from_a_form_older_than_the_last_save(erin, pia):
    story = StoryFactory()
    first, second = signed_in(erin), signed_in(pia)
    stale = form_data(first, story, headline="Erin previews this")
    second.post(change_url(story), form_data(second, story, headline="Pia saved"))
    response = first.post(f"/admin/stories/story/{story.pk}/preview-unsaved/", stale)
    assert response.status_code == 200 and "Erin previews this" in response.content.decode()
