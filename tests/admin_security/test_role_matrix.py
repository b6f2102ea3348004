"""Every admin URL of every registered model, for each team: allowed where the
team's role says so, 403 (or hidden) where not. Superusers see all."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from config.roles import ROLES
from tests.contact.factories import MediaInquiryFactory
from tests.fundraising.factories import SignupFactory
from tests.outbox.factories import OutboundEmailFactory

pytestmark = pytest.mark.django_db

ACTIONS = {
    "changelist": "view",
    "add": "add",
    "change": "view",  # the change page opens read-only with view permission
    "delete": "delete",
    "history": "view",
}


def granted(group, model, action):
    for app_label, model_name, actions in ROLES[group]:
        same_model = model_name in ("*", model._meta.model_name)
        if app_label == model._meta.app_label and same_model and action in actions:
            return True
    return False


def url_for(model, page, obj):
    info = model._meta.app_label, model._meta.model_name
    if page in ("changelist", "add"):
        return reverse(f"admin:{info[0]}_{info[1]}_{page}")
    return reverse(f"admin:{info[0]}_{info[1]}_{page}", args=[obj.pk])


@pytest.fixture
def everything():
    """The demo content, an inquiry and a sign-up with an email each; a member of each team."""
    call_command("load_demo", verbosity=0)
    inquiry = MediaInquiryFactory()
    signup = SignupFactory()
    for source, subject in ((inquiry, "About the inquiry"), (signup, "About the sign-up")):
        OutboundEmailFactory(
            source_type=ContentType.objects.get_for_model(source),
            source_id=str(source.pk),
            subject=subject,
        )
    return {name: _staff_in(name) for name in ROLES}


def _staff_in(group_name):
    user = get_user_model().objects.create_user(
        group_name.lower().replace(" ", "-"), "staff@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


def first_visible(model, user):
    """The first object this user's admin list shows (or, if it shows none, any)."""
    request = RequestFactory().get("/")
    request.user = user
    model_admin = admin.site._registry[model]
    return (
        model_admin.get_queryset(request).order_by("pk").first()
        or model._default_manager.order_by("pk").first()
    )


def test_role_matrix(client, everything):
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    wrong = []
    for model in admin.site._registry:
        for group in ROLES:
            member = everything[group]
            obj = first_visible(model, member)
            for page, action in ACTIONS.items():
                if page not in ("changelist", "add") and obj is None:
                    continue
                url = url_for(model, page, obj)
                client.force_login(superuser)
                open_to_superuser = client.get(url).status_code == 200
                client.force_login(member)
                status = client.get(url).status_code
                expected_open = open_to_superuser and granted(group, model, action)
                opened = status == 200
                if opened != expected_open or (not opened and status not in (403, 302)):
                    wrong.append(f"{group}: {page} {model._meta.label} -> {status}")
    assert not wrong, "\n".join(wrong)


def test_each_team_sees_only_its_own_delivery_records(client, everything):
    client.force_login(everything["Media team"])
    media = client.get("/admin/outbox/outboundemail/").content.decode()
    assert "About the inquiry" in media and "About the sign-up" not in media
    client.force_login(everything["Events team"])
    events = client.get("/admin/outbox/outboundemail/").content.decode()
    assert "About the sign-up" in events and "About the inquiry" not in events


def test_non_staff_cannot_reach_any_admin_page(client, everything):
    visitor = get_user_model().objects.create_user("visitor", "v@example.org", "pw")
    client.force_login(visitor)
    for model in admin.site._registry:
        response = client.get(url_for(model, "changelist", None))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("changelist", "model", "owner"),
    [
        ("/admin/contact/mediainquiry/", "contact.MediaInquiry", "Media team"),
        ("/admin/fundraising/fundraisersignup/", "fundraising.FundraiserSignup", "Events team"),
    ],
)
def test_only_the_owning_team_can_export(client, everything, changelist, model, owner):
    from django.apps import apps

    pks = [str(pk) for pk in apps.get_model(model).objects.values_list("pk", flat=True)]
    for group in ROLES:
        client.force_login(everything[group])
        response = client.post(
            changelist, {"action": "export_csv", "_selected_action": pks, "index": 0}
        )
        if group == owner:
            assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
        else:
            assert response.status_code == 403, f"{group} exported {model}"


def test_failure_notices_are_for_superusers_only(client, everything):
    from outbox.models import OutboundEmail

    about_signup = OutboundEmail.objects.get(subject="About the sign-up")
    OutboundEmailFactory(
        source_type=ContentType.objects.get_for_model(OutboundEmail),
        source_id=str(about_signup.pk),
        subject="Could not deliver to a supporter",
    )
    for group, own in (("Media team", "About the inquiry"), ("Events team", "About the sign-up")):
        client.force_login(everything[group])
        response = client.get("/admin/outbox/outboundemail/")
        assert response.status_code == 200
        html = response.content.decode()
        assert own in html  # the team's own emails are listed…
        assert "Could not deliver" not in html  # …the operators' notice is not
    client.force_login(get_user_model().objects.create_superuser("op", "op@example.org", "pw"))
    assert "Could not deliver" in client.get("/admin/outbox/outboundemail/").content.decode()
