from home.backups import restore
from home.management.backup_command import BackupCommand


class Command(BackupCommand):
    help = (
        "Restore a kuulu_backup DIRECTORY into the database and MEDIA_ROOT, replacing what is there, "
        "then check every table's row count against the backup's manifest (home/backups.py)."
    )
    directory_help = "A directory written by kuulu_backup."
    database_help = "Restore into this database instead of the site's."
    media_help = "Restore the media here instead of MEDIA_ROOT."

    def run(self, directory, database_url, media_root):
        counts = restore(directory, database_url=database_url, media_root=media_root)
        return f"Restored {sum(counts.values())} rows in {len(counts)} tables; counts match the backup."
