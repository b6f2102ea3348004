"""Visitors' story pages come from the cache, and any change shows on the very next request."""

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import timezone

from stories.models import Story, StoryImage
from stories.templatetags.template_identity import identity_of
from tests.conftest import BASE_DIR, free_port, test_database_url
from tests.stories.factories import StoryFactory, home_with, jpeg_bytes

pytestmark = pytest.mark.django_db

PAGES = ["/", "/stories/", "/stories/feed/", "/sitemap.xml", "/robots.txt", "/stories/?q=hope"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what a commit would run (the cache invalidation) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_second_request_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    story = StoryFactory(headline="A garden grows")
    home_with([story])
    for url in [*PAGES, story.get_absolute_url()]:
        first = client.get(url)
        assert first.status_code == 200 and first["X-Page-Cache"] == "miss", url
        with django_assert_num_queries(0):
            second = client.get(url)
        assert second["X-Page-Cache"] == "hit", url
        assert second.content == first.content


def test_an_edit_shows_on_the_next_request(client, commit):
    story = StoryFactory(headline="A garden grows")
    home_with([story])
    for url in ("/", "/stories/", story.get_absolute_url(), "/stories/feed/"):
        client.get(url)
    with commit():
        story.headline = "A garden blooms"
        story.save()
    for url in ("/", "/stories/", story.get_absolute_url(), "/stories/feed/"):
        html = client.get(url).content.decode()
        assert "A garden blooms" in html and "A garden grows" not in html, url


def test_a_card_follows_its_figures_picture_and_country_without_a_story_save(client, commit):
    """Story cards are kept whole per card version: an edit to a row the card
    shows but the story does not own still changes every card at once."""
    story = StoryFactory(headline="A garden grows", figures=[(12, "made safe")])
    home_with([StoryFactory(headline="Lead story", figures=[(3, "families fed")]), story])
    for url in ("/", "/stories/"):
        assert "made safe" in client.get(url).content.decode(), url
    figure = story.impact_figures.get()
    with commit():
        figure.label = "welcomed home"
        figure.save()
    with commit():
        story.hero_image.alt_text = "Beans climbing a fence"
        story.hero_image.save()
    for url in ("/", "/stories/"):
        html = client.get(url).content.decode()
        assert "welcomed home" in html and "made safe" not in html, url
        assert "Beans climbing a fence" in html, url


@pytest.fixture
def new_process():
    """Forget what this process worked out once (the card templates' identity), as a restart does."""
    yield identity_of.cache_clear
    identity_of.cache_clear()


@pytest.mark.parametrize(
    "changed", ["stories/includes/story_card.html", "stories/includes/impact_figure_list.html"]
)
def test_a_deploy_that_changes_a_card_template_shows_new_cards_at_once(
    settings, tmp_path, new_process, changed
):
    """Cards outlive a deploy in a shared cache (Redis); a changed card
    template, or one it includes, makes new cards, not 15 minutes of old ones."""
    story = Story.objects.for_cards().get(pk=StoryFactory().pk)

    def card():
        return render_to_string("stories/includes/story_card.html", {"story": story})

    assert 'data-release="2"' not in card()
    # The release: the same cache, a changed template file, new processes.
    released = tmp_path / changed
    released.parent.mkdir(parents=True)
    source = (BASE_DIR / "templates" / changed).read_text()
    released.write_text(source.replace('class="', 'data-release="2" class="', 1))
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    new_process()
    assert 'data-release="2"' in card()


def test_publishing_and_unpublishing_show_at_once(client, commit):
    draft = StoryFactory(headline="Quiet until today", state=Story.State.DRAFT)
    assert "Quiet until today" not in client.get("/stories/").content.decode()
    with commit():
        draft.state = Story.State.PUBLISHED
        draft.save()
    assert "Quiet until today" in client.get("/stories/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 200
    with commit():
        draft.state = Story.State.DRAFT
        draft.save()
    assert "Quiet until today" not in client.get("/stories/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_reordering_the_home_page_shows_at_once(client, commit):
    first, second = StoryFactory(headline="Alpha story"), StoryFactory(headline="Beta story")
    collection = home_with([first, second])
    html = client.get("/").content.decode()
    assert html.index("Alpha story") < html.index("Beta story")
    with commit():
        for item in collection.items.all():
            item.position = 1 if item.story_id == first.pk else 0
            item.save()
    html = client.get("/").content.decode()
    assert html.index("Beta story") < html.index("Alpha story")


def test_renditions_made_by_the_worker_show_on_the_next_request(client, commit, immediate_tasks):
    from django.core.files.base import ContentFile

    from stories.tasks import make_image_renditions

    image = StoryImage(alt_text="A field at dawn")
    image.file = ContentFile(jpeg_bytes((1600, 900)), name="field.jpg")
    image.save()  # no commit here: the worker has not run yet
    story = StoryFactory(headline="Morning fields", hero_image=image)
    first = client.get(story.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    assert "srcset" not in first.content.decode()
    assert client.get(story.get_absolute_url())["X-Page-Cache"] == "hit"

    with commit():
        make_image_renditions.enqueue(image.pk)

    html = client.get(story.get_absolute_url()).content.decode()
    assert 'type="image/webp" srcset=' in html
    assert " 1200w" in html


def test_a_scheduled_story_appears_when_its_time_comes(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    StoryFactory(
        headline="Arriving soon",
        state=Story.State.SCHEDULED,
        publish_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    assert "Arriving soon" not in client.get("/stories/").content.decode()
    assert client.get("/stories/")["X-Page-Cache"] == "hit"
    time_machine.shift(datetime.timedelta(minutes=5, seconds=1))
    assert "Arriving soon" in client.get("/stories/").content.decode()


def test_an_expiring_story_disappears_when_it_expires(client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    story = StoryFactory(
        headline="Here for now", expire_at=timezone.now() + datetime.timedelta(minutes=2)
    )
    assert "Here for now" in client.get("/stories/").content.decode()
    time_machine.shift(datetime.timedelta(minutes=2, seconds=1))
    assert "Here for now" not in client.get("/stories/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_staff_pages_are_never_cached_and_previews_never_reach_visitors(client):
    draft = StoryFactory(headline="Not ready yet", state=Story.State.DRAFT)
    staff = get_user_model().objects.create_superuser("ed", "ed@example.org", "pw")
    client.force_login(staff)
    assert "Not ready yet" in client.get(f"/stories/preview/{draft.pk}/").content.decode()
    response = client.get("/stories/")
    assert "X-Page-Cache" not in response
    client.logout()
    client.cookies.clear()
    visitor = client.get("/stories/")
    assert visitor["X-Page-Cache"] == "miss"
    assert "Not ready yet" not in visitor.content.decode()


def test_unknown_parameters_and_long_values_are_not_cached(client):
    StoryFactory()
    assert "X-Page-Cache" not in client.get("/stories/?colour=blue")
    assert "X-Page-Cache" not in client.get("/stories/?q=" + "a" * 300)


# ------------------------------------------------------------------ Redis


def redis_url():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        if os.environ.get("CI"):
            pytest.fail("Redis is not answering at 127.0.0.1:6379 in CI")
        pytest.skip("Redis is not answering at 127.0.0.1:6379")
    return "redis://127.0.0.1:6379/13"


def fetch(port, path):
    # Generous: a gunicorn worker's first request on a loaded machine can take seconds.
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
        return response.read().decode()


WORKERS_PER_SERVER = 2


def pages_from_every_worker(port, path) -> dict[str, list[str]]:
    """Request ``path`` until each of the server's workers has answered (two at
    a time, so a busy worker leaves the next request to the other); the pages
    each worker served, by its pid."""
    pages: dict[str, list[str]] = {}

    def one():
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            pages.setdefault(response.headers["X-Served-By"], []).append(response.read().decode())

    for _ in range(100):
        pair = [threading.Thread(target=one) for _ in range(2)]
        for thread in pair:
            thread.start()
        for thread in pair:
            thread.join()
        if len(pages) >= WORKERS_PER_SERVER:  # more when gunicorn replaced a slow worker
            return pages
    raise AssertionError(f"only worker {sorted(pages)} of the server on {port} ever answered")


def assert_every_server_sees_an_edit(settings, tmp_path, cache_url=None):
    """Two gunicorn servers fill their caches; this process edits a story; both
    must show the edit on their next request."""
    from django.core.cache import cache

    cache.clear()
    story = StoryFactory(headline="Before the edit")
    env = {
        **os.environ,
        "DATABASE_URL": test_database_url(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "DATA_DIR": str(settings.DATA_DIR),
    }
    if cache_url:
        env["CACHE_URL"] = cache_url
    else:
        env.pop("CACHE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "tests.stories.served_by:application"),
                *("-w", str(WORKERS_PER_SERVER), "-b", f"127.0.0.1:{p}"),
            ],
            cwd=BASE_DIR,
            env=env,
        )
        for p in ports
    ]
    try:
        for port in ports:
            deadline = time.monotonic() + 20
            while True:
                try:
                    fetch(port, "/healthz")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
        for port in ports:  # every worker of each server has the page cached
            for pages in pages_from_every_worker(port, "/stories/").values():
                assert all("Before the edit" in page for page in pages)
        story.headline = "After the edit"
        story.save()  # autocommit: the invalidation runs now, in this third process
        for port in ports:
            for pid, pages in pages_from_every_worker(port, "/stories/").items():
                assert all("After the edit" in page for page in pages), f"worker {pid} is stale"
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
            server.wait(20)
        cache.clear()


@pytest.mark.django_db(transaction=True)
def test_two_app_processes_sharing_redis_see_the_same_invalidation(settings, tmp_path):
    url = redis_url()
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    assert_every_server_sees_an_edit(settings, tmp_path, cache_url=url)


@pytest.mark.django_db(transaction=True)
def test_with_the_default_local_cache_every_worker_process_sees_an_edit(settings, tmp_path):
    """The default cache lives in each process; gunicorn runs several."""
    settings.DATA_DIR = tmp_path / "data"
    assert_every_server_sees_an_edit(settings, tmp_path)


# ------------------------------------------------------------ key rules


def test_tracking_parameters_do_not_change_the_page_or_its_links(client):
    StoryFactory.create_batch(14)  # two pages, so there are pagination links
    first = client.get("/stories/?country=&page=1")
    for query in ("fbclid=IwAR1", "utm_source=news&utm_campaign=spring", "gclid=a&_ga=b&ref=x"):
        response = client.get(f"/stories/?{query}&country=&page=1")
        assert response["X-Page-Cache"] == "hit", query
        assert response.content == first.content
    missed = client.get("/stories/?utm_medium=email&page=2")
    assert missed["X-Page-Cache"] == "miss"
    assert "utm_" not in missed.content.decode()  # not carried into the page's own links


def test_a_search_is_one_page_whatever_its_case_and_spacing(client):
    StoryFactory(headline="Hope in the valley")
    first = client.get("/stories/?q=hope+valley")
    assert first["X-Page-Cache"] == "miss"
    for typed in ("Hope+Valley", "++hope+++valley+", "HOPE%09VALLEY"):
        assert client.get(f"/stories/?q={typed}")["X-Page-Cache"] == "hit", typed


def test_a_cookie_that_names_no_session_does_not_bypass_the_cache(client):
    StoryFactory()
    client.get("/stories/")
    client.cookies["sessionid"] = "not-a-real-session-key"
    response = client.get("/stories/")
    assert response["X-Page-Cache"] == "hit"
    assert response["Cache-Control"].startswith("public")


def test_after_a_change_the_most_read_pages_are_already_rendered(settings, commit):
    """The worker re-renders home, the list, the feed and every story into the
    shared cache before anyone asks, so the first visitor meets a hit."""
    from django.core.cache import cache
    from django.test import Client

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url(),
        }
    }
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default"],
        }
    }
    cache.clear()
    try:
        story, other = StoryFactory(headline="Before"), StoryFactory()
        home_with([story])
        with commit():
            story.headline = "Just published news"
            story.save()
        visitor = Client()
        paths = [
            "/",
            "/stories/",
            "/stories/feed/",
            story.get_absolute_url(),
            other.get_absolute_url(),
        ]
        for path in paths:
            assert visitor.get(path)["X-Page-Cache"] == "hit", path
        assert "Just published news" in visitor.get(story.get_absolute_url()).content.decode()
    finally:
        cache.clear()
