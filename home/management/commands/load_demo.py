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
            # An app may split its demo in two modules (`demo`, then `demo_content`), each loaded once.
            for module_name, label in (("demo", config.label), ("demo_content", f"{config.label}.content")):
                self.load_module(context, f"{config.name}.{module_name}", label)

    def load_module(self, context, dotted, label):
        try:
            module = importlib.import_module(dotted)
        except ModuleNotFoundError:
            return
        if not hasattr(module, "load"):
            return
        if DemoContentLoad.objects.filter(app_label=label).exists():
            # Later loaders may still need what this one made.
            if hasattr(module, "restore"):
                module.restore(context)
            self.stdout.write(f"{label}: already loaded")
            return
        with transaction.atomic():
            module.load(context)
            DemoContentLoad.objects.create(app_label=label)
        self.stdout.write(self.style.SUCCESS(f"{label}: demo content loaded"))
