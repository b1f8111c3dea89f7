"""What every event page gets from the feedback app: the survey's routes and an optional
per-event opening time. EventPage inherits `EventFeedbackMixin`."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import path


class EventFeedbackMixin(models.Model):
    feedback_open_days = models.PositiveSmallIntegerField(
        _("feedback stays open (days)"),
        null=True,
        blank=True,
        help_text=_("Days after the event ends. Leave empty to use the site-wide setting."),
    )
    follow_up_feedback_summary = models.BooleanField(
        _("show the feedback summary"),
        default=False,
        help_text=_("Cites the residents' feedback (number of answers, average score) in the follow-up."),
    )

    class Meta:
        abstract = True

    @path("feedback/", name="feedback")
    def feedback(self, request):
        from feedback.views import event_feedback

        return event_feedback(request, self)

    @path("feedback/thanks/", name="feedback_thanks")
    def feedback_thanks(self, request):
        from feedback.views import event_feedback_thanks

        return event_feedback_thanks(request, self)

    @path("feedback/poster/", name="feedback_poster")
    def feedback_poster(self, request):
        from feedback.views import event_feedback_poster

        return event_feedback_poster(request, self)

    @path("feedback/poster/qr/", name="feedback_qr_png")
    def feedback_qr_png(self, request):
        from feedback.views import event_feedback_qr_png

        return event_feedback_qr_png(request, self)

    def feedback_url(self, request=None):
        return self.get_url(request) + self.reverse_subpage("feedback")

    def feedback_full_url(self, request=None):
        return self.get_full_url(request) + self.reverse_subpage("feedback")
