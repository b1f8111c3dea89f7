import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo_tools import DemoContext
from home.models import DemoContentLoad


class Command(BaseCommand):
    help = "Load Kuulu's demo city (fi, sv, en). Runs each app's demo once; running it again changes nothing."

    def handle(self, **options):
        context = DemoContext()
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            if not hasattr(module, "load"):
                continue
            if DemoContentLoad.objects.filter(app_label=config.label).exists():
                # Later loaders may still need what this one made.
                if hasattr(module, "restore"):
                    module.restore(context)
                self.stdout.write(f"{config.label}: already loaded")
                continue
            with transaction.atomic():
                module.load(context)
                DemoContentLoad.objects.create(app_label=config.label)
            self.stdout.write(self.style.SUCCESS(f"{config.label}: demo content loaded"))
