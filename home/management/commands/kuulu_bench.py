"""`make bench`: run every app's benchmark (`<app>/bench.py` with `run(command)`) and print medians.

Benchmarks build their own data in a scratch database (the test settings' SQLite, or the
PostgreSQL named by DATABASE_URL), so they never touch the demo site.

`manage.py kuulu_bench http` (`make bench-http`, not part of `make bench`) runs the production
process set behind nginx and measures it with ApacheBench beside Wagtail's bakerydemo
(`deploy/bench_http.py`).
"""

import importlib
import runpy

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run Kuulu's benchmarks and print median timings."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="Only these apps (labels); `http`: the HTTP benchmark.")

    def handle(self, apps_only=None, **options):
        wanted = set(options.get("apps") or [])
        if wanted == {"http"}:
            runpy.run_path(str(settings.BASE_DIR / "deploy" / "bench_http.py"), run_name="__main__")
            return
        for config in apps.get_app_configs():
            if wanted and config.label not in wanted:
                continue
            try:
                module = importlib.import_module(f"{config.name}.bench")
            except ModuleNotFoundError:
                continue
            self.stdout.write(self.style.MIGRATE_HEADING(f"== {config.label} =="))
            module.run(self)
