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
