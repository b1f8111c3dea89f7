"""Organisation pages: register numbers, protected e-mail, translations, reference data."""

import base64
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from demo.translation import Translations, translate
from directory.models import (
    FieldOfActivity,
    Municipality,
    OrganisationContact,
    OrganisationPage,
    Region,
    WellbeingServicesCounty,
    normalise_register_number,
)
from tests.fixtures_directory import make_organisation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [("123.456", "123.456"), ("123456", "123.456"), ("123 456", "123.456"), ("9.876", "9.876"), ("", "")],
)
def test_register_number_normalised(value, expected):
    assert normalise_register_number(value) == expected


@pytest.mark.parametrize("value", ["12-34", "ry123", "123.45", "1234.567", "0", "1.2.3"])
def test_register_number_rejected_with_clear_message(value):
    for language, expected in (("en", "for example 123.456"), ("fi", "esimerkiksi 123.456")):
        with translation.override(language):
            with pytest.raises(ValidationError) as error:
                normalise_register_number(value)
            assert expected in error.value.messages[0]


def test_page_clean_reports_register_number_on_field(directory_page):
    page = OrganisationPage(
        title="X",
        slug="x",
        summary="s",
        register_number="abc",
        municipality=Municipality.objects.get(code="091"),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "register_number" in error.value.message_dict


def test_reference_data_loaded(directory_reference):
    assert Municipality.objects.filter(active=True).count() >= 308
    assert Region.objects.count() == 19
    assert WellbeingServicesCounty.objects.count() == 22
    helsinki = Municipality.objects.get(code="091")
    assert (helsinki.name_fi, helsinki.name_sv, helsinki.region.code) == ("Helsinki", "Helsingfors", "01")
    assert Municipality.objects.get(code="049").wellbeing_services_county.name_fi.startswith(
        "Länsi-Uudenmaan"
    )
    assert Municipality.objects.get(code="478").wellbeing_services_county is None  # Åland
    assert FieldOfActivity.objects.filter(parent__isnull=True).count() == 12
    sports = FieldOfActivity.objects.get(slug="sports")
    assert (sports.parent.slug, sports.name_sv) == ("culture-recreation", "Idrott och motion")


def test_reference_names_follow_language(directory_reference):
    from django.utils import translation

    turku = Municipality.objects.get(code="853")
    with translation.override("sv"):
        assert turku.name == "Åbo"
    with translation.override("en"):
        assert turku.name == "Turku"


def test_load_command_is_idempotent(directory_reference):
    from django.core.management import call_command

    before = Municipality.objects.count()
    call_command("load_directory_reference", stdout=__import__("io").StringIO())
    assert Municipality.objects.count() == before


def test_organisation_page_renders_facts_and_protected_email(client, directory_page):
    page = make_organisation(
        directory_page["fi"],
        title="Kallion kuoro",
        fields=["culture-arts"],
        targets=["older-people"],
        languages=["fi", "sv"],
        email="kuoro@example.fi",
        looking_for_volunteers=True,
        register_number="123.456",
    )
    OrganisationContact.objects.create(
        page=page,
        name="Maija Meikäläinen",
        role="puheenjohtaja",
        email="maija@example.fi",
        locale=page.locale,
    )
    html = client.get(page.url).content.decode()
    assert "Kallion kuoro" in html and "123.456" in html
    assert "Helsinki (Uusimaa)" in html
    assert "Kulttuuri ja vapaa-aika › Kulttuuri ja taide" in html
    assert "Ikäihmiset" in html
    # readable without JavaScript, but the address never appears whole
    assert "kuoro@example.fi" not in html and "maija@example.fi" not in html
    assert 'maija<span class="protected-email__at"> (ät) </span>example.fi' in html
    encoded = re.findall(r'data-protected-email="([^"]+)"', html)
    assert {base64.b64decode(value).decode()[::-1] for value in encoded} >= {
        "maija@example.fi",
        "kuoro@example.fi",
    }
    assert "directory/protected-email.js" in html
    assert "propose/?organisation=" in html


def test_organisation_page_translates_with_synchronised_links(client, directory_page):
    page = make_organisation(
        directory_page["fi"],
        title="Kallion kuoro",
        fields=["culture-arts"],
        languages=["fi", "sv"],
        meeting_places="Kallion kirjasto\nTorkkelin koulu",  # a list, one place a line
    )
    tr = Translations()
    tr(page.title, "Berghälls kör", "Kallio choir")
    tr(page.summary, "Vi sjunger.", "We sing.")
    tr(page.slug, "berghalls-kor", "kallio-choir")
    tr(page.meeting_places, "Berghälls bibliotek\nTorkelska skolan", "Kallio Library\nTorkkeli School")
    translated = translate(page, tr)
    sv = OrganisationPage.objects.get(pk=translated["sv"].pk)
    assert [f.slug for f in sv.fields_of_activity.all()] == ["culture-arts"]
    assert {lang.code for lang in sv.languages.all()} == {"fi", "sv"}
    assert sv.municipality.code == "091"
    html = client.get(sv.url).content.decode()
    assert "Berghälls kör" in html and "Helsingfors (Nyland)" in html and "Kultur och konst" in html
    # each meeting place translated on its own line (wagtail-localize used to run them together)
    assert sv.meeting_places == "Berghälls bibliotek\nTorkelska skolan"
    assert "Berghälls bibliotek<br>Torkelska skolan" in html


def test_filtered_columns_are_indexed(directory_reference):
    from django.db import connection

    from directory.models import OrganisationPage

    def indexed_columns(model):
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
        return {
            c["columns"][0] for c in constraints.values() if c["index"] or c["unique"] or c["primary_key"]
        }

    columns = indexed_columns(OrganisationPage)
    assert {"municipality_id", "looking_for_volunteers", "looking_for_partners", "register_number"} <= columns
    for relation in ("fields_of_activity", "target_groups", "languages"):
        through = getattr(OrganisationPage, relation).through
        assert "organisationpage_id" in indexed_columns(through)
    assert "region_id" in indexed_columns(Municipality)


def test_admin_can_edit_and_add_organisations(admin_client, directory_page):
    page = make_organisation(directory_page["fi"], title="Kallion kuoro", fields=["culture-arts"])
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert "register_number" in response.content.decode()
    add_url = f"/admin/pages/add/directory/organisationpage/{directory_page['fi'].pk}/"
    assert admin_client.get(add_url).status_code == 200


def test_organisation_page_lists_the_live_networks_that_name_it_as_a_member(
    client, directory_page, site_tree
):
    from directory.models import NetworkMember, NetworkPage

    page = make_organisation(directory_page["fi"], title="Kallion kuoro", fields=["culture-arts"])

    def network(title, slug, members):
        network = NetworkPage(title=title, slug=slug, summary="Verkosto.", purpose="<p>Yhteistyö.</p>")
        network.member_links = [NetworkMember(organisation=member) for member in members]
        site_tree["fi"].add_child(instance=network)
        network.save_revision().publish()
        return network

    culture = network("Kulttuuriverkosto", "kulttuuriverkosto", [page])
    network("Luontoverkosto", "luontoverkosto", [])
    html = client.get(page.url).content.decode()
    assert f'<a href="{culture.url}">Kulttuuriverkosto</a>' in html
    assert "Luontoverkosto" not in html

    culture.unpublish()
    assert "Kulttuuriverkosto" not in client.get(page.url).content.decode()
