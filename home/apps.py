from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")

    def ready(self):
        from home import (  # noqa: F401
            checks,
            i18n,
            page_cache,
            roles,
            site_url,
            text,
            translation_sync,
            translation_workflow,
        )

        text.register_admin_validators()
        i18n.install()

        post_migrate.connect(roles.post_migrate_handler, dispatch_uid="kuulu_roles")
        post_migrate.connect(site_url.post_migrate_handler, dispatch_uid="kuulu_site_url")
        translation_sync.connect()
        page_cache.connect()
