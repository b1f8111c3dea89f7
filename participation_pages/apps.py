from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationPagesConfig(AppConfig):
    name = "participation_pages"
    verbose_name = _("Participation")

    def ready(self):
        from home import sections
        from home.api import api_router
        from participation_pages.api import EventsAPIViewSet
        from participation_pages.sections import open_topic_cards, upcoming_event_cards

        sections.register("upcoming_events", upcoming_event_cards)
        sections.register("open_participation", open_topic_cards)
        api_router.register_endpoint("events", EventsAPIViewSet)
