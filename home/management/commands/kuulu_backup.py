from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump or SQLite's backup API) and MEDIA_ROOT into DIRECTORY (home/backups.py)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write database.*, media.tar.gz and manifest.json.")
        parser.add_argument("--database-url", help="Back up this database instead of the site's.")
        parser.add_argument("--media-root", help="Back up this media directory instead of MEDIA_ROOT.")

    def handle(self, directory, database_url=None, media_root=None, **options):
        try:
            manifest = backup(directory, database_url=database_url, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['counts'])} tables and the media to {directory}"
        )
