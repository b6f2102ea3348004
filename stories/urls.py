from django.urls import path

from stories import views

app_name = "stories"

urlpatterns = [
    path("", views.home, name="home"),
]
