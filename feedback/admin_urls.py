from django.urls import path

from feedback import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("report/", admin_views.report, name="report"),
    path("poll/<int:poll_id>/", admin_views.poll_detail, name="poll"),
    path("poll/<int:poll_id>/csv/", admin_views.poll_csv, name="poll_csv"),
    path("event/<int:page_id>/", admin_views.event_detail, name="event"),
    path("event/<int:page_id>/csv/", admin_views.event_csv, name="event_csv"),
]
