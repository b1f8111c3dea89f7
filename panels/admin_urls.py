from django.urls import path

from panels import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:page_id>/", admin_views.panel_selection, name="selection"),
    path("<int:page_id>/quotas/", admin_views.save_quotas, name="save_quotas"),
    path("<int:page_id>/proportional/", admin_views.fill_proportional, name="fill_proportional"),
    path("<int:page_id>/draw/", admin_views.start_draw, name="start_draw"),
    path("<int:page_id>/draws/<int:draw_id>/adopt/", admin_views.adopt_draw, name="adopt_draw"),
    path("<int:page_id>/emails/", admin_views.send_result_emails, name="send_result_emails"),
    path("<int:page_id>/members/", admin_views.members, name="members"),
    path("<int:page_id>/members.csv", admin_views.members_csv, name="members_csv"),
    path(
        "<int:page_id>/members/<int:application_id>/replace/",
        admin_views.replace_member,
        name="replace_member",
    ),
]
