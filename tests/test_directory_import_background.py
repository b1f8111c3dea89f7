"""A 20,000-row association import runs as a background task, in batches: the admin shows its
progress, and a resident's sign-up made meanwhile succeeds (SQLite has one writer at a time; the
import in one transaction made it fail with "database is locked")."""

import threading
import time

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from directory.models import OrganisationImport, OrganisationPage
from registrations.models import Registration
from tests.test_directory_import import _admin_language

ROWS = 20_000
CSV = (
    "name;municipality;summary;fields_of_activity;languages;tags\n"
    + "".join(
        f"Järvelän yhdistys {n} ry;091;Toimintaa kaikenikäisille, rivi {n}.;sports;fi;liikunta\n"
        for n in range(ROWS)
    )
).encode()


# Run once, on SQLite (make check): its point is SQLite's single writer, which a long import
# must not hold; the importer's other tests (tests/test_directory_import.py) run on both engines.
@pytest.mark.engine_independent
@pytest.mark.django_db(transaction=True)
def test_twenty_thousand_rows_import_as_a_task_while_a_resident_signs_up(
    superuser, directory_page, signup_event
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    event = signup_event(capacity=5, questions=False)
    _admin_language(superuser, "en")
    staff = Client()
    staff.force_login(superuser)
    response = staff.post(
        reverse("directory_admin:import"),
        {"file": SimpleUploadedFile("big.csv", CSV, "text/csv"), "directory": directory_page["fi"].pk},
    )
    job = OrganisationImport.objects.get()
    status_url = reverse("directory_admin:import_status", args=[job.pk])
    assert response["Location"] == status_url
    html = staff.get(status_url).content.decode()
    assert f"Created: {ROWS}" in html and "Rows with errors: 0" in html

    errors = []

    def confirm():  # the staff member's click; the task runs in this thread (ImmediateBackend)
        try:
            other = Client()
            other.force_login(superuser)
            other.post(reverse("directory_admin:import_confirm", args=[job.pk]))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    worker = threading.Thread(target=confirm)
    worker.start()
    deadline = time.monotonic() + 300
    while not OrganisationImport.objects.filter(pk=job.pk, processed__gt=0, status="importing").exists():
        assert worker.is_alive() and time.monotonic() < deadline, errors
        time.sleep(0.05)

    html = staff.get(status_url).content.decode()
    assert '<progress id="import-progress-bar" max="20000" value="' in html
    assert 'http-equiv="refresh"' in html

    resident = Client()
    response = resident.post(
        reverse("registrations:signup", args=[event.pk]),
        {"name": "Aino Asukas", "email": "aino@example.org", "consent": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED).count() == 1
    job.refresh_from_db()
    assert job.status == OrganisationImport.Status.IMPORTING and job.processed < ROWS  # meanwhile

    worker.join(timeout=600)
    assert errors == [] and not worker.is_alive()
    job.refresh_from_db()
    assert job.status == OrganisationImport.Status.DONE and job.processed == ROWS
    assert OrganisationPage.objects.child_of(directory_page["fi"]).count() == ROWS
    html = staff.get(status_url).content.decode()
    assert "Import done" in html and f"Created: {ROWS}" in html and "<progress" not in html
