import pytest

pytestmark = pytest.mark.django_db


def test_home_page_in_the_site_layout(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<nav aria-label="Main">' in html
    assert '<main id="main"' in html
    assert "<footer" in html and 'href="/privacy/"' in html
    assert "/static/css/site.css" in html
