"""What every event page gets from the feedback app, through the hooks of
`participation_pages.extensions`: the survey's sub-pages (`kuulu_event_routes`), the *Give
feedback* box (`kuulu_event_panel`) and the summary in the follow-up report
(`kuulu_event_follow_up`). The event's own settings for it are the page's fields
`feedback_open_days` and `follow_up_feedback_summary`."""

from django.template.loader import render_to_string
from django.urls import path

from feedback import results, views
from feedback.models import feedback_is_open
from home.routes import page_view


def event_routes():
    """`<event>/feedback/`, its thanks page, the poster and the poster's QR code as a PNG."""
    return [
        path("feedback/", page_view(views.event_feedback), name="feedback"),
        path("feedback/thanks/", page_view(views.event_feedback_thanks), name="feedback_thanks"),
        path("feedback/poster/", page_view(views.event_feedback_poster), name="feedback_poster"),
        path("feedback/poster/qr/", page_view(views.event_feedback_qr_png), name="feedback_qr_png"),
        path("feedback/card/", page_view(views.event_feedback_card), name="feedback_card"),
    ]


def feedback_panel(request, event):
    """The *Give feedback* box on an event page while its survey is open."""
    if not feedback_is_open(event, request=request):
        return ""
    return render_to_string(
        "feedback/includes/event_feedback_panel.html",
        {"page": event, "feedback_url": views.feedback_url(event, request)},
        request=request,
    )


def follow_up_summary(request, event):
    """The feedback summary in the published follow-up report, when the event asks for it."""
    if not (event.follow_up_feedback_summary and event.shows_follow_up):
        return ""
    return render_to_string(
        "feedback/includes/feedback_summary.html", {"summary": results.event_summary(event)}, request=request
    )
