"""Issue 6: the demo's coordinators, network, practice models and articles, in three languages."""

import pytest
from django.core.management import call_command

from directory.models import AreaCoordinatorPage, ArticlePage, NetworkPage, Person, PracticeModelPage

pytestmark = pytest.mark.django_db


def test_demo_content_loads_once_in_three_languages(demo, client):
    coordinators = Person.objects.filter(kind=Person.Kind.AREA_COORDINATOR, locale__language_code="fi")
    assert coordinators.count() == 2
    for model, count in (
        (NetworkPage, 1),
        (PracticeModelPage, 2),
        (ArticlePage, 2),
        (AreaCoordinatorPage, 1),
    ):
        for code in ("fi", "sv", "en"):
            assert model.objects.live().filter(locale__language_code=code).count() == count, (model, code)

    finder = AreaCoordinatorPage.objects.get(locale__language_code="sv")
    html = client.get(finder.url, {"postcode": "99130"}).content.decode()  # Björkby, in the north
    assert "Tuula Mäkelä" in html and "Invånarkoordinator, frivillig" in html
    html = client.get(finder.url, {"postcode": "99140"}).content.decode()  # Tallbacka: no one of its own
    assert "Jussi Koskinen" in html

    network = NetworkPage.objects.get(locale__language_code="en")
    html = client.get(network.url).content.decode()
    assert "Spring association meet-up" in html or "Autumn association meet-up" in html
    assert "Advocacy" in html
    picnic = PracticeModelPage.objects.get(locale__language_code="en", slug="association-picnic")
    assert picnic.get_stage_display() == "In development"
    assert (
        client.get(picnic.get_parent().url, {"stage": "ready"})
        .content.decode()
        .count('<li class="card card--media')
        == 1
    )
    news = client.get("/en/").content.decode()
    assert "Two new area coordinators have started" in news  # the home page's news section

    call_command("load_demo", verbosity=0)
    assert ArticlePage.objects.count() == 6
    assert Person.objects.filter(kind=Person.Kind.AREA_COORDINATOR).count() == 6
