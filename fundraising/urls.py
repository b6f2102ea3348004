app_name = "fundraising"

urlpatterns = []
