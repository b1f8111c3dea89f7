from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from directory.content_sections import latest_news_cards
        from home import sections

        sections.register("latest_news", latest_news_cards)
