from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "panels"
    verbose_name = _("Resident panels")

    def ready(self):
        from home import periodic, personal_data, sections
        from panels.personal_data import PanelApplicationData, anonymise_expired_applications
        from panels.sections import open_panel_cards

        personal_data.register(PanelApplicationData())
        periodic.register("panels.anonymise_expired_applications", anonymise_expired_applications)
        sections.register("open_participation", open_panel_cards)
