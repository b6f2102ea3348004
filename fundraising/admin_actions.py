"""The "Resend guide" button on a sign-up's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import reverse

from config.admin_pages import admin_pages
from fundraising.services import resend_guide


class ResendGuideMixin:
    def get_urls(self):
        pages = {"resend_guide": ("<path:object_id>/resend-guide/", self.resend_guide_view)}
        return [*admin_pages(self, pages), *super().get_urls()]

    def record_post_actions(self, request, signup):
        if signup.is_spam or not self.has_change_permission(request, signup):
            return []
        url = reverse("admin:fundraising_fundraisersignup_resend_guide", args=[signup.pk])
        return [("Resend guide", url)]

    def resend_guide_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        signup = self.get_object(request, unquote(object_id))
        if signup is None or not self.has_change_permission(request, signup):
            raise PermissionDenied
        change_url = reverse("admin:fundraising_fundraisersignup_change", args=[signup.pk])
        if signup.is_spam:
            self.message_user(
                request, "This sign-up is marked as spam: un-mark it first.", messages.ERROR
            )
            return HttpResponseRedirect(change_url)
        email = resend_guide(signup)
        self.message_user(request, f"The guide is queued again for {email.to}.", messages.SUCCESS)
        return HttpResponseRedirect(change_url)
