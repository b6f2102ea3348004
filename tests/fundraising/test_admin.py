"""The events team's view of sign-ups in the admin."""

import pytest
from django.utils import timezone

from config.spreadsheets import FORMULA_STARTS
from fundraising.models import FundraiserSignup, Guide
from fundraising.services import GUIDE_EMAIL, guide_emails, queue_guide_email
from outbox.models import OutboundEmail
from tests.exports import assert_defused, export_csv, formula_row
from tests.fundraising.factories import SignupFactory, StaffUserFactory, form_data, guide_form
from tests.singletons import assert_one_row_in_the_admin

pytestmark = pytest.mark.django_db
LIST = "/admin/fundraising/fundraisersignup/"


@pytest.fixture
def staff_client(client):
    client.force_login(StaffUserFactory())
    return client


def signup_with_guide(**kwargs):
    signup = SignupFactory(**kwargs)
    queue_guide_email(signup)
    return signup


def test_list_shows_each_signup_with_its_guide_email_state(staff_client):
    sent = signup_with_guide(first_name="Ada", last_name="Sent")
    OutboundEmail.objects.filter(source_id=str(sent.pk)).update(
        state="sent", attempts=1, sent_at=timezone.now()
    )
    failing = signup_with_guide(first_name="Bo", last_name="Failing")
    OutboundEmail.objects.filter(source_id=str(failing.pk)).update(state="failed", attempts=7)
    SignupFactory(first_name="Cy", last_name="Spam", is_spam=True, spam_reason="honeypot")

    html = staff_client.get(LIST).content.decode()
    assert "Ada Sent" in html and "sent, 1 attempt" in html
    assert "Bo Failing" in html and "failed, 7 attempts" in html
    assert "not sent (spam)" in html
    assert "Polar dip" in html  # the place is on the sign-up's page, so the list fits 1366 px


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("guide_email=failed", {"Failing"}),
        ("guide_email=queued", {"Queued"}),
        ("kind__exact=run_walk", {"Queued"}),
        ("province__exact=QC", {"Failing"}),
        ("consent=yes", {"Failing"}),
        ("consent=no", {"Queued"}),
        ("q=queued", {"Queued"}),
    ],
)
def test_filters_and_search(staff_client, query, expected):
    failing = signup_with_guide(
        last_name="Failing",
        province="QC",
        news_consent=True,
        consent_wording="Send me news",
        consent_given_at=timezone.now(),
    )
    OutboundEmail.objects.filter(source_id=str(failing.pk)).update(state="failed")
    signup_with_guide(last_name="Queued", kind="run_walk")
    response = staff_client.get(f"{LIST}?{query}")
    assert response.status_code == 200
    shown = {s.last_name for s in response.context["cl"].result_list}
    assert shown == expected


def test_month_drilldown(staff_client):
    SignupFactory(last_name="March", received_at=timezone.make_aware(timezone.datetime(2030, 3, 4)))
    SignupFactory(last_name="May", received_at=timezone.make_aware(timezone.datetime(2030, 5, 6)))
    response = staff_client.get(f"{LIST}?received_at__year=2030&received_at__month=3")
    assert {s.last_name for s in response.context["cl"].result_list} == {"March"}


def test_list_query_count_does_not_grow_with_rows(staff_client, django_assert_max_num_queries):
    for _ in range(3):
        signup_with_guide()
    with django_assert_max_num_queries(20) as small:
        staff_client.get(LIST)
    for _ in range(30):
        signup_with_guide()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert staff_client.get(LIST).status_code == 200


def test_csv_export_escapes_formula_cells(staff_client):
    fields = ("first_name", "last_name", "city", "phone", "message")
    evil = formula_row(SignupFactory, *fields)
    plain = SignupFactory(first_name="Robin", last_name="Example")
    rows = export_csv(staff_client, LIST, [evil, plain])
    by_last = {r["Last name"]: r for r in rows}
    assert_defused(by_last["'" + evil.last_name], FundraiserSignup, *fields)
    assert by_last["Example"]["First name"] == "Robin"
    for row in rows:
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS)


def test_resend_guide_queues_a_new_email_linked_to_the_last(staff_client, settings):
    settings.FORM_MIN_SECONDS = 0
    staff_client.post("/fundraise/", form_data())
    signup = FundraiserSignup.objects.get()
    first = guide_emails(signup).get()

    response = staff_client.post(
        LIST, {"action": "resend_guide_action", "_selected_action": [signup.pk]}, follow=True
    )
    assert "Queued the guide email again for 1 supporter" in response.content.decode()
    emails = list(guide_emails(signup))
    assert len(emails) == 2
    assert emails[0].resent_from == first and emails[0].state == "queued"
    assert emails[0].to == "robin@example.org"


def test_resend_skips_spam(staff_client):
    spam = SignupFactory(is_spam=True, spam_reason="honeypot")
    response = staff_client.post(
        LIST, {"action": "resend_guide_action", "_selected_action": [spam.pk]}, follow=True
    )
    assert "marked as spam" in response.content.decode()
    assert not OutboundEmail.objects.filter(template=GUIDE_EMAIL).exists()


def test_staff_record_follow_up_and_notes(staff_client):
    signup = SignupFactory()
    url = f"{LIST}{signup.pk}/change/"
    page = staff_client.get(url)
    assert page.status_code == 200
    data = {
        "follow_up": "contacted",
        "internal_notes": "Called on Tuesday; wants posters.",
        "first_name": signup.first_name,
        "last_name": signup.last_name,
        "email": signup.email,
        "phone": "",
        "city": signup.city,
        "province": signup.province,
        "kind": signup.kind,
        "planned_date": signup.planned_date.isoformat(),
        "goal_amount": "500",
        "message": "",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    signup.refresh_from_db()
    assert signup.follow_up == "contacted"
    assert signup.internal_notes == "Called on Tuesday; wants posters."


def test_guide_admin_edits_sections_and_uploads_a_checked_pdf(staff_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    guide = Guide.load()
    url = f"/admin/fundraising/guide/{guide.pk}/change/"
    page = staff_client.get(url).content.decode()
    assert "Plan a fundraiser" in page  # the sections inline

    data = guide_form(guide)
    not_pdf = staff_client.post(
        url, {**data, "pdf": SimpleUploadedFile("guide.pdf", b"MZ\x90\x00 not a pdf")}
    )
    assert not_pdf.status_code == 200
    assert "not a PDF" in not_pdf.content.decode()
    ok = staff_client.post(
        url, {**data, "pdf": SimpleUploadedFile("guide.pdf", b"%PDF-1.7\n%%EOF\n")}
    )
    assert ok.status_code == 302
    guide.refresh_from_db()
    assert guide.pdf.name.startswith("guide/")

    # Editing the guide later, even if the stored file went missing, still saves.
    guide.pdf.storage.delete(guide.pdf.name)
    again = staff_client.post(url, {**data, "title_en": "25 Tips, revised"})
    assert again.status_code == 302
    guide.refresh_from_db()
    assert guide.title == "25 Tips, revised"


def test_section_page_has_the_ordered_tips_inline(staff_client):
    section = Guide.load().sections.first()
    html = staff_client.get(f"/admin/fundraising/guidesection/{section.pk}/change/").content
    titles = [tip.title for tip in section.tips.all()]
    positions = [html.decode().index(t.replace("'", "&#x27;")) for t in titles]
    assert positions == sorted(positions) and len(titles) == 5


def test_the_guide_is_a_singleton_like_the_media_card(staff_client):
    assert_one_row_in_the_admin(staff_client, Guide.load(), "/admin/fundraising/guide/")
    Guide(title="A second guide").save()  # saving another row edits the one guide
    assert list(Guide.objects.values_list("title", flat=True)) == ["A second guide"]


def test_staff_mark_signups_as_spam_as_they_do_inquiries(staff_client):
    genuine, other = SignupFactory(), SignupFactory()
    response = staff_client.post(
        LIST, {"action": "mark_spam", "_selected_action": [genuine.pk]}, follow=True
    )
    assert "1 fundraiser sign-up marked as spam." in response.content.decode()
    genuine.refresh_from_db()
    other.refresh_from_db()
    assert (genuine.is_spam, genuine.spam_reason) == (True, "marked by staff")
    assert not other.is_spam
    assert list(FundraiserSignup.objects.genuine()) == [other]
