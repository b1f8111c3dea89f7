"""The "Give feedback" box on an event page while its survey is open."""

from django.template.loader import render_to_string

from feedback.models import feedback_is_open


def feedback_panel(request, event):
    if not feedback_is_open(event, getattr(request, "site", None)):
        return ""
    return render_to_string(
        "feedback/includes/event_feedback_panel.html",
        {"page": event, "feedback_url": event.feedback_url(request)},
        request=request,
    )
