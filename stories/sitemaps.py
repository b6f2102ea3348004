"""/sitemap.xml: visible stories, the home page, the story list and the two form pages.

URLs are absolute on SITE_URL, not on whatever Host header a request carried.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

from stories.models import Story


class SiteUrlSitemap(Sitemap):
    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"


class StorySitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return Story.objects.visible().order_by("-publish_at").only("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at


class PageSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    # Plain paths: the form pages belong to other apps and may be added to later.
    paths = {"/": 1.0, "/stories/": 0.9, "/fundraise/": 0.7, "/media-contact/": 0.5}

    def items(self):
        return list(self.paths)

    def location(self, item):
        return item

    def priority(self, item):
        return self.paths[item]


SITEMAPS = {"pages": PageSitemap, "stories": StorySitemap}
