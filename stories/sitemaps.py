"""/sitemap.xml: visible stories, the home page, the story list and the two
form pages, each in every language it exists in, with its ``hreflang``
alternates (templates/sitemap.xml names them en-CA, fr-CA and x-default).

URLs are absolute on SITE_URL, not on whatever Host header a request carried.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import translation

from stories.models import ANY_LANGUAGE, Story


class SiteUrlSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"


class StorySitemap(SiteUrlSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return list(Story.objects.visible(language=ANY_LANGUAGE).order_by("-publish_at"))

    def get_languages_for_item(self, item):
        return [code for code, _name in settings.LANGUAGES if item.has_language(code)]

    def location(self, item):
        return item.url_in(translation.get_language())

    def lastmod(self, item):
        return item.updated_at


class PageSitemap(SiteUrlSitemap):
    changefreq = "weekly"
    # URL names: each is reversed in the language being listed.
    pages = {
        "stories:home": 1.0,
        "stories:list": 0.9,
        "fundraising:signup": 0.7,
        "contact:form": 0.5,
    }

    def items(self):
        return list(self.pages)

    def location(self, item):
        return reverse(item)

    def priority(self, item):
        return self.pages[item]


SITEMAPS = {"pages": PageSitemap, "stories": StorySitemap}
