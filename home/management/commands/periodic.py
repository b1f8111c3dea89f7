import time

from django.core.management.base import BaseCommand

from home import periodic


class Command(BaseCommand):
    help = "Run Kuulu's scheduled jobs (reminders, personal-data clean-up) once, or in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="Repeat every SECONDS.")

    def handle(self, loop=None, **options):
        while True:
            for name, result in periodic.run_all().items():
                self.stdout.write(f"{name}: {result}")
            if not loop:
                return
            time.sleep(loop)
