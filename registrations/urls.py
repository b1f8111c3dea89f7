from django.urls import path

from registrations import views

app_name = "registrations"

urlpatterns = [
    path("event/<int:page_id>/", views.signup, name="signup"),
    path("event/<int:page_id>/sent/", views.signup_sent, name="signup_sent"),
    path("<str:token>/", views.manage, name="manage"),
    path("<str:token>/cancel/", views.cancel, name="cancel"),
    path("<str:token>/people/", views.change_group_size, name="group_size"),
]
