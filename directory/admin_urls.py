from django.urls import path

from directory import admin_views

urlpatterns = [path("import/", admin_views.import_view, name="import")]
