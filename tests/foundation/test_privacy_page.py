import pytest

pytestmark = pytest.mark.django_db


def test_privacy_page_says_what_why_how_long_and_how_to_ask(client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 365
    response = client.get("/privacy/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The media contact form" in html and "The fundraiser sign-up" in html
    assert "365 days" in html
    assert "IP address" in html
    assert "mailto:privacy@example.org" in html


def test_footer_links_to_privacy(client):
    assert 'href="/privacy/"' in client.get("/privacy/").content.decode()


@pytest.mark.parametrize("form_page", ["/fundraise/", "/media-contact/"])
def test_each_form_links_to_privacy_beside_the_form(client, form_page):
    html = client.get(form_page).content.decode()
    form = html[html.index("<form") : html.index("</form>")]
    before_form = html[: html.index("<form")]
    main = before_form[before_form.index('<main id="main"') :]
    assert 'href="/privacy/"' in main + form


@pytest.mark.parametrize("form_page", ["/fundraise/", "/media-contact/"])
def test_form_pages_are_never_cached(client, form_page):
    """Back to a cached form would resend a spent one-time token and lose the correction."""
    cache_control = client.get(form_page)["Cache-Control"]
    assert "no-store" in cache_control or "no-cache" in cache_control


def test_privacy_page_explains_the_language_cookie_in_both_languages(client, settings):
    from tests.i18n import compiled  # noqa: F401  (the French catalogue, compiled)

    english = client.get("/privacy/").content.decode()
    assert "<code>django_language</code> only when you use the language switcher" in english
    assert "“en” or “fr”" in english and "expires 365 days after" in english
    french = client.get("/fr/confidentialite/").content.decode()
    assert "Le témoin de langue" in french
    assert "<code>django_language</code> seulement si vous utilisez le sélecteur" in french
    assert "Il expire 365 jours après" in french
    # The page tells the truth: the switcher sets that cookie, for that long.
    switched = client.get("/language/fr/", {"next": "/fr/confidentialite/"})
    cookie = switched.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "fr" and int(cookie["max-age"]) == 365 * 24 * 60 * 60
    assert settings.LANGUAGE_COOKIE_NAME == "django_language"
    # Reading pages sets no cookie at all: only the switcher does.
    from django.test import Client

    fresh = Client()
    for path in ("/", "/fr/", "/privacy/", "/fr/confidentialite/", "/stories/"):
        assert not fresh.get(path).cookies, path
