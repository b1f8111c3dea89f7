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
