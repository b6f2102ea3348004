"""The staff teams and exactly what each may do in the admin.

A team's permissions are computed from this table and written over the
group's current ones after every `migrate`, so a model added later gets its
permissions in the same run and a permission removed here disappears from
the group: no duplicates, nothing stale. Superusers need none of this.
"""

from __future__ import annotations

# Per group: app label -> the models (lower-case names, or "*" for every
# model of the app) and the actions allowed on them.
ALL = ("view", "add", "change", "delete")

ROLES: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    "Editors": [
        ("stories", "*", ALL),
        ("identity", "siteidentity", ("view", "change")),
    ],
    # Everything Editors do, and putting stories live (with STORY_REVIEW=required
    # an Editor only submits for review; a Publisher publishes or returns).
    "Publishers": [
        ("stories", "*", ALL),
        ("stories", "story", ("publish",)),
        ("identity", "siteidentity", ("view", "change")),
    ],
    "Media team": [
        ("contact", "mediainquiry", ("view", "change", "delete")),
        ("contact", "mediacontact", ("view", "change")),
        # Delivery records: the outbox admin shows each team only the emails
        # whose source it may view.
        ("outbox", "outboundemail", ("view", "change")),
    ],
    "Events team": [
        ("fundraising", "*", ALL),
        ("outbox", "outboundemail", ("view", "change")),
    ],
}


def permissions_for(group_name: str, permission_model):
    wanted = []
    for app_label, model, actions in ROLES[group_name]:
        found = permission_model.objects.filter(content_type__app_label=app_label)
        if model != "*":
            found = found.filter(content_type__model=model)
        for permission in found.select_related("content_type"):
            action = permission.codename.split("_", 1)[0]
            if action in actions:
                wanted.append(permission)
    return wanted


def sync_groups(group_model, permission_model) -> None:
    for name in ROLES:
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.set(permissions_for(name, permission_model))


def sync_after_migrate(sender, **kwargs):
    """post_migrate is sent once per app, each time after Django created that
    app's permissions; the last app's turn is when every permission exists."""
    from django.apps import apps as registry
    from django.contrib.auth.models import Group, Permission

    if sender is list(registry.get_app_configs())[-1]:
        sync_groups(Group, Permission)
