from django.urls import path

from registrations import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:page_id>/", admin_views.event_registrations, name="event"),
    path("<int:page_id>/attendance/", admin_views.attendance, name="attendance"),
    path("<int:page_id>/add/", admin_views.add_registration, name="add"),
    path("<int:page_id>/export.csv", admin_views.export_csv, name="export_csv"),
    path("<int:page_id>/export.xlsx", admin_views.export_xlsx, name="export_xlsx"),
]
