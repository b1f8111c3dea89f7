"""Issue 7: the panel page and the public application form."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from panels.models import Application, ResidentPanelPage
from taxonomy.models import Area

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "name": "Testi Hakija",
        "email": "Testi.Hakija@Example.invalid",
        "phone": "",
        "birth_year": "1984",
        "home_area": "",
        "postcode": "",
        "gender": "female",
        "mother_tongue": "sv",
        "motivation": "Haluan vaikuttaa.",
        "consent_privacy": "on",
        "consent_contact": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_panel_page_shows_term_and_participation_symbol_while_open(client, panel_page, language):
    page = panel_page[language]
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert page.title in html
    assert 'class="participation-symbol' in html
    assert page.apply_url() in html
    assert page.shows_participation_symbol


def test_symbol_and_form_disappear_when_applications_close(client, panel_page):
    page = panel_page["fi"]
    page.applications_close = timezone.now() - timedelta(minutes=1)
    page.applications_open = timezone.now() - timedelta(days=3)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.shows_participation_symbol
    html = client.get(page.url).content.decode()
    assert 'class="participation-symbol' not in html
    response = client.get(page.apply_url())
    assert "<form" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]


def test_application_is_saved_with_features_and_confirmed_by_email_in_applicants_language(
    client, panel_page, panel_areas, django_capture_on_commit_callbacks
):
    page = panel_page["sv"]
    torget = Area.objects.get(slug="tori", locale__language_code="sv")
    assert "Torget" in client.get(page.apply_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.apply_url(), form_data(home_area=str(torget.pk)))
    assert response.status_code == 302
    assert response["Location"].endswith("apply/thanks/")
    application = Application.objects.get()
    assert application.panel == panel_page["fi"], "every language version fills the same pool"
    assert application.email == "testi.hakija@example.invalid"
    assert application.area == "keskusta", "a district counts for its major area"
    assert application.language == "sv"
    # Aged 40 or 41 during the term's first year.
    assert application.age_group == "40-54"
    assert (application.gender, application.mother_tongue) == ("female", "sv")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["testi.hakija@example.invalid"]
    assert message.extra_headers["Content-Language"] == "sv"
    assert "Klimatpanelen" in message.subject
    assert "Vi har tagit emot din ansökan" in message.subject


def test_postcode_maps_to_major_area(client, panel_page):
    response = client.post(panel_page["fi"].apply_url(), form_data(postcode="00130"))
    assert response.status_code == 302
    assert Application.objects.get().area == "pohjoinen"


def test_errors_are_summarised_translated_and_input_is_kept(client, panel_page):
    response = client.post(
        panel_page["fi"].apply_url(),
        form_data(name="Maija Meikäläinen", postcode="12345", birth_year="19x4", consent_contact=""),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in html
    assert 'href="#id_postcode"' in html and 'href="#id_birth_year"' in html
    assert "Postinumeroa ei löydy" in html
    assert 'value="Maija Meikäläinen"' in html
    assert "Haluan vaikuttaa." in html
    assert Application.objects.count() == 0


def test_one_application_per_email_per_panel_and_the_answer_does_not_tell(
    client, panel_page, django_capture_on_commit_callbacks
):
    """Regression (issue 13): the form said "already been received" to anyone who typed an address
    that had applied, telling a stranger who is on the panel's list. Now the page answers exactly
    as for a new application, and only the address itself hears that it applied already."""
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(panel_page["fi"].apply_url(), form_data(postcode="00100"))
    assert first.status_code == 302
    thanks = client.get(first["Location"]).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(
            panel_page["fi"].apply_url(),
            form_data(postcode="00100", name="Joku Muu", email="testi.hakija@example.INVALID"),
        )
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert client.get(again["Location"]).content.decode() == thanks
    assert Application.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["testi.hakija@example.invalid"]
    assert message.subject == f"Olet jo hakenut: {panel_page['fi'].title}"
    assert "Aiempi hakemuksesi on voimassa" in message.body
    assert "Testi Hakija" in message.body and "Joku Muu" not in message.body


def test_too_young_applicant_gets_clear_error(client, panel_page):
    year = panel_page["fi"].term_start.year - 14
    response = client.post(panel_page["en"].apply_url(), form_data(birth_year=str(year)))
    assert response.status_code == 400
    assert "at least 15 years old" in response.content.decode()


def test_area_or_postcode_is_required(client, panel_page):
    response = client.post(panel_page["en"].apply_url(), form_data())
    assert response.status_code == 400
    assert "Choose your home area or give your postcode." in response.content.decode()


def test_household_address_is_asked_only_when_the_panel_limits_households(client, panel_page):
    assert "street_address" not in client.get(panel_page["fi"].apply_url()).content.decode()
    page = panel_page["fi"]
    page.one_per_household = True
    page.save_revision().publish()
    assert 'name="street_address"' in client.get(page.apply_url()).content.decode()
    response = client.post(page.apply_url(), form_data(postcode="00100", street_address="Kuja 1 A"))
    assert response.status_code == 302
    assert len(Application.objects.get().household) == 64


def test_honeypot_rejects_bots(client, panel_page):
    response = client.post(
        panel_page["fi"].apply_url(), form_data(postcode="00100", website_url="http://spam")
    )
    assert response.status_code == 400
    assert Application.objects.count() == 0


def test_upcoming_panel_tells_when_applications_open(client, panel_page):
    page = panel_page["en"]
    ResidentPanelPage.objects.filter(pk=page.pk).update(status=ResidentPanelPage.Status.UPCOMING)
    html = client.get(page.url).content.decode()
    assert "Applications open on" in html
