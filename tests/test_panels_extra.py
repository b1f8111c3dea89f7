"""Issue 7: the draw through the real task queue, listing query counts, the catalogue, the demo."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from home.management.commands.kuulu_messages import problems
from panels import draw_results, draws
from panels.models import Draw, ResidentPanelPage
from tests.fixtures_panels import add_applicants

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_draw_waits_in_the_queue_until_the_worker_runs_it(panel_page):
    page = panel_page["fi"]
    add_applicants(page, 15, seed=2)
    with override_settings(TASKS=DB_TASKS):
        draw = draws.start_draw(page, algorithm="maximin", seed=77)
        draw.refresh_from_db()
        assert draw.status == Draw.Status.QUEUED, "the request only queues the draw"
        call_command("db_worker", "--batch", "--no-startup-delay")
    draw.refresh_from_db()
    assert draw.status == Draw.Status.SUCCEEDED
    assert draw.entries.filter(selected=True).count() == page.target_size


@pytest.mark.django_db
@pytest.mark.parametrize("size", [8, 40])
def test_member_list_and_panel_index_queries_do_not_grow(
    admin_client, panel_page, size, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    page = panel_page["fi"]
    page.target_size, page.reserves = size // 2, size // 4
    page.save_revision().publish()
    page = ResidentPanelPage.objects.get(pk=page.pk)
    add_applicants(page, size, seed=size)
    with django_capture_on_commit_callbacks(execute=True):
        draw = draws.start_draw(page, algorithm="maximin", seed=3)
    draw.refresh_from_db()
    draw_results.adopt(draw)
    with django_assert_max_num_queries(25):
        response = admin_client.get(reverse("panels_admin:members", args=[page.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(25):
        assert admin_client.get(reverse("panels_admin:index")).status_code == 200
    with django_assert_max_num_queries(30):
        assert admin_client.get(page.transparency_url()).status_code == 200


def test_panels_catalogue_is_complete_and_compiled(settings):
    from pathlib import Path

    catalogues = sorted(Path(settings.BASE_DIR, "panels", "locale").glob("*/LC_MESSAGES/django.po"))
    assert len(catalogues) == 3
    for po in catalogues:
        assert problems(po) == []
