"""Self-service: a proposal becomes a draft in the review workflow, public only once approved."""

import pytest
from django.core import mail

from directory.models import OrganisationPage, OrganisationProposal
from home import roles
from tests.fixtures_directory import make_organisation

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "title": "Järvelän lukupiiri",
        "register_number": "",
        "municipality": "091",
        "summary": "Luemme ja keskustelemme kirjoista kerran kuussa.",
        "description": "Tervetuloa mukaan!\n\nKokoonnumme kirjastossa.",
        "fields_of_activity": ["culture-recreation"],
        "target_groups": ["everyone"],
        "languages": ["fi", "sv"],
        "website": "lukupiiri.example.fi",
        "email": "lukupiiri@example.fi",
        "phone": "",
        "meeting_places": "Pääkirjasto",
        "accessibility": "",
        "looking_for_volunteers": "on",
        "submitter_name": "Testi Ehdottaja",
        "submitter_email": "ehdottaja@example.invalid",
        "message": "Uusi piiri.",
        "consent": "on",
    }
    data.update(overrides)
    return data


def propose_url(directory, organisation=None):
    url = directory.url + "propose/"
    return f"{url}?organisation={organisation.pk}" if organisation else url


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderaattori", "mod@example.com", "pw")
    user.groups.add(roles.group("moderators"))
    return user


def approve(page, user):
    state = page.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, user, "approve")


def test_new_entry_is_a_draft_in_moderation_until_approved(
    client, directory_page, moderator, django_capture_on_commit_callbacks
):
    directory = directory_page["sv"]
    response = client.get(propose_url(directory))
    assert response.status_code == 200 and "Helsingfors" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(propose_url(directory), form_data())
    assert response.status_code == 302 and response["Location"].endswith("propose/thanks/")

    page = OrganisationPage.objects.get(title="Järvelän lukupiiri")
    assert page.live is False
    assert page.locale.language_code == "sv"
    assert page.workflow_in_progress, "submitted to the review workflow"
    assert page.current_workflow_state.workflow.name == "Tarkistus ennen julkaisua"
    proposal = OrganisationProposal.objects.get()
    assert (proposal.kind, proposal.language, proposal.notified_at) == ("new", "sv", None)
    # not public: no page, not in the listing, not in the export
    assert client.get(page.url or f"{directory.url}{page.slug}/").status_code == 404
    assert "Järvelän lukupiiri" not in client.get(directory.url).content.decode()
    assert "Järvelän lukupiiri" not in client.get(directory.url + "export/json/").content.decode()
    assert mail.outbox == [] or all("ehdottaja@example.invalid" not in m.to for m in mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        approve(page, moderator)
    page.refresh_from_db()
    assert page.live is True
    html = client.get(page.url).content.decode()
    assert "Luemme ja keskustelemme" in html and "<p>Kokoonnumme kirjastossa.</p>" in html
    assert page.website == "https://lukupiiri.example.fi"
    assert {lang.code for lang in page.languages.all()} == {"fi", "sv"}
    sent = [m for m in mail.outbox if m.to == ["ehdottaja@example.invalid"]]
    assert len(sent) == 1
    assert "Järvelän lukupiiri" in sent[0].subject
    assert sent[0].extra_headers["Content-Language"] == "sv"
    assert page.full_url in sent[0].body
    assert OrganisationProposal.objects.get().notified_at is not None


def test_update_keeps_live_version_until_approved(
    client, directory_page, moderator, django_capture_on_commit_callbacks
):
    directory = directory_page["fi"]
    page = make_organisation(directory, title="Kallion kuoro", summary="Laulamme tiistaisin.")
    response = client.get(propose_url(directory, page))
    assert "Laulamme tiistaisin." in response.content.decode(), "the form starts from the current details"
    data = form_data(title="Kallion kuoro", summary="Laulamme nyt keskiviikkoisin.")
    client.post(propose_url(directory, page), data)
    page.refresh_from_db()
    assert page.live and page.summary == "Laulamme tiistaisin."
    assert "Laulamme tiistaisin." in client.get(page.url).content.decode()
    assert page.get_latest_revision_as_object().summary == "Laulamme nyt keskiviikkoisin."
    assert page.workflow_in_progress
    with django_capture_on_commit_callbacks(execute=True):
        approve(page, moderator)
    assert "Laulamme nyt keskiviikkoisin." in client.get(page.url).content.decode()
    assert OrganisationProposal.objects.get().kind == "update"
    assert [m.to for m in mail.outbox if m.to == ["ehdottaja@example.invalid"]]


def test_errors_are_summarised_and_input_kept(client, directory_page):
    response = client.post(
        propose_url(directory_page["fi"]), form_data(register_number="12-34", consent="", summary="")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "for example 123.456" in html or "esimerkiksi 123.456" in html
    assert 'value="Järvelän lukupiiri"' in html
    assert not OrganisationPage.objects.exists()


def test_duplicate_new_entry_points_to_update(client, directory_page):
    make_organisation(directory_page["fi"], title="Järvelän lukupiiri")
    response = client.post(propose_url(directory_page["fi"]), form_data())
    assert response.status_code == 400
    assert OrganisationPage.objects.count() == 1


def test_honeypot_rejects_bots(client, directory_page):
    response = client.post(propose_url(directory_page["fi"]), form_data(website_url="http://spam"))
    assert response.status_code == 400
    assert not OrganisationPage.objects.exists()


def test_personal_data_export_and_erase(client, directory_page):
    from home import personal_data

    client.post(propose_url(directory_page["fi"]), form_data())
    provider = next(p for p in personal_data.providers() if p.name == "directory proposals")
    exported = provider.export("EHDOTTAJA@example.invalid")
    assert exported[0]["name"] == "Testi Ehdottaja"
    assert provider.erase("ehdottaja@example.invalid") == 1
    assert not OrganisationProposal.objects.exists()
    assert OrganisationPage.objects.count() == 1, "the draft entry itself stays for the editors"


def test_old_proposals_are_deleted_after_retention(client, directory_page):
    from datetime import timedelta

    from django.utils import timezone

    from directory.personal_data import delete_old_proposals
    from home import periodic

    client.post(propose_url(directory_page["fi"]), form_data())
    client.post(propose_url(directory_page["fi"]), form_data(title="Toinen piiri"))
    old, recent = OrganisationProposal.objects.order_by("pk")
    now = timezone.now()
    OrganisationProposal.objects.filter(pk=old.pk).update(notified_at=now - timedelta(days=91))
    OrganisationProposal.objects.filter(pk=recent.pk).update(notified_at=now - timedelta(days=10))
    assert "directory.delete_old_proposals" in periodic.jobs()
    assert delete_old_proposals() == 1
    assert list(OrganisationProposal.objects.all()) == [recent]


def test_unpublished_proposals_are_deleted_after_retention_counted_from_receipt(client, directory_page):
    """A proposal nobody publishes has no e-mail date; it used to keep the proposer's name and
    e-mail forever."""
    from datetime import timedelta

    from django.utils import timezone

    from directory.personal_data import delete_old_proposals

    client.post(propose_url(directory_page["fi"]), form_data())
    client.post(propose_url(directory_page["fi"]), form_data(title="Toinen piiri"))
    old, recent = OrganisationProposal.objects.order_by("pk")
    now = timezone.now()
    OrganisationProposal.objects.filter(pk=old.pk).update(created_at=now - timedelta(days=91))
    OrganisationProposal.objects.filter(pk=recent.pk).update(created_at=now - timedelta(days=89))
    assert delete_old_proposals() == 1
    assert list(OrganisationProposal.objects.all()) == [recent]


def test_the_reviewer_sees_the_proposers_message_and_contact_in_the_editor(
    client, directory_page, moderator, django_user_model, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    directory = directory_page["fi"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(propose_url(directory), form_data(message="Kokoonnumme <b>kirjastossa</b>.\nTervetuloa!"))
    page = OrganisationPage.objects.get(title="Järvelän lukupiiri")
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])

    client.force_login(moderator)
    html = client.get(edit).content.decode()
    assert "Testi Ehdottaja" in html and "ehdottaja@example.invalid" in html
    assert "Kokoonnumme &lt;b&gt;kirjastossa&lt;/b&gt;.<br>Tervetuloa!" in html  # escaped, lines kept

    # Editors may edit the page but not see who proposed it (personal data).
    editor = django_user_model.objects.create_user("toimittaja", "ed@example.com", "pw")
    editor.groups.add(roles.group("editors"))
    client.force_login(editor)
    response = client.get(edit)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ehdottaja@example.invalid" not in html and "Testi Ehdottaja" not in html
    assert "Tervetuloa!" not in html
