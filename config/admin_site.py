"""The admin site: Django's, plus an optional TOTP second factor.

Staff who have set up an authenticator (a confirmed TOTP device) must enter
its code at every login; with STAFF_2FA=required, superusers must have one.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp import devices_for_user, user_has_device
from django_otp.forms import OTPAuthenticationFormMixin


def second_factor_required(user) -> bool:
    if user_has_device(user, confirmed=True):
        return True
    return settings.STAFF_2FA == "required" and user.is_superuser


class StaffLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        required=False,
        label="Authentication code",
        help_text="Only if you set up two-factor sign-in: the 6-digit code from your app.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "maxlength": 8}
        ),
    )
    otp_challenge = forms.CharField(required=False, widget=forms.HiddenInput)

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Enter the 6-digit code from your authenticator app.",
        "invalid_token": "That authentication code is not right, or it has expired. Try the current one.",
    }

    def _chosen_device(self, user):
        # Staff have one authenticator app; ask them to pick only if they have several.
        chosen = super()._chosen_device(user)
        if chosen is None:
            devices = list(devices_for_user(user, confirmed=True))
            if len(devices) == 1:
                chosen = devices[0]
        return chosen

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is not None and second_factor_required(user):
            if not any(devices_for_user(user, confirmed=True)):
                raise forms.ValidationError(
                    "Administrators must use two-factor sign-in, and this account has no "
                    "authenticator yet. Ask an operator to run "
                    "`manage.py add_totp_device <username>` for you.",
                    code="no_device",
                )
            self.clean_otp(user)
        return cleaned


class StoriesAdminSite(admin.AdminSite):
    site_header = "Stories of Hope administration"
    site_title = "Stories of Hope admin"
    index_title = "Stories, media inquiries and fundraiser sign-ups"
    login_form = StaffLoginForm
    login_template = "admin/stories_login.html"

    index_template = "admin/workspace_index.html"

    def index(self, request, extra_context=None):
        from config.workspace import sections_for

        extra_context = {**(extra_context or {}), "team_sections": sections_for(request)}
        return super().index(request, extra_context)

    def get_urls(self):
        from django.urls import path

        return [
            path("invite/", self.admin_view(self.invite_view), name="invite_staff"),
            *super().get_urls(),
        ]

    def invite_view(self, request):
        """Invite a staff member into a team; the invitation goes through the outbox."""
        from django.contrib import messages
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import redirect
        from django.template.response import TemplateResponse

        from config.invitations import InvitationError, InviteStaffForm, invite_staff

        if not request.user.has_perm("auth.add_user"):
            raise PermissionDenied
        form = InviteStaffForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                user = invite_staff(data["email"], data["team"], data["name"])
            except InvitationError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    f"Invited {user.email} to the {data['team']}; the invitation email is queued.",
                )
                return redirect("admin:auth_user_change", user.pk)
        context = {
            **self.each_context(request),
            "title": "Invite a staff member",
            "form": form,
        }
        return TemplateResponse(request, "admin/invite_staff.html", context)

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        # A session that logged in before a device was added, or before 2FA
        # became required, is sent back to the login page.
        return not second_factor_required(request.user) or request.user.is_verified()
