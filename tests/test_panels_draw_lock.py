"""Issue 13: a panel draw cannot be started while another for the same panel is queued or running,
not even by two staff members pressing "Start" at the same moment."""

import threading

import pytest
from django.db import connection, connections
from django.test import override_settings

from panels import draws
from panels.models import Draw
from tests.fixtures_panels import add_applicants

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
STARTS = 6


@pytest.mark.django_db
def test_a_second_start_while_a_draw_is_queued_is_refused(panel_page):
    page = panel_page["fi"]
    add_applicants(page, 15, seed=5)
    first = draws.start_draw(page, algorithm="maximin", seed=11)  # queued: the test never commits
    assert first.status == Draw.Status.QUEUED
    with pytest.raises(draws.DrawAlreadyRunning):
        draws.start_draw(page, algorithm="maximin", seed=12)
    assert list(Draw.objects.filter(panel=page)) == [first]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_simultaneous_starts_make_one_draw(postgres_only, panel_page):
    page = panel_page["fi"]
    add_applicants(page, 15, seed=6)
    barrier = threading.Barrier(STARTS)
    outcomes, errors = [], []

    def start(i):
        try:
            barrier.wait()  # every "Start the draw" at the same moment
            draws.start_draw(page, algorithm="maximin", seed=100 + i)
            outcomes.append("started")
        except draws.DrawAlreadyRunning:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    with override_settings(TASKS=DB_TASKS):  # queued, not run: the draw stays active
        threads = [threading.Thread(target=start, args=(i,)) for i in range(STARTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert sorted(outcomes) == ["refused"] * (STARTS - 1) + ["started"]
    assert Draw.objects.filter(panel=page).count() == 1
    assert connection.vendor == "postgresql"


ALREADY_RUNNING = "Paneelin arvonta on jo käynnissä. Odota, että se päättyy."


@pytest.mark.django_db
def test_staff_pressing_start_again_get_a_clear_message(admin_client, panel_page, monkeypatch):
    """The admin's answer to a second "Start the draw": a message that says why, no second draw,
    both when the first draw is already seen queued and when it was started a moment before."""
    from django.urls import reverse

    page = panel_page["fi"]
    add_applicants(page, 15, seed=7)
    url = reverse("panels_admin:start_draw", args=[page.pk])
    draws.start_draw(page, algorithm="maximin", seed=21)  # queued: the test never commits
    response = admin_client.post(url, {"algorithm": "maximin", "seed": "22"}, follow=True)
    assert ALREADY_RUNNING in response.content.decode()
    assert Draw.objects.filter(panel=page).count() == 1

    # Started by someone else between the view's check and its own start.
    Draw.objects.filter(panel=page).delete()

    def started_meanwhile(*args, **kwargs):
        raise draws.DrawAlreadyRunning

    monkeypatch.setattr(draws, "start_draw", started_meanwhile)
    response = admin_client.post(url, {"algorithm": "maximin", "seed": "23"}, follow=True)
    assert ALREADY_RUNNING in response.content.decode()
    assert not Draw.objects.filter(panel=page).exists()
