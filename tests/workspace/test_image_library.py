"""The image library: the chooser's search and upload, the field showing a
thumbnail and alt text, "where used", and the refusal to delete an image in use."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stories.models import Clip, Collection, StoryImage
from tests.stories.factories import StoredImageFactory, StoryFactory, jpeg_bytes
from tests.workspace.factories import team_member

pytestmark = pytest.mark.django_db
CHOOSER = "/admin/stories/storyimage/chooser/"


@pytest.fixture
def editor_client(client):
    client.force_login(team_member("Editors"))
    return client


def test_chooser_searches_alt_text_caption_and_credit(editor_client):
    StoredImageFactory(alt_text="Two girls laughing on a school bench")
    StoredImageFactory(alt_text="A river at dusk", caption="The Mekong near the border")
    StoredImageFactory(alt_text="Hands holding a mug", credit="Photo by the Example Agency")

    def found(query):
        response = editor_client.get(CHOOSER, {"q": query})
        assert response.status_code == 200
        return [choice["label"] for choice in response.context["choices"]]

    assert found("laughing") == ["Two girls laughing on a school bench"]
    assert found("mekong") == ["A river at dusk"]
    assert found("example agency") == ["Hands holding a mug"]
    assert found("nothing like this") == []
    html = editor_client.get(CHOOSER).content.decode()
    assert html.count('class="image-library__choice"') == 3
    assert "<img src=" in html and "Upload and choose" in html


def test_chooser_costs_the_same_queries_for_few_or_many_images(editor_client):
    StoredImageFactory.create_batch(3)
    editor_client.get(CHOOSER)
    with CaptureQueriesContext(connection) as few:
        editor_client.get(CHOOSER)
    StoredImageFactory.create_batch(40)
    with CaptureQueriesContext(connection) as many:
        editor_client.get(CHOOSER)
    assert len(many) == len(few)


def test_upload_inside_the_chooser_answers_with_the_new_image(editor_client):
    response = editor_client.post(
        CHOOSER,
        {"file": SimpleUploadedFile("a.jpg", jpeg_bytes()), "alt_text_en": "A kite over a beach"},
    )
    assert response.status_code == 200
    image = StoryImage.objects.get()
    assert response.json() == {
        "id": image.pk,
        "thumbnail": image.file.url,
        "label": "A kite over a beach",
    }
    refused = editor_client.post(CHOOSER, {"file": SimpleUploadedFile("a.jpg", jpeg_bytes())})
    assert refused.status_code == 400
    assert "Describe the picture" in refused.content.decode()
    assert StoryImage.objects.count() == 1


def test_media_team_may_not_open_the_chooser(client):
    client.force_login(team_member("Media team"))
    assert client.get(CHOOSER).status_code == 403


def test_story_form_shows_the_chosen_images_thumbnail_and_alt_text(editor_client):
    story = StoryFactory(hero_image=StoredImageFactory(alt_text="A lighthouse in fog"))
    html = editor_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert 'class="image-chooser"' in html
    assert "A lighthouse in fog" in html
    assert f'name="hero_image" value="{story.hero_image_id}"' in html
    assert "Choose another image" in html


def test_image_in_use_lists_where_and_cannot_be_deleted(editor_client):
    image = StoredImageFactory(alt_text="A bridge")
    story = StoryFactory(headline="The bridge home", hero_image=image)
    clip = Clip.objects.create(
        title="Walking home", external_url="https://vimeo.com/76979871", poster=image
    )
    on_clip = StoryFactory(headline="Walking together", clip=clip)
    Collection.objects.create(title="Summer picks", slug="summer", hero_image=image)

    page = editor_client.get(f"/admin/stories/storyimage/{image.pk}/change/").content.decode()
    for text in ("The bridge home", "Walking together", "Summer picks", "Walking home"):
        assert text in page

    delete_url = f"/admin/stories/storyimage/{image.pk}/delete/"
    refusal = editor_client.get(delete_url).content.decode()
    assert "This image is in use and cannot be deleted" in refusal
    assert "The bridge home" in refusal and "Walking together" in refusal
    assert "Yes, I’m sure" not in refusal
    assert editor_client.post(delete_url, {"post": "yes"}).status_code == 200
    bulk = editor_client.post(
        "/admin/stories/storyimage/",
        {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"},
    )
    assert "none was deleted" in bulk.content.decode()
    assert StoryImage.objects.filter(pk=image.pk).exists()
    story.refresh_from_db()
    on_clip.refresh_from_db()
    assert story.hero_image_id == image.pk

    unused = StoredImageFactory()
    assert (
        "Not used anywhere"
        in editor_client.get(f"/admin/stories/storyimage/{unused.pk}/change/").content.decode()
    )
    assert (
        editor_client.post(
            f"/admin/stories/storyimage/{unused.pk}/delete/", {"post": "yes"}
        ).status_code
        == 302
    )
    assert not StoryImage.objects.filter(pk=unused.pk).exists()
