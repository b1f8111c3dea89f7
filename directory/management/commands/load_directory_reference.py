from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from directory import reference_data


class Command(BaseCommand):
    help = (
        "Load or update municipalities, regions, wellbeing services counties, ICNPO fields and target groups."
    )

    @transaction.atomic
    def handle(self, **options):
        counts = reference_data.load(lambda name: apps.get_model("directory", name))
        for label, count in counts.items():
            self.stdout.write(f"{label}: {count}")
