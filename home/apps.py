from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from home import checks, roles  # noqa: F401 - checks registers itself

        post_migrate.connect(roles.post_migrate_handler, dispatch_uid="kuulu_roles")
