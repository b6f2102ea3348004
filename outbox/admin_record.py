"""Delivery problems shown on the record an email belongs to (a sign-up, an
inquiry), with the two things staff can do about them there: "Resend", and
"Correct address and resend" when the address itself was refused.

A record's admin gets this by listing ``DeliveryProblemsMixin`` first among
its bases; its change page then opens with a red panel when any of its emails
failed or is retrying.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from formguard.cleaning import EmailAddressField, same_mailbox
from outbox import compose, explain, services
from outbox.models import OutboundEmail


@dataclass
class DeliveryProblem:
    email: OutboundEmail
    state: str
    explanation: explain.Explanation | None
    can_correct: bool


class CorrectAddressForm(forms.Form):
    address = EmailAddressField(
        label="Correct address",
        error_messages={"invalid": "Enter an email address such as name@example.org."},
    )


def problems_for(record, address_field: str = "email") -> list[DeliveryProblem]:
    """The record's emails that failed or are retrying and were not resent since."""
    emails = OutboundEmail.objects.for_source(record).needing_attention()
    record_address = getattr(record, address_field, "") or ""
    problems = []
    for email in emails:
        explanation = explain.explain(email)
        problems.append(
            DeliveryProblem(
                email,
                explain.plain_state(email),
                explanation,
                can_correct=bool(
                    explanation
                    and explanation.address_problem
                    and same_mailbox(email.to, record_address)
                ),
            )
        )
    return problems


class DeliveryProblemsMixin:
    #: the record's field holding the address staff may correct
    delivery_address_field = "email"
    change_form_template = "admin/outbox/record_change_form.html"

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/delivery/<int:email_id>/resend/",
                wrap(self.resend_email_view),
                name=f"{prefix}_resend_email",
            ),
            path(
                "<path:object_id>/delivery/<int:email_id>/correct/",
                wrap(self.correct_address_view),
                name=f"{prefix}_correct_address",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        record = self.get_object(request, unquote(object_id)) if object_id else None
        if record is not None:
            extra_context["delivery_problems"] = problems_for(record, self.delivery_address_field)
            extra_context["may_act_on_delivery"] = self.has_change_permission(request, record)
            extra_context["correct_address_form"] = CorrectAddressForm()
            post_actions = getattr(self, "record_post_actions", None)
            extra_context["record_post_actions"] = (
                post_actions(request, record) if post_actions else []
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # ---- the two actions

    def _record_and_email(self, request, object_id, email_id):
        if request.method != "POST":
            raise _NotPost
        record = self.get_object(request, unquote(object_id))
        if record is None or not self.has_change_permission(request, record):
            raise PermissionDenied
        email = get_object_or_404(OutboundEmail.objects.for_source(record), pk=email_id)
        return record, email

    def _back(self, record):
        url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[record.pk]
        )
        return HttpResponseRedirect(url)

    def resend_email_view(self, request, object_id, email_id):
        try:
            record, email = self._record_and_email(request, object_id, email_id)
        except _NotPost:
            return HttpResponseNotAllowed(["POST"])
        with transaction.atomic():
            copy = services.resend(email)
        self.message_user(request, f"Queued a new copy to {copy.to}.", messages.SUCCESS)
        return self._back(record)

    def correct_address_view(self, request, object_id, email_id):
        try:
            record, email = self._record_and_email(request, object_id, email_id)
        except _NotPost:
            return HttpResponseNotAllowed(["POST"])
        form = CorrectAddressForm(request.POST)
        field = self.delivery_address_field
        if not form.is_valid():
            for error in form.errors["address"]:
                self.message_user(request, f"Not resent: {error}", messages.ERROR)
            return self._back(record)
        if not same_mailbox(email.to, getattr(record, field) or ""):
            self.message_user(
                request,
                "Not resent: this email did not go to the address on this record.",
                messages.ERROR,
            )
            return self._back(record)
        new_address = form.cleaned_data["address"]
        old_address = getattr(record, field)
        with transaction.atomic():
            setattr(record, field, new_address)
            record.save()
            copy = services.resend(email)
            copy.to = compose.clean_address(new_address)
            copy.save(update_fields=["to"])
            self.log_change(
                request, record, f"Corrected the address from {old_address} to {new_address}."
            )
            on_corrected = getattr(self, "address_corrected", None)
            if on_corrected is not None:
                on_corrected(request, record, old_address, new_address)
        self.message_user(
            request,
            f"The address is now {new_address}; a new copy is queued.",
            messages.SUCCESS,
        )
        return self._back(record)


class _NotPost(Exception):
    pass
