from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from home import roles, translation_sync, translation_workflow  # noqa: F401 (translation_workflow registers its admin hooks)

        post_migrate.connect(roles.post_migrate_handler, dispatch_uid="kuulu_roles")
        translation_sync.connect()
