from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.utils.translation import gettext_lazy as _

from stories import views
from stories.caching import cache_for_visitors
from stories.feeds import LatestStoriesFeed
from stories.sitemaps import SITEMAPS

app_name = "stories"

urlpatterns = [
    path("", cache_for_visitors(views.home, ["home"]), name="home"),
    path(_("stories/"), cache_for_visitors(views.story_list, ["stories-list"]), name="list"),
    path(_("stories/feed/"), cache_for_visitors(LatestStoriesFeed(), ["feed"]), name="feed"),
    path(_("stories/preview/<int:pk>/"), views.story_preview, name="preview"),
    path(_("stories/preview/s/<str:token>/"), views.shared_preview, name="shared_preview"),
    path(_("stories/<slug:slug>/"), cache_for_visitors(views.story_detail), name="detail"),
]

# One address for every language (config/urls.py puts them outside /fr/).
site_patterns = [
    path(
        "sitemap.xml",
        cache_for_visitors(sitemap, ["sitemap"]),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", cache_for_visitors(views.robots_txt, ["robots"]), name="robots"),
]
