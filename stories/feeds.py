"""The RSS 2.0 feed of visible stories, one per language: /stories/feed/ lists
the stories in English, /fr/histoires/fil/ those in French."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from config.locale import html_lang
from stories.models import Story

FEED_SIZE = 20


class LatestStoriesFeed(Feed):
    feed_type = Rss201rev2Feed
    title = _("Stories of Hope")
    description = _("Moments of joy from survivors of slavery and violence, newest first.")

    @property
    def language(self):
        return html_lang()  # <language>en-CA</language> or fr-CA

    def link(self):
        return settings.SITE_URL + reverse("stories:list")

    def feed_url(self):
        return settings.SITE_URL + reverse("stories:feed")

    def items(self):
        # visible(): the stories written in the feed's language (the active one).
        stories = Story.objects.visible().select_related("country")
        return stories.order_by("-publish_at")[:FEED_SIZE]

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        # Also each item's <guid>: without an item_guid, Django's Feed uses the link.
        return item.absolute_url

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at
