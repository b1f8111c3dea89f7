from django.core.management.base import BaseCommand

from registrations.jobs import anonymise_expired_registrations


class Command(BaseCommand):
    help = (
        "Anonymise event sign-ups whose retention time after the event has passed (also run by `periodic`)."
    )

    def handle(self, **options):
        count = anonymise_expired_registrations()
        self.stdout.write(f"{count} sign-ups anonymised.")
