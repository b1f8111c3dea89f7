from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Polls and feedback")

    def ready(self):
        from feedback.panels import feedback_panel
        from feedback.personal_data import IdeaContactData, erase_expired_contact_details
        from home import periodic, personal_data
        from participation_pages import extensions

        personal_data.register(IdeaContactData())
        periodic.register("feedback.erase_expired_idea_contacts", erase_expired_contact_details)
        extensions.register_event_panel("feedback", feedback_panel)
