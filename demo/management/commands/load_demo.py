import time

from django.core.management.base import BaseCommand, CommandError

from demo.loader import PARTS, DemoLoader
from demo.models import DemoContentLoad


class Command(BaseCommand):
    help = (
        "Load Kuulu's demo city (fi, sv, en) from demo/data/. Running it again changes nothing; "
        "dates are counted from the day it runs."
    )

    def handle(self, **options):
        loaded = set(DemoContentLoad.objects.values_list("app_label", flat=True))
        if loaded >= set(PARTS):
            self.stdout.write("The demo city is already loaded.")
            return
        if loaded:
            raise CommandError(
                "This database holds part of an older demo (" + ", ".join(sorted(loaded)) + "). "
                "Start from an empty database: make clean && make run."
            )
        started = time.monotonic()
        DemoLoader().load(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Demo city loaded in {time.monotonic() - started:.0f} s."))
