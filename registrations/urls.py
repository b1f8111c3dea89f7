from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("event/<int:page_id>/", views.signup, name="signup"),
    path("<str:token>/", views.manage, name="manage"),
    path("<str:token>/cancel/", views.cancel, name="cancel"),
]
