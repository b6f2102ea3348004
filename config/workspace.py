"""The admin home page: for each team, its work and its failures at a glance.

Each panel is a count, the first few rows and a link to the change list
filtered to exactly those rows. A person sees the panels of the records they
may view (a superuser sees every team's). Every panel costs two queries (a
count and a slice), so the page costs the same whatever the data size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from config.teams import OWNERS

ROWS_PER_PANEL = 5
RECENT_SIGNUP_DAYS = 7


@dataclass
class Row:
    text: str
    url: str
    detail: str = ""
    flag: str = ""  # a short warning word shown beside the row ("overdue")


@dataclass
class Panel:
    key: str
    title: str
    count: int
    rows: list[Row]
    list_url: str
    empty: str
    alert: bool = False  # failures: shown in red when there are any

    @property
    def more(self) -> int:
        return max(self.count - len(self.rows), 0)


@dataclass
class TeamSection:
    team: str
    panels: list[Panel] = field(default_factory=list)


def _changelist(model_label: str, **params) -> str:
    app_label, model = model_label.split(".")
    url = reverse(f"admin:{app_label}_{model}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def _change(model_label: str, pk) -> str:
    app_label, model = model_label.split(".")
    return reverse(f"admin:{app_label}_{model}_change", args=[pk])


def _when(moment: datetime.datetime | None) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def _panel(key, title, queryset, row, list_url, empty, *, alert=False) -> Panel:
    rows = [row(obj) for obj in queryset[:ROWS_PER_PANEL]]
    count = queryset.count()
    return Panel(key, title, count, rows, list_url, empty, alert=alert and count > 0)


# ------------------------------------------------------------------ Editors


def story_panels(request, now) -> list[Panel]:
    from stories import workflow
    from stories import workspace as rules

    user, today = request.user, timezone.localdate(now)
    # key: (title, what the panel says when it is empty)
    text = {
        "in_review": ("My stories in review", "None of your stories is waiting for review."),
        "awaiting_review": ("Awaiting my review", "No story is waiting for a Publisher."),
        "my_drafts": ("My drafts", "You have no unpublished drafts."),
        "scheduled": ("Scheduled next", "Nothing is scheduled."),
        "consent_expiring": (
            f"Consent expiring within {rules.CONSENT_WARNING_DAYS} days",
            "No consent ends within a month.",
        ),
        "hidden_by_consent": (
            "Hidden by consent",
            "No published story is hidden for lack of consent.",
        ),
    }

    def panel(key, stories, detail, *, alert=False):
        """A panel of ``stories``; its link opens the story list filtered by
        ``show=key`` (the "Needs attention" filter keeps the same keys)."""
        title, empty = text[key]

        def story_row(story):
            return Row(story.headline, _change("stories.story", story.pk), detail(story))

        list_url = _changelist("stories.story", show=key)
        return _panel(key, title, stories, story_row, list_url, empty, alert=alert)

    def edited(story):
        return f"edited {_when(story.updated_at)}"

    def consent_ended(story):
        if story.consent_expires_on:
            return f"consent ended {story.consent_expires_on:%Y-%m-%d}"
        return "no consent recorded"

    panels = [panel("in_review", rules.in_review_by(user).order_by("-updated_at"), edited)]
    if workflow.review_required() and workflow.can_publish(user):
        panels.append(
            panel("awaiting_review", rules.awaiting_review().order_by("updated_at"), edited)
        )
    return [
        *panels,
        panel("my_drafts", rules.drafts_by(user).order_by("-updated_at"), edited),
        panel(
            "scheduled",
            rules.scheduled(now).order_by("publish_at"),
            lambda story: f"goes live {_when(story.publish_at)}",
        ),
        panel(
            "consent_expiring",
            rules.consent_expiring(today).order_by("consent_expires_on", "headline"),
            lambda story: f"consent ends {story.consent_expires_on:%Y-%m-%d}",
        ),
        panel(
            "hidden_by_consent",
            rules.hidden_by_consent(now).order_by("-updated_at"),
            consent_ended,
            alert=True,
        ),
    ]


# ---------------------------------------------------------------- Media team


def inquiry_panels(request, now) -> list[Panel]:
    from contact.models import MediaInquiry

    def inquiry_row(inquiry):
        status = inquiry.deadline_status(now)
        detail = f"deadline {_when(inquiry.deadline)}" if inquiry.deadline else "no deadline"
        return Row(
            f"{inquiry.outlet}: {inquiry.topic}",
            _change("contact.mediainquiry", inquiry.pk),
            detail,
            {"overdue": "overdue", "due-soon": "due within 24 h"}.get(status, ""),
        )

    # Ascending deadlines put the overdue ones first; those without a deadline last.
    open_by_deadline = (
        MediaInquiry.objects.genuine().filter(state__in=MediaInquiry.OPEN_STATES)
    ).order_by(F("deadline").asc(nulls_last=True), "received_at")
    return [
        _panel(
            "inquiries",
            "Open media inquiries by deadline",
            open_by_deadline,
            inquiry_row,
            _changelist("contact.mediainquiry", deadline="open"),
            "No inquiry is waiting for an answer.",
        )
    ]


# --------------------------------------------------------------- Events team


def signup_panels(request, now) -> list[Panel]:
    from fundraising.admin import guide_email_subquery
    from fundraising.models import FundraiserSignup

    since = timezone.localdate(now) - datetime.timedelta(days=RECENT_SIGNUP_DAYS)
    recent = (
        FundraiserSignup.objects.genuine()
        .filter(received_at__date__gte=since)
        .annotate(guide_state=guide_email_subquery("state"))
        .order_by("-received_at")
    )

    def signup_row(signup):
        state = signup.guide_state or "not queued"
        return Row(
            signup.full_name,
            _change("fundraising.fundraisersignup", signup.pk),
            f"{_when(signup.received_at)} · guide email {state}",
            "guide not delivered" if state == "failed" else "",
        )

    return [
        _panel(
            "signups",
            f"Sign-ups in the last {RECENT_SIGNUP_DAYS} days",
            recent,
            signup_row,
            _changelist(
                "fundraising.fundraisersignup",
                received_at__date__gte=since.isoformat(),
                is_spam__exact="0",
            ),
            "No one signed up this week.",
        )
    ]


# ------------------------------------------------------------------ failures


def email_problem_panel(model_label: str | None, now) -> Panel:
    """Failed and retrying emails of one kind of record (None: of no team's record)."""
    from outbox import explain
    from outbox.models import OutboundEmail

    emails = explain.needing_attention().select_related("source_type")
    if model_label is None:
        emails = emails.exclude(
            source_type__in=[
                ContentType.objects.get_by_natural_key(*label.split(".")) for label in OWNERS
            ]
        )
    else:
        app_label, model = model_label.split(".")
        emails = emails.filter(source_type=ContentType.objects.get_by_natural_key(app_label, model))
    params = {"problem": "any"}
    if model_label:
        params["source"] = model_label

    def email_row(email: OutboundEmail):
        record_url = ""
        if model_label:
            record_url = _change(model_label, email.source_id)
        return Row(
            f"{email.subject} → {email.to}",
            record_url or _change("outbox.outboundemail", email.pk),
            explain.plain_state(email, now),
            "failed" if email.state == OutboundEmail.State.FAILED else "retrying",
        )

    return _panel(
        f"email_problems_{(model_label or 'other').replace('.', '_')}",
        "Emails that failed or are retrying",
        emails,
        email_row,
        _changelist("outbox.outboundemail", **params),
        "Every email was delivered or is on its way.",
        alert=True,
    )


# ------------------------------------------------------------------- the page


TEAM_PANELS = [
    ("Editors", "stories.view_story", story_panels, None),
    ("Media team", "contact.view_mediainquiry", inquiry_panels, "contact.mediainquiry"),
    (
        "Events team",
        "fundraising.view_fundraisersignup",
        signup_panels,
        "fundraising.fundraisersignup",
    ),
]


def sections_for(request, now=None) -> list[TeamSection]:
    """The teams' sections the signed-in person may see, failures first in each."""
    now = now or timezone.now()
    user = request.user
    sees_emails = user.has_perm("outbox.view_outboundemail")
    sections = []
    for team, permission, build, email_owner in TEAM_PANELS:
        if not user.has_perm(permission):
            continue
        section = TeamSection(team)
        if email_owner and sees_emails:
            section.panels.append(email_problem_panel(email_owner, now))
        section.panels.extend(build(request, now))
        sections.append(section)
    if user.is_superuser:
        sections.append(TeamSection("Site operators", [email_problem_panel(None, now)]))
    return sections
