from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from wagtail.signals import page_published

        from directory.content_sections import latest_news_cards
        from directory.personal_data import ProposalData, delete_old_proposals
        from directory.proposals import page_published_handler
        from home import periodic, personal_data, sections

        personal_data.register(ProposalData())
        periodic.register("directory.delete_old_proposals", delete_old_proposals)
        page_published.connect(page_published_handler, dispatch_uid="directory.proposal_published")
        sections.register("latest_news", latest_news_cards)
