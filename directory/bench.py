"""`make bench` (or `manage.py kuulu_bench directory`): server time of the directory listing,
filtered listings and a full-text search with 10,000 organisations, in a throwaway test database.

Each URL is measured by home.bench.report_pages (median of 15 rounds after a warm-up).
"""

import os
import time

from home.bench import bench_home, report_pages, scratch_database

ORGANISATIONS = int(os.environ.get("DIRECTORY_BENCH_ORGANISATIONS", "10000"))


def build(home=None, organisations=ORGANISATIONS):
    """A directory under `home` (a new bench home page if None) with `organisations` generated
    organisations; returns the directory page."""
    from django.apps import apps

    from directory import reference_data
    from directory.generate import generate
    from directory.models import DirectoryPage, Municipality

    if not Municipality.objects.exists():
        reference_data.load(lambda name: apps.get_model("directory", name))
    home = home or bench_home()
    directory = home.add_child(instance=DirectoryPage(title="Yhdistykset", slug="yhdistykset"))
    # A region's worth of municipalities, as a regional association project would have.
    municipalities = Municipality.objects.filter(region__code__in=["06", "07", "05"])
    generate(directory, organisations, municipalities=municipalities)
    return directory


def run(command):
    from django.db import connection

    command.stdout.write(f"Building {ORGANISATIONS} organisations in a throwaway database…")
    with scratch_database():
        began = time.perf_counter()
        directory = build()
        command.stdout.write(f"(built in {time.perf_counter() - began:.0f} s on {connection.vendor})")
        base = directory.url
        report_pages(
            command,
            [
                ("listing, A–Z", base),
                ("listing, page 50", f"{base}?page=50"),
                ("listing, recently updated", f"{base}?sort=updated"),
                ("filtered: region+field+flag", f"{base}?region=06&field=culture-recreation&volunteers=1"),
                ("filtered: muni+target+lang", f"{base}?municipality=837&target=youth&language=sv"),
                ("search", f"{base}?q=kulttuuri"),
                ("search + filters", f"{base}?q=yhdistys&region=06&field=sports&language=fi"),
                ("CSV export, filtered", f"{base}export/csv/?region=06&field=sports"),
                ("CSV export, everything", f"{base}export/csv/"),
            ],
        )
