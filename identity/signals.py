"""The logo's saves, handed to the task layer as the stories app's are.

The logo is in every page's header: once a change commits, the remembered
logo is forgotten and every cached page with it (the ``site`` key, through
``stories.tasks.announce_change``). The model itself knows nothing of caches
or workers.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from identity import caching
from identity.models import SiteIdentity
from stories import caching as page_cache
from stories import tasks


def announce(sender, instance, **kwargs) -> None:
    # Registered before announce_change's callback, so the pages it re-renders
    # already read the new logo.
    transaction.on_commit(caching.forget_logo)
    tasks.announce_change({page_cache.SITE_KEY})


def connect() -> None:
    post_save.connect(announce, sender=SiteIdentity, dispatch_uid="identity-logo")
    post_delete.connect(announce, sender=SiteIdentity, dispatch_uid="identity-logo-d")
