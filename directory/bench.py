"""`make bench` (or `manage.py kuulu_bench directory`): server time of the directory listing,
filtered listings and a full-text search with 10,000 organisations, in a throwaway test database;
then the rows per second of the association import (`directory.importer`) for a generated file of
`DIRECTORY_BENCH_IMPORT_ROWS` rows (default 20,000): the check, the import and the same file again.
`DIRECTORY_BENCH_PARTS=import` (or `listing`) runs one part only.

Each URL is measured by home.bench.report_pages (median of 15 rounds after a warm-up).
"""

import os
import time

from home.bench import bench_home, report_pages, scratch_database

ORGANISATIONS = int(os.environ.get("DIRECTORY_BENCH_ORGANISATIONS", "10000"))
IMPORT_ROWS = int(os.environ.get("DIRECTORY_BENCH_IMPORT_ROWS", "20000"))
PARTS = os.environ.get("DIRECTORY_BENCH_PARTS", "listing,import").split(",")


def build(home=None, organisations=ORGANISATIONS):
    """A directory under `home` (a new bench home page if None) with `organisations` generated
    organisations; returns the directory page."""
    from directory.generate import generate
    from directory.models import Municipality

    directory = _build_directory(home)
    # A region's worth of municipalities, as a regional association project would have.
    municipalities = Municipality.objects.filter(region__code__in=["06", "07", "05"])
    generate(directory, organisations, municipalities=municipalities)
    return directory


def import_csv(rows):
    """A generated import file of `rows` valid rows (bytes): names, municipalities, fields,
    languages and tags varied the way a register extract is."""
    municipalities = ["091", "049", "092", "837", "853", "179", "Tampere", "Esbo"]
    fields = ["sports", "culture-arts", "social-services", "1 200", "environment"]
    lines = [
        "name;register_number;municipality;fields_of_activity;languages;summary;looking_for_volunteers;tags"
    ]
    for n in range(rows):
        lines.append(
            f"Yhdistys {n} ry;{100000 + n};{municipalities[n % 8]};{fields[n % 5]};fi,sv;"
            f"Toimintaa kaikenikäisille, rivi {n}.;{n % 2};liikunta,kulttuuri"
        )
    return ("\n".join(lines) + "\n").encode()


def run_import(command):
    from django.db import connection

    from directory.importer import check_rows, import_rows, read_csv

    with scratch_database():
        directory = _build_directory()
        rows = read_csv(import_csv(IMPORT_ROWS))
        for label, work in [
            ("check (reads only)", lambda: check_rows(directory, rows)),
            ("import, all new", lambda: import_rows(directory, rows)),
            ("import again, all unchanged", lambda: import_rows(directory, rows)),
        ]:
            began = time.perf_counter()
            report = work()
            seconds = time.perf_counter() - began
            command.stdout.write(
                f"{label:<30} {IMPORT_ROWS} rows in {seconds:6.1f} s   {IMPORT_ROWS / seconds:6.0f} rows/s"
                f"   {report.counts}   ({connection.vendor})"
            )


def _build_directory(home=None):
    from django.apps import apps

    from directory import reference_data
    from directory.models import DirectoryPage, Municipality

    if not Municipality.objects.exists():
        reference_data.load(lambda name: apps.get_model("directory", name))
    return (home or bench_home()).add_child(instance=DirectoryPage(title="Yhdistykset", slug="yhdistykset"))


def run(command):
    if "listing" in PARTS:
        run_listing(command)
    if "import" in PARTS:
        run_import(command)


def run_listing(command):
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
