"""The shape `kuulu_backup` and `kuulu_restore` share (home/backups.py does the work)."""

from django.core.management.base import BaseCommand, CommandError

from home.backups import BackupError


class BackupCommand(BaseCommand):
    """DIRECTORY, `--database-url` and `--media-root`; a `BackupError` ends the command with its
    message (exit code 1). Subclasses give the help texts and `run()`, which returns the line to
    print."""

    directory_help = database_help = media_help = ""

    def add_arguments(self, parser):
        parser.add_argument("directory", help=self.directory_help)
        parser.add_argument("--database-url", help=self.database_help)
        parser.add_argument("--media-root", help=self.media_help)

    def handle(self, directory, database_url=None, media_root=None, **options):
        try:
            self.stdout.write(self.run(directory, database_url=database_url, media_root=media_root))
        except BackupError as error:
            raise CommandError(str(error)) from error

    def run(self, directory, database_url, media_root):
        raise NotImplementedError
