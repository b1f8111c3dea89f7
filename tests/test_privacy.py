"""Issue 14: least privilege for residents' contact details, per editorial role."""

import pytest
from django.contrib.auth.models import User
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from feedback.models import Idea
from home import emails
from home.roles import ensure_roles, group
from tests.fixtures_panels import add_applicants
from tests.fixtures_registrations import signup

pytestmark = pytest.mark.django_db

ADDRESS = "yksityinen.asukas@example.invalid"


def _member_of(client, role):
    ensure_roles()
    user = User.objects.create_user(f"{role}-user", password="x")
    user.groups.add(group(role))
    client.force_login(user)
    return user


@pytest.fixture
def contacts(signup_event, panel_page):
    """An idea with contact details, an event with a sign-up, a panel with an applicant."""
    idea = Idea.objects.create(text="Penkkejä rantaan", name="Asukas", email=ADDRESS, language="fi")
    event = signup_event(capacity=5)
    signup(event, ADDRESS)
    panel = panel_page["fi"]
    applicant = add_applicants(panel, 1)[0]
    return {
        "idea contacts": [
            reverse("wagtailsnippets_feedback_idea:list"),
            reverse("wagtailsnippets_feedback_idea:edit", args=[idea.pk]),
            reverse("wagtailsnippets_feedback_idea:inspect", args=[idea.pk])
            if _has_url("wagtailsnippets_feedback_idea:inspect")
            else reverse("wagtailsnippets_feedback_idea:edit", args=[idea.pk]),
        ],
        "sign-up lists": [
            reverse("registrations_admin:index"),
            reverse("registrations_admin:event", args=[event.pk]),
            reverse("registrations_admin:export_csv", args=[event.pk]),
            reverse("registrations_admin:export_xlsx", args=[event.pk]),
        ],
        "member contacts": [
            reverse("panels_admin:members", args=[panel.pk]),
            reverse("panels_admin:members_csv", args=[panel.pk]),
        ],
        "addresses": [ADDRESS, applicant.email],
    }


def _has_url(name):
    from django.urls import NoReverseMatch

    try:
        reverse(name, args=[1])
    except NoReverseMatch:
        return False
    return True


@pytest.mark.parametrize("role", ["editors", "translators"])
@pytest.mark.parametrize("kind", ["idea contacts", "sign-up lists", "member contacts"])
def test_editors_and_translators_are_refused_residents_contact_details(client, contacts, role, kind):
    """Every view with residents' contact details answers 403 to Editors and Translators, with a
    page that says access is denied, and no address is in the answer."""
    _member_of(client, role)
    for url in contacts[kind]:
        response = client.get(url)
        assert response.status_code == 403, url
        body = b"".join(response) if response.streaming else response.content
        assert "Pääsy estetty".encode() in body, url  # "Access denied" in the admin's Finnish
        assert not any(address.encode() in body for address in contacts["addresses"]), url


def test_moderators_see_contact_details(client, contacts):
    _member_of(client, "moderators")
    assert ADDRESS in client.get(contacts["idea contacts"][1]).content.decode()
    assert ADDRESS in client.get(contacts["sign-up lists"][1]).content.decode()


def _run_queued_tasks_as_the_worker_does(attempt):
    """Run every queued task through `db_worker`'s own code, in this test's transaction (the
    worker command itself closes the connection); e-mail tasks as their attempt number `attempt`."""
    from tests.worker import make_worker

    worker = make_worker()
    for result in DBTaskResult.objects.ready():
        if result.task_path.endswith("send_email_task"):
            result.args_kwargs = {"args": [*result.args_kwargs["args"][:2], attempt], "kwargs": {}}
        result.claim("test")
        worker.run_task(result)


class FailingSMTP(BaseEmailBackend):
    """An e-mail backend whose server refuses the recipient, as smtplib reports it."""

    def send_messages(self, messages):
        import smtplib

        recipients = [address for message in messages for address in message.recipients()]
        raise smtplib.SMTPRecipientsRefused(
            {
                address: (550, f"5.1.1 <{address}>: Recipient address rejected".encode())
                for address in recipients
            }
        )


def test_erase_leaves_no_row_mentioning_the_address_in_any_table(
    client, signup_event, panel_page, directory_page, settings, caplog, django_capture_on_commit_callbacks
):
    """One of everything for one person, including an e-mail that finally failed; after
    `personal_data erase` no table with a text column mentions the address."""
    from io import StringIO

    from django.core.management import call_command
    from django.test import override_settings

    from directory.models import OrganisationProposal
    from home.personal_data import mentions
    from panels.models import Application
    from tests.test_directory_proposals import form_data, propose_url
    from tests.test_home_services import DB_TASKS

    address = "Poistettava.Asukas@example.invalid"
    settings.EMAIL_BACKEND = "tests.test_privacy.FailingSMTP"
    with override_settings(TASKS=DB_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            signup(signup_event(capacity=5), address)  # its confirmation e-mail is queued
        _run_queued_tasks_as_the_worker_does(attempt=emails.MAX_ATTEMPTS)  # the last attempt fails
    assert DBTaskResult.objects.filter(status="FAILED").exists()
    Idea.objects.create(text="Penkkejä", name="Asukas", email=address, language="fi")
    add_applicants(panel_page["fi"], 1)
    Application.objects.filter(panel=panel_page["fi"]).update(email=address)
    client.post(propose_url(directory_page["fi"]), form_data(submitter_email=address))
    assert OrganisationProposal.objects.filter(submitter_email__iexact=address).exists()
    assert address.lower() not in caplog.text.lower()
    before = mentions(address)
    assert {"registrations.registration", "feedback.idea", "panels.application"} <= set(before)
    assert not any(label.startswith("django_tasks_db") for label in before), before

    out = StringIO()
    call_command("personal_data", "erase", address, "--yes", stdout=out)
    assert mentions(address) == {}
    assert mentions(address.upper()) == {}


@pytest.fixture
def unit_events(signup_event):
    """Events of two units and a city-wide one, each with a sign-up."""
    from home.models import Unit

    youth, library = Unit.objects.create(name="Nuorisopalvelut"), Unit.objects.create(name="Kirjasto")
    events = {}
    for key, unit in (("youth", youth), ("library", library), ("city", None)):
        event = signup_event(capacity=5, title=f"Tapahtuma {key}", owner_unit=unit)
        signup(event, f"{key}.asukas@example.invalid")
        events[key] = event
    return {"youth": youth, "library": library, "events": events}


def _event_urls(event):
    return [
        reverse("registrations_admin:event", args=[event.pk]),
        reverse("registrations_admin:export_csv", args=[event.pk]),
        reverse("registrations_admin:export_xlsx", args=[event.pk]),
        reverse("registrations_admin:add", args=[event.pk]),
        reverse("registrations_admin:message", args=[event.pk]),
    ]


def _assert_refused(response, url):
    """Kuulu's answer to a refusal in its staff areas: 403 with "Access denied" (home.admin), in
    the Finnish of the admin."""
    assert response.status_code == 403 and "Pääsy estetty" in response.content.decode(), url


def test_a_moderator_of_a_unit_sees_only_that_units_sign_ups(client, unit_events):
    user = _member_of(client, "moderators")
    unit_events["youth"].members.add(user)
    events = unit_events["events"]
    page = client.get(reverse("registrations_admin:event", args=[events["youth"].pk])).content.decode()
    assert "youth.asukas@example.invalid" in page
    for key in ("library", "city"):
        for url in _event_urls(events[key]):
            response = client.get(url)
            _assert_refused(response, url)
            body = b"".join(response) if response.streaming else response.content
            assert f"{key}.asukas@example.invalid".encode() not in body, url
    url = reverse("registrations_admin:attendance", args=[events["library"].pk])
    _assert_refused(client.post(url, {"attended": []}), url)
    listing = client.get(reverse("registrations_admin:index")).content.decode()
    assert "Tapahtuma youth" in listing
    assert "Tapahtuma library" not in listing and "Tapahtuma city" not in listing


def test_moderators_in_no_unit_see_every_units_sign_ups(client, unit_events):
    _member_of(client, "moderators")
    for key, event in unit_events["events"].items():
        page = client.get(reverse("registrations_admin:event", args=[event.pk])).content.decode()
        assert f"{key}.asukas@example.invalid" in page


@pytest.mark.parametrize("role", ["editors", "translators", "moderators"])
def test_only_superusers_manage_units(client, unit_events, role):
    user = _member_of(client, role)
    for url in (
        reverse("wagtailsnippets_home_unit:list"),
        reverse("wagtailsnippets_home_unit:edit", args=[unit_events["youth"].pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
    assert not user.has_perm("home.change_unit")
