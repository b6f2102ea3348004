from django.contrib.sitemaps.views import sitemap
from django.urls import path

from stories import views
from stories.caching import cache_for_visitors
from stories.feeds import LatestStoriesFeed
from stories.sitemaps import SITEMAPS

app_name = "stories"

urlpatterns = [
    path("", cache_for_visitors(views.home, ["home"]), name="home"),
    path("stories/", cache_for_visitors(views.story_list, ["stories-list"]), name="list"),
    path("stories/feed/", cache_for_visitors(LatestStoriesFeed(), ["feed"]), name="feed"),
    path("stories/preview/<int:pk>/", views.story_preview, name="preview"),
    path("stories/preview/s/<str:token>/", views.shared_preview, name="shared_preview"),
    path("stories/<slug:slug>/", cache_for_visitors(views.story_detail), name="detail"),
    path(
        "sitemap.xml",
        cache_for_visitors(sitemap, ["sitemap"]),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("robots.txt", cache_for_visitors(views.robots_txt, ["robots"]), name="robots"),
]
