"""Importing organisations from CSV: counts, row errors, duplicates, idempotency, modes, admin upload."""

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from directory.models import OrganisationImport, OrganisationPage
from home import roles

pytestmark = pytest.mark.django_db

HEADER = "name;register_number;municipality;fields_of_activity;target_groups;languages;summary;website;looking_for_volunteers;tags\n"
GOOD = [
    "Kallion kuoro;123.456;091;culture-arts;older-people;fi,sv;Laulamme joka tiistai.;https://kuoro.example.fi;1;kuoro,laulu",
    "Esbo bollklubb;;Esbo;1 200;youth;sv;Fotboll för barn och unga.;;0;",
    "Tampereen ruoka-apu;98765;Tampere;social-services;families;fi;Ruoka-apua torstaisin.;;kyllä;",
]
DUPLICATE = "Kallion kuoro;123456;091;culture-arts;older-people;fi;Sama uudestaan.;;1;"
BROKEN = [
    "Rikkinäinen ry;12-34;091;;;fi;Huono rekisterinumero.;;0;",
    "Tuntematon kunta ry;;Atlantis;;;fi;Kuntaa ei ole.;;0;",
    "Ei kuvausta ry;;091;sports;;fi;;;0;",
    "Väärä ala ry;;091;knitting;;fi;Tuntematon ala.;;maybe;",
]


def write(tmp_path, lines, name="orgs.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path, *args):
    from io import StringIO

    out = StringIO()
    try:
        with translation.override("en"):
            call_command("import_organisations", str(path), "--no-progress", *args, stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_import_reports_counts_and_row_errors(directory_page, tmp_path):
    path = write(tmp_path, [*GOOD, DUPLICATE, *BROKEN])
    output, error = run(path)
    assert "created 3, updated 0, skipped 1, errors 4" in output
    assert "row 5 (Kallion kuoro) skipped: Same organisation as row 2." in output
    assert "row 6 (Rikkinäinen ry): register_number: Write the register number as digits" in output
    assert "row 7 (Tuntematon kunta ry): municipality: Unknown municipality “Atlantis”." in output
    assert "row 8 (Ei kuvausta ry): summary:" in output
    assert "row 9 (Väärä ala ry): fields_of_activity: Unknown field of activity: knitting." in output
    assert "looking_for_volunteers: Write 1 for yes or 0 for no" in output
    assert error is not None  # non-zero exit so scripts notice
    pages = {p.title: p for p in OrganisationPage.objects.live()}
    assert set(pages) == {"Kallion kuoro", "Esbo bollklubb", "Tampereen ruoka-apu"}
    choir = pages["Kallion kuoro"]
    assert choir.municipality.code == "091"
    assert [f.slug for f in choir.fields_of_activity.all()] == ["culture-arts"]
    assert {lang.code for lang in choir.languages.all()} == {"fi", "sv"}
    assert choir.looking_for_volunteers is True
    assert sorted(t.name for t in choir.tags.all()) == ["kuoro", "laulu"]
    assert pages["Tampereen ruoka-apu"].register_number == "98.765"
    assert pages["Esbo bollklubb"].municipality.name_fi == "Espoo"
    assert [f.slug for f in pages["Esbo bollklubb"].fields_of_activity.all()] == ["sports"]


def test_reimport_is_idempotent_and_updates_changed_rows(directory_page, tmp_path):
    path = write(tmp_path, GOOD)
    assert "created 3, updated 0, skipped 0, errors 0" in run(path)[0]
    assert "created 0, updated 0, skipped 3, errors 0" in run(path)[0]
    assert OrganisationPage.objects.count() == 3
    changed = [GOOD[0].replace("Laulamme joka tiistai.", "Laulamme keskiviikkoisin."), *GOOD[1:]]
    output, _ = run(write(tmp_path, changed, "changed.csv"))
    assert "created 0, updated 1, skipped 2, errors 0" in output
    assert OrganisationPage.objects.get(register_number="123.456").summary == "Laulamme keskiviikkoisin."


def test_match_by_name_and_municipality_without_register_number(directory_page, tmp_path):
    run(write(tmp_path, [GOOD[1]]))
    moved = GOOD[1].replace("Fotboll för barn och unga.", "Fotboll för alla.")
    assert "updated 1" in run(write(tmp_path, [moved], "again.csv"))[0]
    other_town = GOOD[1].replace(";Esbo;", ";Vanda;")
    assert "created 1" in run(write(tmp_path, [other_town], "vantaa.csv"))[0]
    assert OrganisationPage.objects.filter(title="Esbo bollklubb").count() == 2


def test_dry_run_saves_nothing_but_reports(directory_page, tmp_path):
    output, error = run(write(tmp_path, [*GOOD, BROKEN[0]]), "--dry-run")
    assert "Dry run, nothing saved: would have created 3, updated 0, skipped 0, errors 1" in output
    assert "row 5 (Rikkinäinen ry)" in output
    assert error is None
    assert not OrganisationPage.objects.exists()


def test_atomic_rolls_back_everything_on_any_error(directory_page, tmp_path):
    output, error = run(write(tmp_path, [*GOOD, BROKEN[1]]), "--atomic")
    assert "Nothing saved" in output
    assert error is not None
    assert not OrganisationPage.objects.exists()
    output, error = run(write(tmp_path, GOOD, "good.csv"), "--atomic")
    assert error is None and OrganisationPage.objects.count() == 3


def test_missing_required_column_is_a_file_error(directory_page, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("nimi,kunta\nA,091\n", encoding="utf-8")
    _output, error = run(path)
    assert "no column municipality, name, summary" in str(error)


def test_imported_pages_are_searchable_in_listing(client, directory_page, tmp_path):
    run(write(tmp_path, GOOD))
    response = client.get(directory_page["fi"].url + "?q=torstaisin")
    assert [o.title for o in response.context["organisations"]] == ["Tampereen ruoka-apu"]


def test_admin_upload_requires_permission(client, directory_page, django_user_model):
    url = reverse("directory_admin:import")
    user = django_user_model.objects.create_user("editor", "e@example.com", "pw")
    user.groups.add(roles.group("editors"))
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="import_organisations"))
    user = django_user_model.objects.get(pk=user.pk)
    client.force_login(user)
    assert client.get(url).status_code == 200


def _admin_language(user, code):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()


def _upload(client, capture, content, directory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with capture(execute=True):
        return client.post(
            reverse("directory_admin:import"),
            {"file": SimpleUploadedFile("o.csv", content, "text/csv"), "directory": directory.pk},
        )


def test_admin_upload_is_checked_then_imported_after_confirmation(
    admin_client, superuser, directory_page, django_capture_on_commit_callbacks
):
    _admin_language(superuser, "en")
    content = (HEADER + "\n".join([*GOOD, BROKEN[0]]) + "\n").encode()
    response = _upload(admin_client, django_capture_on_commit_callbacks, content, directory_page["fi"])
    job = OrganisationImport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "directory_admin:import_status", args=[job.pk]
    )
    html = admin_client.get(response["Location"]).content.decode()
    assert "Check result (nothing was saved)" in html
    assert "Rikkinäinen ry" in html and "12-34" in html
    assert "Created: 3" in html and "Rows with errors: 1" in html
    assert 'http-equiv="refresh"' not in html  # the check is over
    assert not OrganisationPage.objects.exists()

    confirm = reverse("directory_admin:import_confirm", args=[job.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(confirm)
    assert response.status_code == 302
    assert OrganisationPage.objects.count() == 3
    assert set(OrganisationPage.objects.values_list("title", flat=True)) == {
        "Kallion kuoro",
        "Esbo bollklubb",
        "Tampereen ruoka-apu",
    }
    html = admin_client.get(response["Location"]).content.decode()
    assert "Import done" in html and "Created: 3" in html and "Rikkinäinen ry" in html
    job.refresh_from_db()
    assert job.content == ""  # the file is not kept once imported

    # A second click does not import again.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(confirm)
    assert OrganisationPage.objects.count() == 3


def test_imported_pages_are_live_in_the_tree_with_links_tags_and_history(
    admin_client, directory_page, django_capture_on_commit_callbacks, client
):
    from wagtail.models import PageLogEntry

    content = (HEADER + "\n".join(GOOD) + "\n").encode()
    _upload(admin_client, django_capture_on_commit_callbacks, content, directory_page["fi"])
    job = OrganisationImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("directory_admin:import_confirm", args=[job.pk]))
    choir = OrganisationPage.objects.get(title="Kallion kuoro")
    assert choir.live and choir.get_parent().pk == directory_page["fi"].pk
    assert [f.slug for f in choir.fields_of_activity.all()] == ["culture-arts"]
    assert sorted(t.name for t in choir.tags.all()) == ["kuoro", "laulu"]
    assert PageLogEntry.objects.filter(page=choir, action="wagtail.create").exists()
    assert client.get(choir.url).status_code == 200
    directory = directory_page["fi"].__class__.objects.get(pk=directory_page["fi"].pk)
    assert directory.numchild == directory.get_children().count()
    # Editing an imported page in the admin works (it has no revision yet).
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[choir.pk])).status_code == 200


def test_admin_import_page_shows_progress_and_refreshes_while_running(
    admin_client, superuser, directory_page
):
    _admin_language(superuser, "en")
    job = OrganisationImport.objects.create(
        directory=directory_page["fi"],
        file_name="big.csv",
        status=OrganisationImport.Status.IMPORTING,
        total=20000,
        processed=5000,
    )
    url = reverse("directory_admin:import_status", args=[job.pk])
    html = admin_client.get(url).content.decode()
    assert '<progress id="import-progress-bar" max="20000" value="5000">25 %</progress>' in html
    assert "5000 of 20000 rows" in html
    assert '<meta http-equiv="refresh" content="2">' in html
    OrganisationImport.objects.filter(pk=job.pk).update(status=OrganisationImport.Status.DONE)
    html = admin_client.get(url).content.decode()
    assert "<progress" not in html and 'http-equiv="refresh"' not in html


def test_admin_upload_of_an_unreadable_file_is_an_error_in_the_summary(
    admin_client, superuser, directory_page
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _admin_language(superuser, "en")
    response = admin_client.post(
        reverse("directory_admin:import"),
        {
            "file": SimpleUploadedFile("o.csv", "name;summary\nä;x".encode("latin-1"), "text/csv"),
            "directory": directory_page["fi"].pk,
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-summary"' in html and "The file is not UTF-8 text." in html
    assert not OrganisationImport.objects.exists()


def test_import_status_pages_need_the_import_permission(client, directory_page, django_user_model):
    job = OrganisationImport.objects.create(directory=directory_page["fi"], file_name="x.csv")
    user = django_user_model.objects.create_user("moderator", "m@example.com", "pw")
    user.groups.add(roles.group("editors"))
    client.force_login(user)
    assert client.get(reverse("directory_admin:import_status", args=[job.pk])).status_code == 403
    response = client.post(reverse("directory_admin:import_confirm", args=[job.pk]))
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.status == OrganisationImport.Status.CHECKING


def test_a_proposal_between_two_batches_keeps_the_page_tree_sound(
    client, directory_page, django_capture_on_commit_callbacks
):
    """Both the importer (in bulk) and a proposal (through treebeard) add children to the
    directory: each takes the directory's row lock and reads its children afresh, so the tree
    paths never collide, whichever comes first."""
    from wagtail.models import Page

    from directory.importer import import_rows, read_csv
    from tests.test_directory_proposals import form_data, propose_url

    directory = directory_page["fi"]
    rows = read_csv((HEADER + "\n".join(GOOD) + "\n").encode())
    proposed = []

    def propose_once(done, total):
        if not proposed:
            with django_capture_on_commit_callbacks(execute=True):
                proposed.append(client.post(propose_url(directory), form_data()).status_code)

    report = import_rows(directory, rows, progress=propose_once, batch_size=2)
    assert proposed == [302] and report.counts["created"] == 3
    titles = {page.title for page in directory.get_children()}
    assert titles == {"Kallion kuoro", "Esbo bollklubb", "Tampereen ruoka-apu", "Järvelän lukupiiri"}
    assert Page.find_problems() == ([], [], [], [], [])
    directory.refresh_from_db()
    assert directory.numchild == 4


def test_batches_follow_the_pace_of_the_last_one_within_bounds(directory_page, monkeypatch):
    """A quick batch makes the next one twice as large (never over MAX_BATCH_SIZE), a slow one
    makes it what the last pace fits in BATCH_SECONDS (never under MIN_BATCH_SIZE); every row is
    written once, and the progress after each batch says how far the import is."""
    from directory import importer

    assert importer._next_batch_size(25, 0.01) == 50
    assert importer._next_batch_size(400, 0.01) == importer.MAX_BATCH_SIZE == 500
    assert importer._next_batch_size(100, 2.0) == 25  # 50 rows a second fit 25 in half a second
    assert importer._next_batch_size(25, 60.0) == importer.MIN_BATCH_SIZE == 10

    clock = iter(range(10_000))  # each batch seems to take 1 s: 25 rows, then 12, then 10 a batch
    monkeypatch.setattr(importer, "monotonic", lambda: next(clock))
    rows = importer.read_csv(
        ("name;municipality;summary\n" + "".join(f"Tahti {n} ry;091;Rivi {n}.\n" for n in range(60))).encode()
    )
    done = []
    report = importer.import_rows(directory_page["fi"], rows, progress=lambda d, total: done.append(d))
    assert done == [25, 37, 47, 57, 60]
    assert report.counts["created"] == 60
    assert OrganisationPage.objects.child_of(directory_page["fi"]).count() == 60


def test_imports_are_deleted_with_their_file_after_the_task_results_retention(directory_page, settings):
    from datetime import timedelta

    from django.utils import timezone

    from directory.tasks import delete_old_imports
    from home import periodic

    old, recent = (
        OrganisationImport.objects.create(
            directory=directory_page["fi"], content="name;email\nA;a@example.org"
        )
        for _ in range(2)
    )
    OrganisationImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.TASK_RESULTS_RETENTION_DAYS, minutes=1)
    )
    assert "directory.delete_old_imports" in periodic.jobs()
    assert delete_old_imports() == 1
    assert list(OrganisationImport.objects.values_list("pk", flat=True)) == [recent.pk]


def test_an_import_whose_worker_was_killed_is_marked_failed_and_says_what_was_saved(
    admin_client, superuser, directory_page
):
    """A worker killed mid-import (deployment, out of memory) raises nothing: the import stayed
    "importing" and its page refreshed for ever. The periodic job now marks it failed after
    STALLED_AFTER without progress; the page says how far it got. A moving import is left alone."""
    from datetime import timedelta

    from django.utils import timezone

    from directory.tasks import STALLED_AFTER, fail_stalled_imports, run_import
    from home import periodic

    _admin_language(superuser, "en")
    long_ago = timezone.now() - STALLED_AFTER - timedelta(minutes=1)
    killed, checking, moving = (
        OrganisationImport.objects.create(
            directory=directory_page["fi"],
            file_name=f"{name}.csv",
            content="name;email\nA;a@example.org",
            status=status,
            total=200,
            processed=50,
            check_counts=counts,
            progress_at=at,
        )
        for name, status, counts, at in (
            ("killed", OrganisationImport.Status.IMPORTING, {"created": 200}, long_ago),
            ("checking", OrganisationImport.Status.CHECKING, {}, long_ago),
            ("moving", OrganisationImport.Status.IMPORTING, {"created": 200}, timezone.now()),
        )
    )
    assert "directory.fail_stalled_imports" in periodic.jobs()
    assert fail_stalled_imports() == 2

    statuses = dict(OrganisationImport.objects.values_list("file_name", "status"))
    assert statuses == {"killed.csv": "failed", "checking.csv": "failed", "moving.csv": "importing"}
    html = admin_client.get(reverse("directory_admin:import_status", args=[killed.pk])).content.decode()
    assert "The import failed" in html and "stopped after 50 of 200 rows" in html
    assert 'http-equiv="refresh"' not in html
    html = admin_client.get(reverse("directory_admin:import_status", args=[checking.pk])).content.decode()
    assert "Nothing more was saved" in html and "stopped after" not in html
    assert (
        'http-equiv="refresh"'
        in admin_client.get(reverse("directory_admin:import_status", args=[moving.pk])).content.decode()
    )
    assert run_import.call(killed.pk) == "not waiting"  # a task that starts late does nothing
    assert not OrganisationPage.objects.exists()
