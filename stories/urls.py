from django.contrib.sitemaps.views import sitemap
from django.urls import path

from stories import views
from stories.feeds import LatestStoriesFeed
from stories.sitemaps import SITEMAPS

app_name = "stories"

urlpatterns = [
    path("", views.home, name="home"),
    path("stories/", views.story_list, name="list"),
    path("stories/feed/", LatestStoriesFeed(), name="feed"),
    path("stories/preview/<int:pk>/", views.story_preview, name="preview"),
    path("stories/preview/s/<str:token>/", views.shared_preview, name="shared_preview"),
    path("stories/<slug:slug>/", views.story_detail, name="detail"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
]
