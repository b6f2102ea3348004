"""Purging the edge after a change, and what operators see when it fails.

Fastly's API and a URL-purging cache are not reachable from a test machine,
so those two back ends are pointed at a loopback HTTP server that records the
requests they make and answers as told; Varnish's own purge is tested
against a real varnishd in test_varnish.py.
"""

from __future__ import annotations

import datetime
import html
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from edge.models import Purge
from edge.tasks import attempt
from stories import caching
from stories.caching import STORIES_PER_PAGE
from stories.models import Story
from tests.stories.factories import CountryFactory, StoryFactory, ThemeFactory, translated_story

pytestmark = pytest.mark.django_db


class RecordingServer:
    """Records every request; answers each with the next status in ``statuses`` (then 200)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                recorder.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "headers": dict(self.headers),
                        "body": self.rfile.read(length),
                    }
                )
                status = recorder.statuses.pop(0) if recorder.statuses else 200
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"status": "ok"}')

            do_POST = do_PURGE = do_GET = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def recorder():
    server = RecordingServer()
    yield server
    server.stop()


@pytest.fixture
def save_and_commit(django_capture_on_commit_callbacks, immediate_tasks):
    def save(instance):
        with django_capture_on_commit_callbacks(execute=True):
            instance.save()

    return save


def test_fastly_is_asked_to_purge_the_story_s_keys(settings, recorder, save_and_commit):
    settings.EDGE_CACHE_URL = "fastly://secret-token@SERVICE123"
    settings.EDGE_FASTLY_API_URL = f"http://127.0.0.1:{recorder.port}"
    story = StoryFactory()
    recorder.requests.clear()
    story.headline = "Changed"
    save_and_commit(story)
    [request] = recorder.requests
    assert (request["method"], request["path"]) == ("POST", "/service/SERVICE123/purge")
    assert request["headers"]["Fastly-Key"] == "secret-token"
    keys = set(request["headers"]["Surrogate-Key"].split())
    assert {f"story-{story.pk}", "stories-list", "feed", "sitemap"} <= keys
    assert Purge.objects.latest("pk").state == Purge.State.DONE


def test_publishing_purges_the_pages_that_now_show_it_as_a_related_story(
    settings, recorder, save_and_commit
):
    settings.EDGE_CACHE_URL = "fastly://secret-token@SERVICE123"
    settings.EDGE_FASTLY_API_URL = f"http://127.0.0.1:{recorder.port}"
    family = ThemeFactory()
    neighbour = StoryFactory(themes=[family])
    stranger = StoryFactory(themes=[ThemeFactory()], country=None)
    draft = StoryFactory(themes=[family], state=Story.State.DRAFT, country=None)
    recorder.requests.clear()
    draft.state = Story.State.PUBLISHED
    save_and_commit(draft)
    keys = set()
    for request in recorder.requests:
        keys |= set(request["headers"]["Surrogate-Key"].split())
    assert {f"story-{draft.pk}", f"story-{neighbour.pk}"} <= keys
    # A story sharing neither theme nor country is not among the keys it names.
    assert f"story-{stranger.pk}" not in caching.keys_for(draft)


def test_a_url_purging_cache_gets_a_purge_for_each_page(settings, recorder, save_and_commit):
    settings.EDGE_CACHE_URL = f"http://127.0.0.1:{recorder.port}"
    settings.SITE_URL = "https://stories.example.org"
    story = StoryFactory(slug="a-garden-grows")
    recorder.requests.clear()
    story.summary = "Changed"
    save_and_commit(story)
    purged = {(r["method"], r["path"]) for r in recorder.requests}
    assert {
        ("PURGE", "/stories/a-garden-grows/"),
        ("PURGE", "/stories/"),
        ("PURGE", "/stories/feed/"),
        ("PURGE", "/sitemap.xml"),
    } <= purged
    assert all(r["headers"]["Host"] == "stories.example.org" for r in recorder.requests)


def sorted_query(address: str) -> str:
    """An address as the app's cache key and the shipped VCL see it: parameters sorted."""
    path, _, query = html.unescape(address).partition("?")
    return f"{path}?{urlencode(sorted(parse_qsl(query, keep_blank_values=True)))}"


def test_a_url_purging_cache_gets_every_list_page_and_filter_visitors_reach(
    settings, recorder, save_and_commit, client
):
    """The list's further pages and each country's and theme's list, as the
    story page's links, the pagination and the filter form spell them, in
    both languages, sorted like the cache keys them."""
    settings.EDGE_CACHE_URL = f"http://127.0.0.1:{recorder.port}"
    kenya = CountryFactory(name="Kenya", slug="kenya")
    farming = ThemeFactory(name="Farming", slug="farming")
    story = translated_story(country=kenya, themes=[farming])
    StoryFactory.create_batch(STORIES_PER_PAGE, country=kenya, themes=[farming])
    page = client.get(story.get_absolute_url()).content.decode()
    reached = set(re.findall(r'href="(/stories/\?(?:country|theme)=[^"]+)"', page))
    assert reached == {"/stories/?country=kenya", "/stories/?theme=farming"}
    # The filter form sends every field; its pages keep them all.
    chosen = "/stories/?q=&country=kenya&theme="
    listed = client.get(chosen).content.decode()
    [next_page] = re.findall(r'href="(\?[^"]*page=2)" rel="next"', listed)
    reached |= {chosen, "/stories/" + next_page, "/stories/?page=2", "/fr/histoires/?theme=farming"}
    recorder.requests.clear()
    story.summary = "Changed"
    save_and_commit(story)
    purged = {r["path"] for r in recorder.requests}
    assert {sorted_query(address) for address in reached} <= purged
    assert "/stories/?country=kenya&page=2&q=&theme=" in purged


def test_a_url_purging_cache_gets_the_pages_showing_the_newest_stories_as_related(
    settings, recorder, save_and_commit, django_capture_on_commit_callbacks
):
    """A story sharing no theme or country shows the newest stories under it:
    publishing a newer one, related to nothing, changes that page too."""
    settings.EDGE_CACHE_URL = f"http://127.0.0.1:{recorder.port}"
    # Committed (and purged) before the publish, so the publish's purge is its own.
    with django_capture_on_commit_callbacks(execute=True):
        loner = StoryFactory(slug="on-its-own")  # factories give each its own theme and country
        family = ThemeFactory()
        sibling = StoryFactory(slug="one-of-two", themes=[family])
        StoryFactory(themes=[family])
        newcomer = StoryFactory(
            state=Story.State.DRAFT, publish_at=timezone.now() - datetime.timedelta(minutes=1)
        )
    recorder.requests.clear()
    newcomer.state = Story.State.PUBLISHED
    save_and_commit(newcomer)
    purged = {r["path"] for r in recorder.requests}
    assert {loner.get_absolute_url(), newcomer.get_absolute_url()} <= purged
    # A story with relatives shows them, whatever is published elsewhere.
    assert sibling.get_absolute_url() not in purged


def test_no_edge_configured_records_no_purge(settings, save_and_commit):
    settings.EDGE_CACHE_URL = ""
    save_and_commit(StoryFactory())
    assert not Purge.objects.exists()


def test_a_failed_purge_is_retried_later_then_succeeds(settings, recorder):
    """Run with the database task backend: the retry is a task waiting for its time."""
    from django_tasks_db.models import DBTaskResult

    from edge.services import request_purge

    settings.EDGE_CACHE_URL = f"varnish://127.0.0.1:{recorder.port}"
    recorder.statuses = [503]
    purge = request_purge(["story-1"], reason="test")
    assert attempt(purge.pk) == "retry"
    purge.refresh_from_db()
    assert purge.state == Purge.State.QUEUED and purge.attempts == 1
    assert "503" in purge.last_error and purge.next_attempt_at is not None
    waiting = DBTaskResult.objects.filter(task_path="edge.tasks.purge_edge", status="READY")
    assert waiting.filter(run_after=purge.next_attempt_at).exists()
    assert attempt(purge.pk) == "done"
    purge.refresh_from_db()
    assert purge.state == Purge.State.DONE and purge.last_error == ""
    assert [r["headers"]["xkey-purge"] for r in recorder.requests] == ["story-1", "story-1"]


def test_a_purge_that_never_succeeds_is_shown_to_operators(settings, recorder, client):
    from edge.services import request_purge

    settings.EDGE_CACHE_URL = f"varnish://127.0.0.1:{recorder.port}"
    settings.EDGE_PURGE_RETRY_SCALE = 0  # give up at the first failure
    recorder.statuses = [500]
    purge = request_purge(["story-7"], reason="content changed")
    assert attempt(purge.pk) == "failed"
    health = client.get("/healthz").json()
    assert health["edge_purges"] == {"queued": 0, "failed": 1}
    admin = get_user_model().objects.create_superuser("op", "op@example.org", "pw")
    client.force_login(admin)
    page = client.get("/admin/edge/purge/?state=failed").content.decode()
    assert "story-7" in page and "Failed" in page


def test_an_unreachable_edge_is_a_failure_to_retry_not_a_crash(settings):
    from edge.services import request_purge
    from tests.conftest import free_port

    settings.EDGE_CACHE_URL = f"varnish://127.0.0.1:{free_port()}"  # nothing listens there
    purge = request_purge(["home"])
    assert attempt(purge.pk) == "retry"
    purge.refresh_from_db()
    assert purge.last_error


def test_at_a_scheduled_story_s_time_the_worker_purges_it(settings, recorder):
    """The refresh after a change queues another for the next clock change,
    which purges the story that appears then (and the lists it joins)."""
    import datetime

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from stories.tasks import refresh_at_transition, refresh_pages

    settings.EDGE_CACHE_URL = f"varnish://127.0.0.1:{recorder.port}"
    due = (timezone.now() + datetime.timedelta(hours=2)).replace(microsecond=0)
    story = StoryFactory(state=Story.State.SCHEDULED, publish_at=due)
    refresh_pages.call([f"story-{story.pk}"])
    refresh_pages.call([f"story-{story.pk}"])  # a second change: still one task for that moment
    [waiting] = DBTaskResult.objects.filter(
        task_path=refresh_at_transition.module_path, status="READY"
    )
    assert waiting.run_after == due
    recorder.requests.clear()
    refresh_at_transition.call(*waiting.args_kwargs["args"])
    [request] = recorder.requests
    assert {f"story-{story.pk}", "home", "stories-list"} <= set(
        request["headers"]["xkey-purge"].split()
    )
