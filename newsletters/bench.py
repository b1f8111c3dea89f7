"""`make bench` (or `manage.py kuulu_bench newsletters`): building and queueing one digest run
for 10,000 confirmed subscribers, in a throwaway database, with the tasks queued in the database
task backend as in production.

Prints the time to build the run (match every subscriber, write the deliveries) and to queue its
batches, the queries each took, and the messages and batches queued.
"""

import time

from home.bench import bench_home, scratch_database

SUBSCRIBERS = 10_000
EVENTS = 40


def _district_index(n):
    """The district whose events subscriber `n` is sure to match: its chosen district, or the
    first district of its chosen major area (event i is in district i % 15 with theme i % 8, so
    the district with index d < 15 has event d, whose theme is d % 8)."""
    return n % 15 if n % 4 else (n % 5) * 3


def _build():
    from datetime import timedelta

    from django.utils import timezone

    from newsletters.models import Subscription
    from participation_pages.models import CalendarPage, EventFormat, EventPage, EventPageArea, EventPageTheme
    from taxonomy.models import Area, Theme

    home = bench_home()
    calendar = home.add_child(instance=CalendarPage(title="Vuosikello", slug="vuosikello"))
    formats = [
        EventFormat.objects.create(name=f"Muoto {i}", slug=f"muoto-{i}", colour="#0b3d91") for i in range(3)
    ]
    majors = [Area.objects.create(name=f"Alue {i}", slug=f"alue-{i}") for i in range(5)]
    districts = [
        Area.objects.create(name=f"Osa {i}-{j}", slug=f"osa-{i}-{j}", parent=major)
        for i, major in enumerate(majors)
        for j in range(3)
    ]
    themes = [Theme.objects.create(name=f"Teema {i}", slug=f"teema-{i}") for i in range(8)]
    start = timezone.now() + timedelta(days=10)
    for i in range(EVENTS):
        event = EventPage(
            title=f"Tapahtuma {i}",
            slug=f"tapahtuma-{i}",
            summary="Tule mukaan.",
            start=start + timedelta(days=i),
            end=start + timedelta(days=i, hours=2),
            event_format=formats[i % 3],
            first_published_at=timezone.now() - timedelta(hours=1),
            attendance_mode=EventPage.AttendanceMode.ONLINE,
            online_url="https://meet.example.org/x",
            area_links=[EventPageArea(area=districts[i % len(districts)])],
            theme_links=[EventPageTheme(theme=themes[i % len(themes)])],
        )
        calendar.add_child(instance=event)
    confirmed = timezone.now() - timedelta(days=8)
    languages = ["fi", "sv", "en"]
    Subscription.objects.bulk_create(
        [
            Subscription(
                email=f"tilaaja{n}@example.invalid",
                language=languages[n % 3],
                confirmed_at=confirmed,
                # A district, or every fourth a major area; every third also a theme. Each choice
                # is one that some new event matches, so every subscriber receives a digest.
                areas=[districts[n % len(districts)].slug] if n % 4 else [majors[n % 5].slug],
                themes=[themes[_district_index(n) % len(themes)].slug] if n % 3 == 0 else [],
                kinds=["events", "news"] if n % 2 else [],
            )
            for n in range(SUBSCRIBERS)
        ],
        batch_size=500,
    )


def run(command):
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext, override_settings

    from newsletters import digest
    from newsletters.models import Delivery, Subscription

    command.stdout.write(f"Building {SUBSCRIBERS} confirmed subscribers and {EVENTS} new events…")
    with (
        scratch_database(),
        override_settings(
            TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
        ),
    ):
        _build()
        from django_tasks_db.models import DBTaskResult

        tasks_before = DBTaskResult.objects.count()
        reset_queries()
        began = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            queued = digest.build_digest()
        elapsed = time.perf_counter() - began
        batches = Delivery.objects.values("batch").distinct().count()
        confirmed = Subscription.objects.filter(confirmed_at__isnull=False).count()
        command.stdout.write(
            f"{confirmed} confirmed subscribers, {queued} received a digest; "
            f"digest run: {queued} messages in {batches} batches, {DBTaskResult.objects.count() - tasks_before} tasks queued, "
            f"{elapsed:.1f} s, {len(queries)} queries"
        )
