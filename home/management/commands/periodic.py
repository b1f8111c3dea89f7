import signal
import threading

from django.core.management.base import BaseCommand

from home import periodic


class Command(BaseCommand):
    help = "Run Kuulu's scheduled jobs (reminders, personal-data clean-up) once, or in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=int, metavar="SECONDS", help="Repeat every SECONDS.")

    def handle(self, loop=None, **options):
        # The Procfile's scheduler: SIGTERM (a deploy, the platform stopping it) lets a round of
        # jobs finish and then exits 0 instead of dying in the middle of one.
        stop = threading.Event()
        if loop:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        while not stop.is_set():
            for name, result in periodic.run_all().items():
                self.stdout.write(f"{name}: {result}")
            if not loop:
                return
            stop.wait(loop)
