"""Issue 7: the admin side: term and quota validation, feasibility, draws, members, permissions."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from home.i18n import default_translation
from panels import draw_results, draws, quota_rules
from panels import features as F
from panels.models import Application, Draw
from tests.fixtures_panels import add_applicants

pytestmark = pytest.mark.django_db


def edit_data(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "responsible_unit": page.responsible_unit,
        "status": page.status,
        "description": rich_text(""),
        "area_links": inline_formset([]),
        "theme_links": inline_formset([]),
        "image_alt": "",
        "term_start": page.term_start.isoformat(),
        "term_end": page.term_end.isoformat(),
        "target_size": page.target_size,
        "reserves": page.reserves,
        "applications_open": timezone.localtime(page.applications_open).strftime("%Y-%m-%d %H:%M"),
        "applications_close": timezone.localtime(page.applications_close).strftime("%Y-%m-%d %H:%M"),
        "eligibility": page.eligibility,
        "minimum_age": page.minimum_age,
        "background_questions": page.background_questions,
        "meeting_plan": rich_text(""),
        "meeting_links": inline_formset([]),
        "results": rich_text(""),
        "follow_up": rich_text(""),
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "The term must end after it starts."),
        ("fi", "Toimikauden on päätyttävä alkamisen jälkeen."),
        ("sv", "Mandatperioden måste sluta efter att den börjat."),
    ],
)
def test_term_must_end_after_it_starts_in_the_admin(admin_client, superuser, panel_page, language, message):
    UserProfile.get_for_user(superuser).__class__.objects.filter(user=superuser).update(
        preferred_language=language
    )
    page = panel_page["fi"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.post(
        url, edit_data(page, term_end=(page.term_start - timedelta(days=1)).isoformat())
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    page.refresh_from_db()
    assert page.term_end > page.term_start


def test_term_dates_are_required_and_application_period_is_checked(admin_client, panel_page):
    page = panel_page["fi"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = admin_client.post(url, edit_data(page, term_end="")).content.decode()
    assert "Tämä kenttä on pakollinen." in html
    closes_late = timezone.localtime(timezone.now()).replace(year=page.term_start.year + 1)
    html = admin_client.post(
        url, edit_data(page, applications_close=closes_late.strftime("%Y-%m-%d %H:%M"))
    ).content.decode()
    assert "Hakuajan on päätyttävä ennen toimikauden alkua." in html


def test_valid_edit_saves(admin_client, panel_page):
    page = panel_page["fi"]
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    new_end = page.term_end + timedelta(days=10)
    response = admin_client.post(url, edit_data(page, term_end=new_end.isoformat()))
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().term_end == new_end


def selection_url(page, name="selection", *args):
    return reverse(f"panels_admin:{name}", args=[page.pk, *args])


def quota_post(page, **values):
    data = {}
    for feature in F.panel_features(page):
        for value, _label in F.feature_values(feature):
            data[f"{feature}__{value}__min"] = 0
            data[f"{feature}__{value}__max"] = page.target_size
    data.update(values)
    return data


def test_quota_errors_are_translated_and_nothing_is_saved(admin_client, panel_page):
    page = panel_page["fi"]
    response = admin_client.post(
        selection_url(page, "save_quotas"),
        quota_post(page, use_gender="on", gender__female__min=5, gender__female__max=2, gender__male__min=4),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Sukupuoli ”Nainen”: vähimmäismäärä (5) on suurempi kuin enimmäismäärä (2)." in html
    assert "Sukupuoli: vähimmäismäärien summa on 9" in html
    assert not page.quotas.exists()


def test_quotas_save_and_feasibility_names_the_problem(admin_client, panel_page):
    page = panel_page["fi"]
    add_applicants(
        page,
        12,
        features=[F.AGE_GROUP, F.AREA, F.GENDER, F.MOTHER_TONGUE],
        shares={F.MOTHER_TONGUE: {"fi": 1, "sv": 0, "other": 0}},
    )
    response = admin_client.post(
        selection_url(page, "save_quotas"), quota_post(page, use_mother_tongue="on", mother_tongue__sv__min=1)
    )
    assert response.status_code == 302
    assert quota_rules.quotas_for(page)[F.MOTHER_TONGUE]["sv"] == [1, 6]
    html = admin_client.get(response["Location"]).content.decode()
    assert "Äidinkieli ”ruotsi”: vähimmäismäärä on 1, mutta tämän arvon hakijoita on vain 0." in html


def test_draw_runs_in_the_background_and_is_shown_in_the_admin(
    admin_client, panel_page, django_capture_on_commit_callbacks
):
    page = panel_page["fi"]
    add_applicants(page, 20, seed=4)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            selection_url(page, "start_draw"), {"algorithm": "maximin", "seed": "99"}
        )
    assert response.status_code == 302
    draw = Draw.objects.get()
    assert draw.status == Draw.Status.SUCCEEDED and draw.seed == 99 and draw.created_by is not None
    html = admin_client.get(selection_url(page)).content.decode()
    assert "Valmis" in html and "99" in html
    assert 'http-equiv="refresh"' not in html
    # Not public until adopted.
    assert panel_page["en"].published_draw() is None
    admin_client.post(selection_url(page, "adopt_draw", draw.pk))
    assert Application.objects.filter(panel=page, outcome="selected").count() == page.target_size
    assert panel_page["en"].published_draw() == draw


def test_running_draw_page_refreshes_itself_and_blocks_a_second_draw(admin_client, panel_page):
    page = panel_page["fi"]
    Draw.objects.create(
        panel=page,
        algorithm="maximin",
        solver_backend="highspy",
        library_version="x",
        seed=1,
        number_wanted=6,
        reserves_wanted=3,
        snapshot={},
        snapshot_digest="x",
        status=Draw.Status.RUNNING,
        progress="Round 3/20",
    )
    html = admin_client.get(selection_url(page)).content.decode()
    assert 'http-equiv="refresh"' in html and "Round 3/20" in html
    response = admin_client.post(selection_url(page, "start_draw"), {"algorithm": "maximin"})
    assert Draw.objects.count() == 1
    assert response.status_code == 302


def test_legacy_needs_explicit_confirmation(admin_client, panel_page):
    page = panel_page["fi"]
    add_applicants(page, 10)
    response = admin_client.post(selection_url(page, "start_draw"), {"algorithm": "legacy"})
    assert response.status_code == 400
    assert not Draw.objects.exists()


def test_infeasible_draw_request_explains_instead_of_crashing(admin_client, panel_page):
    page = panel_page["en"]
    add_applicants(default_translation(page), 3)
    response = admin_client.post(selection_url(page, "start_draw"), {"algorithm": "maximin"})
    assert response.status_code == 400
    assert "hakijaa mutta valittavia jäseniä 6" in response.content.decode()
    assert not Draw.objects.exists()


@pytest.fixture
def adopted(panel_page, django_capture_on_commit_callbacks):
    page = panel_page["fi"]
    add_applicants(page, 20, seed=8)
    with django_capture_on_commit_callbacks(execute=True):
        draw = draws.start_draw(page, algorithm="maximin", seed=8)
    draw.refresh_from_db()
    draw_results.adopt(draw)
    return page


def test_member_list_and_csv_need_the_contact_permission(client, admin_client, adopted):
    staff = get_user_model().objects.create_user("editor", "editor@example.invalid", "pw", is_staff=True)
    staff.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="run_draw")
    )
    client.force_login(staff)
    assert client.get(selection_url(adopted)).status_code == 200
    for name in ("members", "members_csv"):
        response = client.get(selection_url(adopted, name))
        assert response.status_code in (302, 403)
        assert b"example.invalid" not in response.content
    staff.user_permissions.add(Permission.objects.get(codename="view_member_contacts"))
    staff = get_user_model().objects.get(pk=staff.pk)
    client.force_login(staff)
    html = client.get(selection_url(adopted, "members")).content.decode()
    member = Application.objects.filter(panel=adopted, outcome="selected").first()
    assert member.email in html
    csv_text = client.get(selection_url(adopted, "members_csv")).content.decode("utf-8-sig")
    lines = csv_text.strip().splitlines()
    assert len(lines) == 1 + 6 + 3
    assert member.email in csv_text


def test_anonymous_users_see_no_admin(client, adopted):
    for name in ("selection", "members", "members_csv"):
        response = client.get(selection_url(adopted, name))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


def test_replace_member_from_admin(admin_client, adopted):
    member = Application.objects.filter(panel=adopted, outcome="selected").first()
    response = admin_client.post(selection_url(adopted, "replace_member", member.pk))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.outcome == "dropped_out" and member.replaced_by.outcome == "selected"
    assert Application.objects.filter(panel=adopted, outcome="selected").count() == 6


def test_panels_menu_lists_panels(admin_client, adopted):
    html = admin_client.get(reverse("panels_admin:index")).content.decode()
    assert adopted.title in html
