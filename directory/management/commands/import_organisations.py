import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from directory.importer import ImportFileError, import_rows, read_csv
from directory.models import DirectoryPage


def progress_bar(stream, width=30):
    def show(done, total):
        filled = int(width * done / max(total, 1))
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV file into the directory (columns: see "
        "directory/README-organisations.md). Valid rows are saved and invalid ones listed, "
        "or with --atomic nothing is saved if any row is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and count, save nothing.")
        parser.add_argument("--atomic", action="store_true", help="Save nothing if any row is invalid.")
        parser.add_argument(
            "--directory", type=int, help="Id of the DirectoryPage (default: the first in Finnish)."
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, file, dry_run=False, atomic=False, directory=None, no_progress=False, **options):
        directory_page = self._directory(directory)
        try:
            rows = read_csv(file.read_bytes())
        except (OSError, ImportFileError) as error:
            raise CommandError(str(error)) from error
        progress = None if no_progress else progress_bar(sys.stderr)
        report = import_rows(directory_page, rows, dry_run=dry_run, atomic=atomic, progress=progress)
        for result in report.errors:
            self.stdout.write(f"row {result.row} ({result.name or '?'}): " + "; ".join(result.messages))
        for result in report.results:
            if result.action == "skipped" and result.messages:
                self.stdout.write(f"row {result.row} ({result.name}) skipped: " + "; ".join(result.messages))
        counts = report.counts
        summary = (
            f"created {counts['created']}, updated {counts['updated']}, "
            f"skipped {counts['skipped']}, errors {counts['error']}"
        )
        if dry_run:
            self.stdout.write(self.style.WARNING(f"Dry run, nothing saved: would have {summary}."))
        elif report.rolled_back:
            self.stdout.write(
                self.style.ERROR(f"Nothing saved (--atomic and {counts['error']} invalid rows): {summary}.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Done: {summary}."))
        if report.errors and not dry_run:
            raise CommandError(f"{counts['error']} rows had errors.", returncode=2)

    def _directory(self, page_id):
        pages = DirectoryPage.objects.all()
        if page_id:
            page = pages.filter(pk=page_id).first()
        else:
            page = pages.filter(locale=Locale.get_default()).order_by("path").first() or pages.first()
        if page is None:
            raise CommandError("No directory page found: create a DirectoryPage first.")
        return page
