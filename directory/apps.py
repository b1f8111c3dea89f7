from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from wagtail.signals import page_published

        from directory.proposals import page_published_handler

        page_published.connect(page_published_handler, dispatch_uid="directory.proposal_published")
