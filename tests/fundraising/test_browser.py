"""The fundraising pages in a real Chromium: keyboard only, axe-core on every state,
and the emails a browser sign-up produces arriving at a real SMTP server."""

import threading
import time

import pytest
from django.core.signals import request_finished, request_started
from django.utils import timezone

from fundraising import default_guide
from fundraising.models import FundraiserSignup, Guide, GuideSection, GuideTip
from tests.conftest import (
    focus_from_first_error_link,
    submit_with_errors,
    tab_to,
    type_by_keyboard,
    wait_for_idle_workers,
)
from tests.fundraising.factories import signed_up_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def count_answered_posts():
    """A list that gains an item each time the live server finishes answering a POST."""
    answered, current = [], threading.local()

    def started(sender, environ, **kwargs):
        current.post = environ["REQUEST_METHOD"] == "POST"

    def finished(sender, **kwargs):
        if getattr(current, "post", False):
            answered.append(True)

    request_started.connect(started, dispatch_uid="count-posts-started")
    request_finished.connect(finished, dispatch_uid="count-posts-finished")
    yield lambda: answered
    request_started.disconnect(dispatch_uid="count-posts-started")
    request_finished.disconnect(dispatch_uid="count-posts-finished")


def test_keyboard_only_signup_reaches_thanks_and_both_emails_arrive(
    live_server, page, settings, smtp_sink, db_worker
):
    from tests.conftest import assert_accessible

    settings.FORM_MIN_SECONDS = 0
    settings.EVENTS_TEAM_EMAIL = "events@example.org"
    page.goto(live_server.url + "/fundraise/")
    type_by_keyboard(
        page,
        [
            ("#id_first_name", "Kim"),
            ("#id_last_name", "Keyboard"),
            ("#id_email", "kim@example.org"),
            ("#id_city", "Iqaluit"),
        ],
    )
    tab_to(page, "#id_province")
    page.keyboard.type("Nunavut")  # a select picks the option typed
    tab_to(page, "#id_kind")
    page.keyboard.type("Polar")
    tab_to(page, "#id_planned_date")
    next_year = timezone.localdate().year + 1
    page.keyboard.type(f"0101{next_year}")  # month, day, year segments
    tab_to(page, "#id_goal_amount")
    page.keyboard.type("1500")
    tab_to(page, "#id_news_consent")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fundraise/thanks/")
    assert page.locator("h1").inner_text().startswith("Thank you")
    assert_accessible(page)

    page.reload()  # a refresh of the thanks page sends nothing again
    assert page.locator("h1").inner_text().startswith("Thank you")

    signup = FundraiserSignup.objects.get()
    assert signed_up_as(signup) == ("Kim", "kim@example.org", "NU", "polar_dip")
    assert signup.planned_date.isoformat() == f"{next_year}-01-01"
    assert signup.news_consent and not signup.is_spam

    db_worker()
    smtp_sink.wait_for(2, timeout=60)
    wait_for_idle_workers()
    assert len(smtp_sink.messages) == 2
    assert len(smtp_sink.to("kim@example.org")) == 1
    assert len(smtp_sink.to("events@example.org")) == 1


def test_double_click_makes_one_signup_and_one_of_each_email(
    live_server, page, settings, smtp_sink, db_worker, monkeypatch, count_answered_posts
):
    from fundraising import views

    # A slow server is when a double click really sends twice: the first POST
    # is already on the server when the second click submits the form again.
    submit = views.submit_signup

    def slow_submit(form):
        time.sleep(1.0)
        return submit(form)

    monkeypatch.setattr(views, "submit_signup", slow_submit)
    answered_posts = count_answered_posts()
    settings.FORM_MIN_SECONDS = 0
    settings.EVENTS_TEAM_EMAIL = "events@example.org"
    posts = []
    page.on("request", lambda r: posts.append(r) if r.method == "POST" else None)
    page.goto(live_server.url + "/fundraise/")
    page.fill("#id_first_name", "Dee")
    page.fill("#id_last_name", "Double")
    page.fill("#id_email", "dee@example.org")
    page.dblclick("button[type=submit]", delay=150)
    # The second click aborts the first navigation in the browser (the server
    # still handles both POSTs), so wait for the page, not for a navigation.
    page.wait_for_selector("h1:has-text('Thank you for signing up')", timeout=15_000)
    assert page.url.endswith("/fundraise/thanks/")
    assert len(posts) == 2, "the browser sent the form twice"
    # The browser gave up on one response; the server still answers both.
    deadline = time.monotonic() + 15
    while len(answered_posts) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(answered_posts) == 2, "the server did not answer both POSTs"

    assert FundraiserSignup.objects.count() == 1
    db_worker()
    smtp_sink.wait_for(2, timeout=60)
    wait_for_idle_workers()
    assert len(smtp_sink.to("dee@example.org")) == 1
    assert len(smtp_sink.to("events@example.org")) == 1
    assert len(smtp_sink.messages) == 2


def test_empty_form_and_form_with_errors_have_no_axe_violations(live_server, page, settings):
    from tests.conftest import assert_accessible

    settings.FORM_MIN_SECONDS = 0
    page.goto(live_server.url + "/fundraise/")
    assert not page.is_checked("#id_news_consent")
    assert_accessible(page)

    page.fill("#id_first_name", "Kim")
    page.fill("#id_email", "not-an-address")
    page.fill("#id_goal_amount", "0")
    summary = submit_with_errors(page)
    assert "Please enter your last name." in summary
    assert "Please enter an email address like" in summary
    assert "more than 0 dollars" in summary
    assert page.input_value("#id_first_name") == "Kim"
    assert page.input_value("#id_email") == "not-an-address"
    assert page.get_attribute("#id_last_name", "aria-invalid") == "true"
    assert_accessible(page)

    # The summary's links take keyboard users to the field.
    assert focus_from_first_error_link(page) == "id_last_name"
    assert not FundraiserSignup.objects.exists()


def test_guide_page_has_the_25_tips_and_no_axe_violations(live_server, page):
    from tests.conftest import assert_accessible

    # Transactional tests start without the data migration's rows.
    default_guide.load(Guide, GuideSection, GuideTip)
    page.goto(live_server.url + "/fundraise/guide/")
    numbers = page.evaluate(
        """() => [...document.querySelectorAll('ol.guide__tips')].flatMap(ol =>
            [...ol.children].map((li, i) => ol.start + i))"""
    )
    assert numbers == list(range(1, 26))
    assert_accessible(page)

    page.emulate_media(media="print")
    assert page.locator("nav[aria-label=Main]").is_hidden()
    assert page.locator(".guide__tip").first.is_visible()


@pytest.mark.parametrize(
    ("prefix", "lang", "button", "done"),
    [
        ("/fundraise/unsubscribe/", "en-CA", "Unsubscribe me", "You are unsubscribed"),
        (
            "/fr/collecte-de-fonds/desabonnement/",
            "fr-CA",
            "Me désabonner",
            "Désabonnement confirmé",
        ),
    ],
    ids=["en", "fr"],
)
def test_unsubscribe_pages_have_no_axe_violations(live_server, page, prefix, lang, button, done):
    """The page an email's unsubscribe link leads to, before and after, in both languages."""
    from fundraising.services import unsubscribe_token
    from tests.conftest import assert_accessible
    from tests.fundraising.factories import SignupFactory

    signup = SignupFactory(
        news_consent=True, consent_wording="Send me news", consent_given_at=timezone.now()
    )
    page.goto(f"{live_server.url}{prefix}{unsubscribe_token(signup)}/")
    assert_accessible(page)
    page.get_by_role("button", name=button).click()
    page.wait_for_selector(f"text={done}")
    assert page.get_attribute("html", "lang") == lang
    assert_accessible(page)
    signup.refresh_from_db()
    assert not signup.wants_news

    response = page.goto(f"{live_server.url}{prefix}tampered/")
    assert response.status == 400
    assert_accessible(page)
