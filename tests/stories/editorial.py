"""Helpers for the editorial workflow tests: staff in teams, and the change form as posted."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from stories.drafts import snapshot_of_story
from stories.models import StoryDraft


def staff_in(team: str, username: str, **extra):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.org", "pw-for-tests", is_staff=True, **extra
    )
    user.groups.add(Group.objects.get(name=team))
    return user


def _english(name: str, translated) -> str:
    return f"{name}_en" if name in translated else name


def change_url(story) -> str:
    return f"/admin/stories/story/{story.pk}/change/"


def form_data(client, story, **changes) -> dict:
    """What the change form posts when opened now and edited with ``changes``.

    Figures and quotes are given as lists of dicts (``impact_figures=[...]``).
    A text named without its language (``headline=``, a figure's ``label``)
    is the English one: the form has a field per language (``headline_en``).
    """
    changes = {
        _english(k, ("headline", "slug", "summary", "body", "seo_title", "seo_description")): v
        for k, v in changes.items()
    }
    for key, names in (("impact_figures", ("label",)), ("pull_quotes", ("text", "attribution"))):
        if key in changes:
            changes[key] = [{_english(k, names): v for k, v in row.items()} for row in changes[key]]
    html = client.get(change_url(story)).content.decode()
    token = re.search(r'name="edit_token" value="([^"]*)"', html)
    draft = StoryDraft.objects.filter(story=story).first()
    content = draft.content if draft else snapshot_of_story(story)
    fields = {k: ("" if v is None else v) for k, v in content["fields"].items()}
    for name in ("pseudonym_used", "identifies_nobody"):
        if not fields[name]:
            fields.pop(name)
        else:
            fields[name] = "on"
    expire_at = fields.pop("expire_at")
    if expire_at:  # the admin splits a date and time into two inputs
        fields["expire_at_0"], fields["expire_at_1"] = expire_at[:10], expire_at[11:16]
    data = {**fields, "themes": content["themes"], "edit_token": token[1] if token else ""}
    figures = changes.pop("impact_figures", content["impact_figures"])
    quotes = changes.pop("pull_quotes", content["pull_quotes"])
    for prefix, rows in (("impact_figures", figures), ("pull_quotes", quotes)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{index}-{key}"] = "" if value is None else str(value)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
