"""The story change form's editorial side: draft, review, publish, conflicts,
autosave, presence, preview of unsaved contents, compare and revert.

``EditorialFormMixin`` goes on the story's ModelForm, ``EditorialAdminMixin``
on its ModelAdmin; the rules themselves are in ``stories.workflow``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.forms.formsets import all_valid
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from stories import workflow
from stories.diffing import compare_contents
from stories.drafts import snapshot_from_form
from stories.models import Story, StoryDraft, StoryReview, StoryRevision
from stories.views import render_story_content

# The buttons of the change form, by the name they post.
INTENTS = {
    "_submit_review": "submit",
    "_publish": "publish",
    "_schedule": "schedule",
}
NEEDS_PUBLISHING = {"publish", "schedule"}


def intent_of(request) -> str:
    for name, intent in INTENTS.items():
        if name in request.POST:
            return intent
    return "save"


def short_time(moment) -> str:
    """A time as the admin shows it: in the site's zone, with the zone named."""
    return f"{timezone.localtime(moment):%H:%M %Z}" if moment else ""


def long_time(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M %Z}" if moment else ""


class EditorialFormMixin(forms.Form):
    edit_token = forms.CharField(required=False, widget=forms.HiddenInput)
    schedule_at = forms.DateTimeField(
        label="Schedule for",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        help_text="Used by “Schedule”: the draft goes live at this time.",
    )

    intent = "save"
    conflict = None
    check_conflicts = True  # a preview saves nothing, so it has nothing to conflict with

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        content = getattr(self.instance, "_working_content", None)
        if content is not None and "themes" in self.fields:
            self.initial["themes"] = content.get("themes", [])
        if self.instance.pk:
            self.initial["edit_token"] = workflow.edit_token(self._stored())
        self.fields["schedule_at"].help_text = (
            f"Used by “Schedule”: the time is in {timezone.get_current_timezone_name()} "
            f"(now {short_time(timezone.now())})."
        )

    def _stored(self):
        return (
            Story.objects.select_related("draft").get(pk=self.instance.pk)
            if self.instance.pk
            else None
        )

    def clean(self):
        cleaned = super().clean()
        stored = self._stored()
        if stored is not None and self.check_conflicts:
            self._check_conflict(stored)
        if self.intent == "schedule":
            when = cleaned.get("schedule_at")
            if not when:
                self.add_error("schedule_at", "Choose when the story should go live.")
            elif when <= timezone.now():
                self.add_error("schedule_at", "Choose a time in the future, or press “Publish”.")
        if self.intent in ("publish", "schedule", "submit") and not self.errors:
            content = snapshot_from_form(self, [])
            row = stored or self.instance
            state = Story.State.SCHEDULED if self.intent == "schedule" else Story.State.PUBLISHED
            publish_at = cleaned.get("schedule_at") if self.intent == "schedule" else None
            for problem in workflow.publishing_problems(row, content, state, publish_at):
                self.add_error(None, problem)
        return cleaned

    def _check_conflict(self, stored):
        sent = self.data.get(self.add_prefix("edit_token"), "")
        current = workflow.edit_token(stored)
        if not sent or sent == current:
            return
        saved = workflow.last_saved(stored)
        self.conflict = {"saved": saved, "theirs": workflow.working_content(stored)}
        # The next press saves over theirs on purpose, after the editor has merged.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_token")] = current
        who = workflow._person(saved.by)
        self.add_error(
            None,
            f"{who} saved this story at {long_time(saved.at)}, after you opened it. Nothing "
            "of yours was saved and nothing you typed is lost: compare the two versions "
            "below, merge what you need into this form and save again.",
        )


class WorkingCopyFormSet(forms.BaseInlineFormSet):
    """Rows from the working copy arrive as initial data, never as existing rows,
    so the form edits the draft's figures and quotes, not the live ones."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        if i < len(self.initial_extra or []):
            form.empty_permitted = False  # an untouched figure is still a figure
        return form


class WorkingCopyInlineMixin:
    formset = WorkingCopyFormSet

    def get_extra(self, request, obj=None, **kwargs):
        content = getattr(obj, "_working_content", None)
        if content is None:
            return super().get_extra(request, obj, **kwargs)
        return len(content.get(self.model._meta.get_field("story").remote_field.related_name, []))


class EditorialAdminMixin:
    autosave_seconds = 30
    heartbeat_seconds = 20

    # ---------------------------------------------------------------- list

    def get_queryset(self, request):
        pending = StoryReview.objects.filter(
            story=OuterRef("pk"), status=StoryReview.Status.PENDING
        )
        return (
            super()
            .get_queryset(request)
            .select_related("draft")
            .annotate(in_review=Exists(pending))
        )

    @staticmethod
    def state_of(story, now=None) -> str:
        now = now or timezone.now()
        try:
            draft = story.draft
        except StoryDraft.DoesNotExist:
            draft = None
        in_review = getattr(story, "in_review", None)
        if in_review is None:
            in_review = story.reviews.filter(status=StoryReview.Status.PENDING).exists()
        # "Live" is what visitors see: the list's annotation from visible(), the
        # public pages' own rule (asked directly for a single story).
        is_live = getattr(story, "is_live", None)
        if is_live is None:
            is_live = story.is_visible(now)
        live_version = workflow.has_live_version(story)
        not_yet = bool(story.publish_at and story.publish_at > now)
        expired = bool(story.expire_at and story.expire_at <= now)
        if live_version and (story.consent_withdrawn_at or not (is_live or not_yet or expired)):
            return "Hidden (consent)"
        if in_review:
            return "In review"
        if draft and draft.go_live_at:
            return f"Scheduled ({long_time(draft.go_live_at)})"
        if live_version and not_yet:
            return f"Scheduled ({long_time(story.publish_at)})"
        if not live_version:
            return "Draft"
        if expired:
            return "Expired"
        return "Live + draft changes" if draft else "Live"

    def editorial_state(self, story):
        return self.state_of(story)

    editorial_state.short_description = "State"

    # ---------------------------------------------------------------- form

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (form,), {"intent": intent_of(request)})

    def get_object(self, request, object_id, from_field=None):
        story = super().get_object(request, object_id, from_field)
        if story is not None and getattr(request, "_edit_working_copy", False):
            content = workflow.working_content(story)
            for name, value in workflow.field_values(content).items():
                key = f"{name}_id" if name in ("hero_image", "clip", "country") else name
                setattr(story, key, value)
            story._working_content = content
        return story

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        content = getattr(obj, "_working_content", None)
        if content is not None:
            kwargs["queryset"] = inline.model.objects.none()
            kwargs["initial"] = [dict(row) for row in content.get(prefix, [])]
        return kwargs

    def has_publish_permission(self, request):
        return workflow.can_publish(request.user)

    def save_model(self, request, obj, form, change):
        if not change:
            obj._change_reason = "Created in the admin"
            super().save_model(request, obj, form, change)
        # A change is saved as a whole in save_related, once the formsets are read.

    def save_related(self, request, form, formsets, change):
        request._schedule_at = form.cleaned_data.get("schedule_at")
        if not change:
            super().save_related(request, form, formsets, change)
            StoryRevision.objects.create(
                story=form.instance,
                content=workflow.snapshot_of_story(form.instance),
                event=StoryRevision.Event.CREATED,
                created_by=request.user,
            )
            return
        content = snapshot_from_form(form, formsets)
        workflow.save_working_copy(form.instance, content, request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        if add:
            return super().construct_change_message(request, form, formsets, add)
        # The formsets were only read into the draft; name what the editor changed.
        names = [name for name in form.changed_data if name not in ("edit_token", "schedule_at")]
        return [{"changed": {"fields": names + [f.prefix for f in formsets if f.has_changed()]}}]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            intent = intent_of(request)
            if intent in NEEDS_PUBLISHING and not workflow.can_publish(request.user):
                raise PermissionDenied("Publishing needs the “Can publish stories” permission.")
            if object_id:
                early = self._steps_without_the_form(request, object_id)
                if early is not None:
                    return early
        request._edit_working_copy = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _steps_without_the_form(self, request, object_id):
        """Discard, return and withdraw work whatever the state of the other fields."""
        names = ("_discard_draft", "_return_review", "_withdraw_consent")
        pressed = next((name for name in names if name in request.POST), None)
        if pressed is None:
            return None
        story = self.get_object(request, object_id)
        if story is None or not self.has_change_permission(request, story):
            raise PermissionDenied
        change_url = reverse("admin:stories_story_change", args=[story.pk])
        try:
            if pressed == "_discard_draft":
                if workflow.discard_draft(story, request.user):
                    self.message_user(request, "Draft discarded: the live version is unchanged.")
                else:
                    self.message_user(request, "There was no draft to discard.", messages.WARNING)
            elif pressed == "_return_review":
                workflow.return_for_changes(
                    story, request.user, request.POST.get("review_comment", "")[:2000]
                )
                self.message_user(request, "Returned to the author with your comment.")
            else:
                workflow.withdraw_consent(
                    story, request.user, request.POST.get("withdrawal_note", "")[:2000]
                )
                self.message_user(
                    request,
                    "Consent withdrawn: the story is off the site and its share links no "
                    "longer work. Unsaved changes in the form were not kept.",
                    messages.WARNING,
                )
        except workflow.WorkflowError as problem:
            self.message_user(request, str(problem), messages.ERROR)
        return HttpResponseRedirect(change_url)

    def response_add(self, request, obj, post_url_continue=None):
        done = self._run_intent(request, obj)
        if done is not None:
            return done
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        done = self._run_intent(request, obj)
        if done is not None:
            return done
        self.message_user(request, self._saved_message(obj))
        if "_continue" in request.POST:
            return HttpResponseRedirect(reverse("admin:stories_story_change", args=[obj.pk]))
        return HttpResponseRedirect(reverse("admin:stories_story_changelist"))

    def _saved_message(self, obj):
        stored = Story.objects.get(pk=obj.pk)
        if workflow.has_live_version(stored):
            return f"Draft of “{obj}” saved. Visitors still see the live version until you publish."
        return f"Draft “{obj}” saved."

    def _run_intent(self, request, obj):
        intent = intent_of(request)
        if intent == "save":
            return None
        change_url = reverse("admin:stories_story_change", args=[obj.pk])
        story = Story.objects.get(pk=obj.pk)
        try:
            if intent == "submit":
                workflow.submit_for_review(story, request.user, request.POST.get("review_note", ""))
                self.message_user(request, "Submitted for review: the Publishers have been told.")
            elif intent == "publish":
                workflow.publish(story, request.user)
                self.message_user(request, f"“{obj}” is live.")
            else:
                when = request._schedule_at
                workflow.publish(story, request.user, publish_at=when)
                self.message_user(request, f"“{obj}” is scheduled for {long_time(when)}.")
        except workflow.WorkflowError as problem:
            self.message_user(request, str(problem), messages.ERROR)
        return HttpResponseRedirect(change_url)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        context.update(self._editorial_context(request, obj, form, context))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _editorial_context(self, request, obj, form, page):
        user = request.user
        context = {
            "time_zone_name": timezone.get_current_timezone_name(),
            "can_publish": workflow.can_publish(user),
            "review_required": workflow.review_required(),
            "is_publisher": user.has_perm(workflow.PUBLISH_PERMISSION),
            "preview_form_url": reverse("admin:stories_story_preview_unsaved", args=[obj.pk])
            if obj and obj.pk
            else reverse("admin:stories_story_preview_new"),
        }
        if obj is None or not obj.pk:
            return context
        stored = Story.objects.select_related("draft").get(pk=obj.pk)
        draft = workflow.current_draft(stored)
        saved = workflow.last_saved(stored)
        context.update(
            {
                "stored_story": stored,
                "story_state": self.state_of(stored),
                "draft": draft,
                "has_live_version": workflow.has_live_version(stored),
                "pending_review": stored.reviews.filter(status=StoryReview.Status.PENDING)
                .select_related("submitted_by")
                .first(),
                "last_review": stored.reviews.exclude(status=StoryReview.Status.PENDING)
                .select_related("submitted_by", "decided_by")
                .first(),
                "withdrawal": stored.consent_withdrawals.select_related("recorded_by").first(),
                "others_editing": [
                    {"name": workflow._person(p.user), "since": short_time(p.since)}
                    for p in workflow.others_editing(stored, user)
                ],
                "last_saved_label": short_time(saved.at),
                "autosave_seconds": self.autosave_seconds,
                "heartbeat_seconds": self.heartbeat_seconds,
                "autosave_url": reverse("admin:stories_story_autosave", args=[obj.pk]),
                "heartbeat_url": reverse("admin:stories_story_heartbeat", args=[obj.pk]),
                "revisions_url": reverse("admin:stories_story_revisions", args=[obj.pk]),
            }
        )
        if form.conflict:
            formsets = [f.formset for f in page.get("inline_admin_formsets", [])]
            for formset in formsets:
                formset.is_valid()  # read what was typed, for the comparison
            yours = snapshot_from_form(form, formsets)
            context["conflict"] = {
                "who": workflow._person(form.conflict["saved"].by),
                "when": long_time(form.conflict["saved"].at),
                "rows": compare_contents(form.conflict["theirs"], yours),
            }
        return context

    # ---------------------------------------------------------------- extra pages

    def get_urls(self):
        # (address under a story's admin pages, view, URL name after "stories_story_")
        pages = [
            ("<path:object_id>/autosave/", self.autosave_view, "autosave"),
            ("<path:object_id>/heartbeat/", self.heartbeat_view, "heartbeat"),
            ("<path:object_id>/preview-unsaved/", self.preview_unsaved_view, "preview_unsaved"),
            ("preview-new/", self.preview_unsaved_view, "preview_new"),
            ("<path:object_id>/versions/", self.revisions_view, "revisions"),
            ("<path:object_id>/versions/compare/", self.compare_view, "compare"),
            ("<path:object_id>/versions/<int:revision_id>/revert/", self.revert_view, "revert"),
            (
                "<path:object_id>/versions/<int:revision_id>/preview/",
                self.revision_preview_view,
                "revision_preview",
            ),
        ]
        extra = [
            path(route, self.admin_site.admin_view(view), name=f"stories_story_{name}")
            for route, view, name in pages
        ]
        return extra + super().get_urls()

    def _bound_forms(self, request, story):
        """The change form and its formsets, bound to what the browser sent."""
        form_class = self.get_form(request, story, change=story is not None)
        form = form_class(request.POST, request.FILES, instance=story or Story())
        formsets, _ = self._create_formsets(request, form.instance, change=story is not None)
        return form, formsets

    def _story_for_edit(self, request, object_id):
        request._edit_working_copy = True
        story = self.get_object(request, object_id)
        if story is None:
            raise Http404("No such story")
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        return story

    def autosave_view(self, request, object_id):
        if request.method != "POST":
            return JsonResponse({"error": "POST only"}, status=405)
        story = self._story_for_edit(request, object_id)
        form, formsets = self._bound_forms(request, story)
        if not (form.is_valid() and all_valid(formsets)):
            if form.conflict:
                return JsonResponse(
                    {
                        "saved": False,
                        "conflict": True,
                        "message": "Not saved automatically: "
                        f"{workflow._person(form.conflict['saved'].by)} saved this story at "
                        f"{short_time(form.conflict['saved'].at)}. Save to see both versions.",
                    },
                    status=409,
                )
            return JsonResponse(
                {
                    "saved": False,
                    "message": "Not saved automatically yet: some fields need attention.",
                }
            )
        content = snapshot_from_form(form, formsets)
        workflow.save_working_copy(story, content, request.user, autosave=True)
        stored = Story.objects.select_related("draft").get(pk=story.pk)
        return JsonResponse(
            {
                "saved": True,
                "message": f"Saved {short_time(stored.draft.updated_at)}",
                "token": workflow.edit_token(stored),
            }
        )

    def heartbeat_view(self, request, object_id):
        if request.method != "POST":
            return JsonResponse({"error": "POST only"}, status=405)
        story = self._story_for_edit(request, object_id)
        others = workflow.heartbeat(story, request.user)
        return JsonResponse(
            {
                "others": [
                    {"name": workflow._person(p.user), "since": short_time(p.since)} for p in others
                ]
            }
        )

    def preview_unsaved_view(self, request, object_id=None):
        if request.method != "POST":
            return JsonResponse({"error": "POST only"}, status=405)
        story = self._story_for_edit(request, object_id) if object_id else None
        if story is None and not self.has_add_permission(request):
            raise PermissionDenied
        form, formsets = self._bound_forms(request, story)
        form.check_conflicts = False
        if not (form.is_valid() and all_valid(formsets)):
            errors = [str(e) for e in form.non_field_errors()] + [
                f"{form.fields[name].label or name}: {' '.join(errs)}"
                for name, errs in form.errors.items()
                if name != "__all__"
            ]
            return render(
                request,
                "stories/admin/preview_invalid.html",
                {"errors": errors, "title": "Preview not possible yet"},
                status=400,
            )
        page = render_story_content(request, story or Story(), snapshot_from_form(form, formsets))
        if request.GET.get("widths") != "both":
            return page
        # The same page in two frames, at a laptop's and a phone's width, so the
        # site's own layout rules (media queries) apply as on those screens.
        response = render(
            request,
            "stories/admin/preview_widths.html",
            {"page_html": page.content.decode(), "title": "Preview at two widths"},
        )
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def revisions_view(self, request, object_id):
        story = get_object_or_404(Story, pk=object_id)
        if not self.has_view_permission(request, story):
            raise PermissionDenied
        revisions = list(story.revisions.select_related("created_by")[:200])
        return TemplateResponse(
            request,
            "stories/admin/story_versions.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": story,
                "title": f"Versions of “{story}”",
                "time_zone_name": timezone.get_current_timezone_name(),
                "revisions": [
                    {
                        "revision": revision,
                        "when": long_time(revision.created_at),
                        "by": workflow._person(revision.created_by)
                        if revision.created_by
                        else "the site",
                    }
                    for revision in revisions
                ],
                "can_change": self.has_change_permission(request, story),
            },
        )

    def compare_view(self, request, object_id):
        story = get_object_or_404(Story, pk=object_id)
        if not self.has_view_permission(request, story):
            raise PermissionDenied
        chosen = [value for value in request.GET.getlist("version") if value.isdigit()][:2]
        if len(chosen) != 2:
            self.message_user(request, "Tick two versions to compare.", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:stories_story_revisions", args=[story.pk]))
        found = {
            r.pk: r for r in story.revisions.filter(pk__in=chosen).select_related("created_by")
        }
        if len(found) != 2:
            raise Http404("No such version")
        older, newer = sorted(found.values(), key=lambda r: (r.created_at, r.pk))
        return TemplateResponse(
            request,
            "stories/admin/story_compare.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": story,
                "title": f"Compare versions of “{story}”",
                "older": older,
                "newer": newer,
                "older_when": long_time(older.created_at),
                "newer_when": long_time(newer.created_at),
                "rows": compare_contents(older.content, newer.content),
            },
        )

    def revert_view(self, request, object_id, revision_id):
        story = get_object_or_404(Story, pk=object_id)
        if not self.has_change_permission(request, story):
            raise PermissionDenied
        revision = get_object_or_404(StoryRevision, pk=revision_id, story=story)
        if request.method != "POST":
            return HttpResponseRedirect(reverse("admin:stories_story_revisions", args=[story.pk]))
        workflow.revert_to(story, revision, request.user)
        self.message_user(
            request,
            format_html(
                "Every part of the version of {} is back as the draft. Visitors see the "
                "live version until it is published.",
                long_time(revision.created_at),
            ),
        )
        return HttpResponseRedirect(reverse("admin:stories_story_change", args=[story.pk]))

    def revision_preview_view(self, request, object_id, revision_id):
        story = get_object_or_404(Story, pk=object_id)
        if not self.has_view_permission(request, story):
            raise PermissionDenied
        revision = get_object_or_404(StoryRevision, pk=revision_id, story=story)
        return render_story_content(request, story, revision.content)

    def revert_disabled(self, request, obj=None):
        return True  # reverting goes through the draft, on the Versions page

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            # The old revert form would write straight to the live rows.
            self.message_user(
                request,
                "Revert from the Versions page: it restores every part as a draft.",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:stories_story_revisions", args=[object_id]))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def delete_model(self, request, obj):
        workflow.tell_reviewers_of_deletion(obj, request.user)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for story in queryset:
            workflow.tell_reviewers_of_deletion(story, request.user)
        super().delete_queryset(request, queryset)
