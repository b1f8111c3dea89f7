from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationPagesConfig(AppConfig):
    name = "participation_pages"
    verbose_name = _("Participation")

    def ready(self):
        from home.api import api_router
        from participation_pages import schedule
        from participation_pages.api import EventsAPIViewSet

        schedule.connect()

        api_router.register_endpoint("events", EventsAPIViewSet)
