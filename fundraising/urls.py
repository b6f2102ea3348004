from django.urls import path

from fundraising import views

app_name = "fundraising"

urlpatterns = [
    path("", views.signup, name="signup"),
    path("thanks/", views.thanks, name="thanks"),
    path("guide/", views.guide, name="guide"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
