"""The online guide is a public page held at the edge: purge it when it changes."""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse

from edge.services import request_purge
from fundraising.models import Guide, GuideSection, GuideTip


def purge_guide(sender, **kwargs):
    request_purge(["guide"], [reverse("fundraising:guide")], reason="guide changed")


def connect():
    for model in (Guide, GuideSection, GuideTip):
        post_save.connect(purge_guide, sender=model, dispatch_uid=f"edge-guide-{model}")
        post_delete.connect(purge_guide, sender=model, dispatch_uid=f"edge-guide-d-{model}")
