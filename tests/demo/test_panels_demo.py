"""Issue 7 demo: a finished panel with a completed draw and an open one, in three languages."""

import pytest
from django.core.management import call_command

from panels.models import Application, Draw, ResidentPanelPage


@pytest.mark.django_db
def test_demo_loads_once_with_a_finished_and_an_open_panel(demo, client):
    call_command("load_demo", verbosity=0)  # idempotent
    assert ResidentPanelPage.objects.filter(locale__language_code="fi").count() == 2
    finished = ResidentPanelPage.objects.get(slug="kestavan-kehityksen-asukaspaneeli")
    open_panel = ResidentPanelPage.objects.get(slug="youth-leisure-panel")
    assert open_panel.shows_participation_symbol
    draw = finished.published_draw()
    assert draw.status == Draw.Status.SUCCEEDED and draw.statistics["applicants"] == 300
    assert Application.objects.filter(panel=finished, outcome="selected").count() == 24
    for page in finished.get_translations(inclusive=True):
        page = page.specific
        response = client.get(page.transparency_url(), HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, page.url
    # Replies to the result e-mails go to the responsible unit (issue 13).
    from panels.emails import reply_address

    assert reply_address(finished) == "kestava.kehitys@jarvela.example"
    assert not Application.objects.exclude(email="").exclude(email__endswith="@example.invalid").exists()
