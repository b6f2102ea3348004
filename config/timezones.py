"""Each staff member's time zone: chosen once, kept in the session while signed in.

The middleware activates it for every request of a signed-in staff member, so
the admin shows times, and reads times typed into forms (a story's schedule),
in that zone; everyone else gets the site's ``TIME_ZONE``.
"""

from __future__ import annotations

import zoneinfo

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "staff_time_zone"


class StaffTimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        if name and name in zoneinfo.available_timezones():
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        return self.get_response(request)


def remember_on_login(sender, request, user, **kwargs):
    from config.models import StaffTimeZone

    choice = StaffTimeZone.objects.filter(user=user).values_list("time_zone", flat=True).first()
    if choice:
        request.session[SESSION_KEY] = choice


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label="Your time zone")

    def __init__(self, *args, **kwargs):
        from config.models import time_zone_choices

        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = time_zone_choices()


@staff_member_required
def choose_time_zone(request):
    from django.contrib import admin

    from config.models import StaffTimeZone

    current = timezone.get_current_timezone_name()
    form = TimeZoneForm(request.POST or None, initial={"time_zone": current})
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["time_zone"]
        StaffTimeZone.objects.update_or_create(user=request.user, defaults={"time_zone": choice})
        request.session[SESSION_KEY] = choice
        messages.success(request, f"Times are now shown in {choice}.")
        back = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
        return redirect(back if back and safe else "admin:index")
    return TemplateResponse(
        request,
        "admin/staff_time_zone.html",
        {
            **admin.site.each_context(request),
            "title": "Your time zone",
            "form": form,
            "current": current,
            "now": timezone.localtime(),
        },
    )
