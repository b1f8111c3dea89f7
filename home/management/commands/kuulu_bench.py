"""`make bench`: run every app's benchmark (`<app>/bench.py` with `run(command)`) and print medians.

Benchmarks build their own data in a scratch database (the test settings' SQLite, or the
PostgreSQL named by DATABASE_URL), so they never touch the demo site.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Kuulu's benchmarks and print median timings."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="Only these apps (labels).")

    def handle(self, apps_only=None, **options):
        wanted = set(options.get("apps") or [])
        for config in apps.get_app_configs():
            if wanted and config.label not in wanted:
                continue
            try:
                module = importlib.import_module(f"{config.name}.bench")
            except ModuleNotFoundError:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {config.label} =="))
            module.run(self)
