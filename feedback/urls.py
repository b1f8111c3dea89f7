from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("poll/<int:pk>/", views.poll_answer, name="poll"),
    path("poll/<int:pk>/thanks/", views.poll_thanks, name="poll_thanks"),
    path("poll/<int:pk>/results/", views.poll_results, name="poll_results"),
    path("idea/", views.idea_submit, name="idea"),
    path("idea/thanks/", views.idea_thanks, name="idea_thanks"),
    path("idea/kiosk/", views.idea_kiosk, name="idea_kiosk"),
    path("kiosk/end/", views.kiosk_end, name="kiosk_end"),
]
