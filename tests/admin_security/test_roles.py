"""Each team sees only its part of the admin; superusers see all."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from config.roles import ROLES

pytestmark = pytest.mark.django_db


def perms_of(name):
    return set(
        Group.objects.get(name=name).permissions.values_list("content_type__app_label", "codename")
    )


def test_migrations_create_the_three_teams():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


def test_editors_have_the_stories_the_logo_and_nothing_else():
    perms = perms_of("Editors")
    assert ("stories", "change_story") in perms and ("stories", "add_collection") in perms
    assert {app for app, _ in perms} == {"stories", "identity"}
    assert {p for app, p in perms if app == "identity"} == {
        "view_siteidentity",
        "change_siteidentity",
    }


def test_media_team_has_inquiries_the_card_and_their_email_records():
    perms = perms_of("Media team")
    assert ("contact", "change_mediainquiry") in perms
    assert ("contact", "change_mediacontact") in perms
    assert ("contact", "add_mediacontact") not in perms
    assert ("outbox", "view_outboundemail") in perms
    assert {app for app, _ in perms} == {"contact", "outbox"}


def test_events_team_has_signups_the_guide_and_their_email_records():
    perms = perms_of("Events team")
    assert ("fundraising", "change_fundraisersignup") in perms
    assert ("fundraising", "change_guidetip") in perms
    assert {app for app, _ in perms} == {"fundraising", "outbox"}


def test_migrating_again_removes_stale_permissions_and_adds_none_twice():
    editors = Group.objects.get(name="Editors")
    stray = Permission.objects.get(codename="delete_user")
    editors.permissions.add(stray)
    before = editors.permissions.count()
    call_command("migrate", verbosity=0)
    assert not editors.permissions.filter(pk=stray.pk).exists()
    assert editors.permissions.count() == before - 1
    assert Group.objects.filter(name="Editors").count() == 1


def test_admin_index_lists_each_teams_part(client):
    boss = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(boss)
    html = client.get("/admin/").content.decode()
    for heading in ("Stories", "Media inquiries", "Fundraiser sign-ups"):
        assert heading in html


def test_every_registered_model_belongs_to_some_team_or_is_superuser_only():
    """A model registered later without a team is a decision, not an accident."""
    # Edge purges are for the operators, like the task queue.
    superuser_only = {"auth", "axes", "otp_totp", "django_tasks_database", "contenttypes", "edge"}
    covered = {app for rules in ROLES.values() for app, _, _ in rules}
    for model in admin.site._registry:
        label = model._meta.app_label
        assert label in covered | superuser_only, f"{model._meta.label} has no team"
