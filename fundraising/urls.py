from django.urls import path
from django.utils.translation import gettext_lazy as _

from edge.headers import public_page
from fundraising import views

app_name = "fundraising"

urlpatterns = [
    path("", views.signup, name="signup"),
    path(_("thanks/"), views.thanks, name="thanks"),
    path("guide/", public_page(views.guide, ["guide"]), name="guide"),
    path("guide/print.css", public_page(views.guide_print_css, ["guide"]), name="guide_print_css"),
    path(_("unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
]
