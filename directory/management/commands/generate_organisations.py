from django.core.management.base import BaseCommand, CommandError

from directory.generate import generate
from directory.models import DirectoryPage


class Command(BaseCommand):
    help = "Create N synthetic live organisations under a directory page (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--directory", type=int, help="Id of the DirectoryPage (default: the first).")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, count, directory=None, seed=2026, **options):
        pages = DirectoryPage.objects.all()
        page = pages.filter(pk=directory).first() if directory else pages.order_by("path").first()
        if page is None:
            raise CommandError("No directory page found: create a DirectoryPage first.")
        created = generate(page, count, seed=seed)
        self.stdout.write(self.style.SUCCESS(f"Created {len(created)} organisations under “{page.title}”."))
