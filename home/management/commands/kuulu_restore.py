from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a kuulu_backup DIRECTORY into the database and MEDIA_ROOT, replacing what is there, "
        "then check every table's row count against the backup's manifest (home/backups.py)."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A directory written by kuulu_backup.")
        parser.add_argument("--database-url", help="Restore into this database instead of the site's.")
        parser.add_argument("--media-root", help="Restore the media here instead of MEDIA_ROOT.")

    def handle(self, directory, database_url=None, media_root=None, **options):
        try:
            counts = restore(directory, database_url=database_url, media_root=media_root)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {sum(counts.values())} rows in {len(counts)} tables; counts match the backup."
        )
