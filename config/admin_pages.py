"""A ModelAdmin's own extra pages (buttons, choosers), written as a table."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import path


def admin_pages(model_admin, pages: dict[str, tuple[str, Callable]]) -> list:
    """URL patterns for ``{suffix: (route, view)}``, each behind the admin's own
    login and staff checks, and named ``<app>_<model>_<suffix>`` as Django names
    the admin's pages (``admin:fundraising_fundraisersignup_resend_guide``).
    Put them before ``super().get_urls()``, whose catch-all would answer first."""
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    return [
        path(route, model_admin.admin_site.admin_view(view), name=f"{prefix}_{suffix}")
        for suffix, (route, view) in pages.items()
    ]
