from home.backups import backup
from home.management.backup_command import BackupCommand


class Command(BackupCommand):
    help = "Back up the database (pg_dump or SQLite's backup API) and MEDIA_ROOT into DIRECTORY (home/backups.py)."
    directory_help = "Where to write database.*, media.tar.gz and manifest.json."
    database_help = "Back up this database instead of the site's."
    media_help = "Back up this media directory instead of MEDIA_ROOT."

    def run(self, directory, database_url, media_root):
        manifest = backup(directory, database_url=database_url, media_root=media_root)
        rows = sum(manifest["counts"].values())
        return f"Backed up {rows} rows in {len(manifest['counts'])} tables and the media to {directory}"
