"""No overbooking under load: 50 sign-ups at once, each thread with its own database connection."""

import threading

import pytest
from django.db import connection, connections

from registrations import services
from registrations.models import Registration

S = Registration.Status
THREADS = 50
SEATS = 10


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_sign_ups_fill_ten_seats_exactly(postgres_only, signup_event):
    event = signup_event(capacity=SEATS, questions=False)
    start = threading.Barrier(THREADS)
    errors = []

    def sign_up(i):
        try:
            start.wait()  # release every thread at the same moment
            services.sign_up(event, name=f"Person {i}", email=f"p{i}@example.org")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    registrations = list(Registration.objects.filter(event=event).order_by("pk"))
    assert len(registrations) == THREADS  # none lost
    assert sum(r.group_size for r in registrations if r.status == S.CONFIRMED) == SEATS
    # Arrival order = the order the lock was granted (primary keys are taken under the lock):
    # the first ten got seats, the rest queue in the same order.
    assert [r.status for r in registrations] == [S.CONFIRMED] * SEATS + [S.WAITLISTED] * (THREADS - SEATS)
    created = [r.created_at for r in registrations]
    assert created == sorted(created)
    waiting = [r for r in registrations if r.status == S.WAITLISTED]
    assert [r.waitlist_position() for r in waiting] == list(range(1, THREADS - SEATS + 1))
    assert connection.vendor == "postgresql"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_cancellations_promote_each_waiting_person_once(postgres_only, signup_event):
    event = signup_event(capacity=5, questions=False)
    people = [services.sign_up(event, name=f"P{i}", email=f"p{i}@example.org") for i in range(15)]
    confirmed = [p for p in people if p.status == S.CONFIRMED]
    start = threading.Barrier(len(confirmed) * 2)

    def cancel(registration):
        try:
            start.wait()
            services.cancel(registration)
        finally:
            connections.close_all()

    # Each confirmed sign-up cancelled twice at once (a double click): five seats free, not ten.
    threads = [threading.Thread(target=cancel, args=(r,)) for r in confirmed * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = list(Registration.objects.filter(event=event).order_by("pk"))
    assert [r.status for r in rows] == [S.CANCELLED] * 5 + [S.CONFIRMED] * 5 + [S.WAITLISTED] * 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_mixed_concurrent_changes_keep_the_waiting_list_rule(postgres_only, signup_event):
    """Sign-ups, cancellations, people leaving the queue and groups changing size, all at once:
    the waiting-list rule (strict order) still holds afterwards (issue 13)."""
    event = signup_event(capacity=6, max_group_size=3, questions=False)
    people = [
        services.sign_up(event, name=f"P{i}", email=f"p{i}@example.org", group_size=1 + i % 3, notify=False)
        for i in range(12)
    ]
    confirmed = [p for p in people if p.status == S.CONFIRMED]
    waiting = [p for p in people if p.status == S.WAITLISTED]
    jobs = (
        [(services.cancel, (r,)) for r in confirmed[:2] + waiting[:2]]
        + [(services.change_group_size, (r, 1)) for r in waiting[2:5]]
        + [
            (services.sign_up, (event,), {"name": f"N{i}", "email": f"n{i}@example.org", "notify": False})
            for i in range(10)
        ]
    )
    start = threading.Barrier(len(jobs))
    errors = []

    def run(func, args, kwargs=None):
        try:
            start.wait()
            func(*args, **(kwargs or {}))
        except services.SignupError:
            pass
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    active = list(Registration.objects.filter(event=event).active().order_by("pk"))
    assert len(active) == 12 - 4 + 10  # none lost
    seated = [r for r in active if r.status == S.CONFIRMED]
    queue = [r for r in active if r.status == S.WAITLISTED]
    assert sum(r.group_size for r in seated) <= 6
    # Strict order: everyone confirmed came before everyone still waiting…
    assert not queue or max(r.pk for r in seated) < queue[0].pk
    # …and the head of the queue does not fit the free seats.
    assert not queue or queue[0].group_size > 6 - sum(r.group_size for r in seated)
