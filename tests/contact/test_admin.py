"""The media team's inbox and the contact card in the admin."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db.models import ProtectedError
from django.utils import timezone

from contact.admin import MediaInquiryAdmin
from contact.models import MediaContact, MediaInquiry
from tests.contact.factories import MediaInquiryFactory, StaffUserFactory, form_data
from tests.exports import assert_defused, csv_rows, export_csv, formula_row
from tests.singletons import assert_one_row_in_the_admin

pytestmark = pytest.mark.django_db
LIST = "/admin/contact/mediainquiry/"


@pytest.fixture
def staff(client):
    user = StaffUserFactory(username="desk")
    client.force_login(user)
    return user


def change_url(inquiry):
    return f"{LIST}{inquiry.pk}/change/"


def test_list_highlights_overdue_and_due_soon_open_inquiries(client, staff):
    now = timezone.now()
    MediaInquiryFactory(name="Overdue Olu", deadline=now - timedelta(hours=1))
    MediaInquiryFactory(name="Soon Sami", deadline=now + timedelta(hours=5), state="in_progress")
    MediaInquiryFactory(name="Later Lee", deadline=now + timedelta(days=3))
    MediaInquiryFactory(name="Done Dana", deadline=now - timedelta(days=1), state="answered")
    html = client.get(LIST).content.decode()
    assert html.count("deadline--overdue") == 1
    assert html.count("deadline--due-soon") == 1
    assert "due within 24 h" in html and ">overdue<" in html
    assert "css/contact.css" in html
    assert 'style="' not in html.split('id="result_list"')[1].split("</table>")[0]
    for column in MediaInquiryAdmin.list_display:  # every column the admin declares is shown
        assert f"column-{column}" in html


@pytest.mark.parametrize("rows", [3, 30])
def test_list_queries_do_not_grow_with_rows(client, staff, rows, django_assert_max_num_queries):
    assignee = StaffUserFactory(username="assigned")
    MediaInquiryFactory.create_batch(rows, assignee=assignee)
    with django_assert_max_num_queries(15):
        response = client.get(LIST)
    assert response.status_code == 200
    assert response.content.decode().count('name="_selected_action"') == rows


def test_filters_and_search(client, staff):
    other = StaffUserFactory(username="ana")
    MediaInquiryFactory(name="Spammy", is_spam=True)
    MediaInquiryFactory(name="Assigned Ana", assignee=other)
    MediaInquiryFactory(name="Podcast Pat", message="For our weekly podcast about justice")
    MediaInquiryFactory(name="Radio Rui", outlet="Radio Example", email="rui@radio.example.org")

    def names(query):
        html = client.get(LIST + query).content.decode()
        return {n for n in ["Spammy", "Assigned Ana", "Podcast Pat", "Radio Rui"] if n in html}

    assert names("?is_spam__exact=1") == {"Spammy"}
    assert names(f"?assignee__id__exact={other.pk}") == {"Assigned Ana"}
    assert names("?q=podcast") == {"Podcast Pat"}
    assert names("?q=radio.example") == {"Radio Rui"}
    assert names("?q=Radio+Example") == {"Radio Rui"}


FORMULA_FIELDS = ("name", "outlet", "topic", "message", "phone")


def test_csv_export_of_selected_rows_escapes_formulas(client, staff):
    hostile = formula_row(MediaInquiryFactory, *FORMULA_FIELDS)
    plain = MediaInquiryFactory(name="Plain Name", message="Line one\nline two")
    MediaInquiryFactory(name="Not Selected")
    rows = export_csv(client, LIST, [hostile, plain])
    assert len(rows) == 2
    by_name = {row["Name"]: row for row in rows}
    assert "Not Selected" not in by_name
    assert_defused(by_name["'" + hostile.name], MediaInquiry, *FORMULA_FIELDS)
    assert by_name["Plain Name"]["Message"] == "Line one\nline two"
    assert by_name["Plain Name"]["Email"].endswith("@example.org")


def test_mark_spam_and_mark_answered_actions(client, staff):
    first, second = MediaInquiryFactory(), MediaInquiryFactory()
    client.post(LIST, {"action": "mark_spam", "_selected_action": [first.pk]})
    first.refresh_from_db()
    assert (first.is_spam, first.spam_reason) == (True, "marked by staff")
    client.post(LIST, {"action": "mark_answered", "_selected_action": [second.pk]})
    second.refresh_from_db()
    assert second.state == "answered"


def test_inquiry_page_shows_both_emails_delivery_state_and_saves_triage(client, staff, settings):
    settings.FORM_MIN_SECONDS = 0
    client.post("/media-contact/", form_data())
    inquiry = MediaInquiry.objects.get()
    staff.groups.add(Group.objects.get(name="Media team"))  # only its members may be assigned
    html = client.get(change_url(inquiry)).content.decode()
    assert "Notification to the media team" in html
    assert "Acknowledgement to the journalist" in html
    assert html.count("<strong>queued</strong>") == 2
    assert "alex@example.org" in html and "Could we speak with someone this week?" in html

    response = client.post(
        change_url(inquiry),
        {"state": "in_progress", "assignee": staff.pk, "add_note": "Calling her at 3."},
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert (inquiry.state, inquiry.assignee) == ("in_progress", staff)
    assert [(n.author, n.text) for n in inquiry.notes.all()] == [(staff, "Calling her at 3.")]
    # What the journalist sent is not editable.
    assert inquiry.message == "Hello,\nCould we speak with someone this week?\nThanks"


def test_spam_inquiry_says_it_was_not_emailed(client, staff):
    inquiry = MediaInquiryFactory(is_spam=True, spam_reason="honeypot")
    html = client.get(change_url(inquiry)).content.decode()
    assert "spam is never emailed" in html and "honeypot" in html


def test_the_journalists_phone_is_a_link_that_dials_the_extension_too(client, staff):
    inquiry = MediaInquiryFactory(phone="+1 555-010-0199 x204")
    html = client.get(change_url(inquiry)).content.decode()
    assert '<a href="tel:+1-555-010-0199;ext=204">+1 555-010-0199 x204</a>' in html
    # A number the site's rule can't read is shown as sent, not as a wrong link.
    odd = MediaInquiryFactory(phone="call the newsroom")
    html = client.get(change_url(odd)).content.decode()
    assert "call the newsroom" in html and 'href="tel:' not in html


def test_inquiries_cannot_be_added_in_the_admin(client, staff):
    assert client.get(LIST + "add/").status_code == 403


def test_contact_card_is_a_singleton(client, staff):
    card = MediaContact.objects.get()
    assert_one_row_in_the_admin(client, card, "/admin/contact/mediacontact/")
    response = client.post(
        f"/admin/contact/mediacontact/{card.pk}/change/",
        {
            "name": "Robin Example",
            "title_en": "Media Relations Lead",
            "email": "press@example.org",
            "phone": "+1 555-010-0100",
            "extension": "12",
        },
    )
    assert response.status_code == 302
    assert MediaContact.objects.get().email == "press@example.org"
    with pytest.raises(ProtectedError):
        card.delete()
    assert MediaContact.objects.count() == 1


def test_card_rejects_a_bad_phone_number(client, staff):
    card = MediaContact.objects.get()
    response = client.post(
        f"/admin/contact/mediacontact/{card.pk}/change/",
        {
            "name": "R",
            "title_en": "T",
            "email": "p@example.org",
            "phone": "call me",
            "extension": "x",
        },
    )
    assert response.status_code == 200
    assert "Please enter a phone number of 7 to 15 digits" in response.content.decode()
    assert "An extension is up to 8 digits" in response.content.decode()


def test_csv_export_carries_the_notes_log_who_when_and_what(client, staff):
    from contact.models import InquiryNote

    colleague = StaffUserFactory(username="kim", first_name="Kim", last_name="Lau")
    inquiry = MediaInquiryFactory(name="Noted Nia", internal_notes="Typed before the log.")
    first = InquiryNote.objects.create(inquiry=inquiry, author=staff, text="Left a voicemail.")
    InquiryNote.objects.filter(pk=first.pk).update(
        created_at=timezone.make_aware(datetime(2030, 5, 14, 9, 30))
    )
    InquiryNote.objects.create(
        inquiry=inquiry,
        author=colleague,
        text="=Call back at 4",
        created_at=timezone.make_aware(datetime(2030, 5, 14, 11, 5)),
    )
    MediaInquiryFactory(name="Quiet Quinn")
    response = client.post(
        LIST,
        {
            "action": "export_csv",
            "_selected_action": list(MediaInquiry.objects.values_list("pk", flat=True)),
        },
    )
    by_name = {row["Name"]: row for row in csv_rows(response)}
    assert by_name["Noted Nia"]["Internal notes"].splitlines() == [
        "2030-05-14 11:05, Kim Lau: =Call back at 4",
        "2030-05-14 09:30, desk: Left a voicemail.",
        "before the log, —: Typed before the log.",
    ]
    assert by_name["Quiet Quinn"]["Internal notes"] == ""


@pytest.mark.parametrize("rows", [2, 20])
def test_csv_export_queries_do_not_grow_with_inquiries_or_notes(
    client, staff, rows, django_assert_num_queries
):
    from contact.models import InquiryNote

    for inquiry in MediaInquiryFactory.create_batch(rows, assignee=staff):
        for n in range(3):
            InquiryNote.objects.create(inquiry=inquiry, author=staff, text=f"Note {n}")
    selected = list(MediaInquiry.objects.values_list("pk", flat=True))
    # The same 14 at either size: the admin's own (session, user, changelist
    # counts…), then the inquiries with assignees, their notes, the notes' authors.
    with django_assert_num_queries(14):
        response = client.post(LIST, {"action": "export_csv", "_selected_action": selected})
    exported = csv_rows(response)
    assert len(exported) == rows
    assert all(len(row["Internal notes"].splitlines()) == 3 for row in exported)
