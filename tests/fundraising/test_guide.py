"""/fundraise/guide/: the tips staff configured, numbered 1..N across sections."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from config.uploads import PDF as PDF_TYPE
from fundraising import default_guide
from fundraising.models import Guide, GuideSection, GuideTip
from fundraising.validators import check_pdf
from tests.fundraising.factories import (
    STAFF_FRENCH,
    GuideSectionFactory,
    GuideTipFactory,
    edit_guide_as_staff,
)

pytestmark = pytest.mark.django_db
URL = "/fundraise/guide/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def numbered_tips(html: str) -> list[tuple[int, str]]:
    """(number, title) for every tip, as a browser numbers an <ol start=...>."""
    result = []
    for start, body in re.findall(r'<ol class="guide__tips" start="(\d+)">(.*?)</ol>', html, re.S):
        titles = re.findall(r"<h3>(.*?)</h3>", body)
        result += [(int(start) + i, t) for i, t in enumerate(titles)]
    return result


def test_default_guide_from_the_migration_has_25_tips_numbered_1_to_25(client):
    html = client.get(URL).content.decode()
    assert "<h1>25 Tips for the Novice Fundraiser</h1>" in html
    tips = numbered_tips(html)
    assert [n for n, _ in tips] == list(range(1, 26))
    shipped = [title for _, section_tips in default_guide.SECTIONS for title, _ in section_tips]
    assert [t.replace("&#x27;", "'") for _, t in tips] == shipped
    assert html.count('<section class="guide__section"') == len(default_guide.SECTIONS)
    assert 'media="print"' in html and "fundraising.css" in html
    assert "Download the guide as a PDF" not in html  # no PDF uploaded yet


def test_the_migrations_give_the_guide_its_french_without_the_demo(client):
    from config.typography import french_spacing
    from fundraising import default_guide_fr
    from tests.i18n import compiled  # noqa: F401  (the French catalogue, compiled)

    html = client.get("/fr/collecte-de-fonds/guide/").content.decode()
    assert f"<h1>{default_guide_fr.TITLE}</h1>" in html.replace("&#x27;", "'")
    tips = numbered_tips(html.replace("&#x27;", "'"))
    assert [n for n, _ in tips] == list(range(1, 26))
    shipped = [t for _, section_tips in default_guide_fr.SECTIONS for t, _ in section_tips]
    assert [t for _, t in tips] == [french_spacing(t) for t in shipped]
    assert "25 Tips for the Novice Fundraiser" not in html


def test_the_french_guide_migration_fills_only_what_is_empty():
    """Run again on historical models: French staff wrote stays, and a tip
    whose English staff changed gets no French that no longer matches it."""
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    written, changed = edit_guide_as_staff()
    emptied = GuideTip.objects.order_by("pk")[1]
    emptied.title_fr = emptied.text_fr = ""
    emptied.save()

    state = MigrationExecutor(connection).loader.project_state(("fundraising", "0007_french_guide"))
    migration = importlib.import_module("fundraising.migrations.0007_french_guide")
    migration.load_french_guide(state.apps, None)

    assert GuideTip.objects.get(pk=written.pk).text_fr == STAFF_FRENCH
    assert GuideTip.objects.get(pk=changed.pk).title_fr == ""
    refilled = GuideTip.objects.get(pk=emptied.pk)
    assert refilled.title_fr and refilled.text_fr


def test_the_page_shows_exactly_what_staff_configured(client):
    GuideSection.objects.all().delete()
    late = GuideSectionFactory(title="Afterwards", order=20)
    early = GuideSectionFactory(title="First steps", order=10)
    GuideTipFactory(section=late, title="Say thanks", order=1)
    GuideTipFactory(section=early, title="Second", order=2)
    GuideTipFactory(section=early, title="First", order=1)
    GuideSectionFactory(title="Empty section", order=30)

    html = client.get(URL).content.decode()
    assert numbered_tips(html) == [(1, "First"), (2, "Second"), (3, "Say thanks")]
    assert "Empty section" not in html
    assert html.index("First steps") < html.index("Afterwards")


def test_edited_tip_text_shows_up(client):
    tip = GuideTip.objects.order_by("section__order", "order").first()
    tip.title = "Pick a goal and a date"
    tip.text = "Say it in one sentence.\nThen tell everyone."
    tip.save()
    html = client.get(URL).content.decode()
    assert numbered_tips(html)[0] == (1, "Pick a goal and a date")
    assert "Say it in one sentence.<br>Then tell everyone." in html


def test_pdf_download_appears_when_uploaded(client):
    assert "Download the guide as a PDF" not in client.get(URL).content.decode()
    guide = Guide.load()
    guide.pdf.save("guide.pdf", ContentFile(PDF))
    html = client.get(URL).content.decode()
    assert "Download the guide as a PDF" in html
    assert f'href="{guide.pdf.url}" download' in html


def test_query_count_does_not_grow_with_tips(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get(URL).status_code == 200
    section = GuideSectionFactory(order=99)
    GuideTipFactory.create_batch(40, section=section)
    with django_assert_max_num_queries(4):
        assert len(numbered_tips(client.get(URL).content.decode())) == 65


def test_pdf_validator_checks_signature_and_size():
    assert check_pdf(SimpleUploadedFile("guide.pdf", PDF)) == PDF_TYPE
    with pytest.raises(ValidationError, match="not a PDF"):
        check_pdf(SimpleUploadedFile("guide.pdf", b"<html>not a pdf</html>"))
    with pytest.raises(ValidationError, match="not a PDF"):
        check_pdf(SimpleUploadedFile("guide.pdf", b""))
    big = SimpleUploadedFile("guide.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="at most 10 MB"):
        check_pdf(big)
    exactly = SimpleUploadedFile("guide.pdf", PDF.ljust(10 * 1024 * 1024, b" "))
    check_pdf(exactly)


def test_guide_is_a_singleton():
    first = Guide.load()
    other = Guide(title="Another")
    other.save()
    assert Guide.objects.count() == 1
    assert first.pk == other.pk == 1


def test_every_printed_page_names_the_events_team_and_the_guide(client, settings):
    settings.EVENTS_TEAM_EMAIL = "fundraisers@example.org"
    settings.ORGANIZATION_NAME = 'Justice "for" All; } body { color: red'
    html = client.get(URL).content.decode()
    sheet = re.search(r'<link rel="stylesheet" media="print" href="([^"]+)">', html).group(1)
    response = client.get(sheet)
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    footer = re.search(r"@bottom-left \{ content: (\"[^\"]*\");", css).group(1)
    # CSS string escapes back to text: the settings, whole, and nothing else in the rule.
    text = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), footer[1:-1])
    assert text == (
        'Justice "for" All; } body { color: red · Questions: fundraisers@example.org'
        f" · {settings.SITE_URL}{URL}"
    )
