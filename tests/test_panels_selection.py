"""Issue 7: quotas, feasibility, the draw with sortition-algorithms, reproducibility, replacements."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.utils import translation

from panels import draw_results, draw_runner, draws, problems, quota_rules
from panels import features as F
from panels.models import Application, Draw, PopulationFigure, PopulationProfile, Quota
from tests.fixtures_panels import add_applicants, make_panel

pytestmark = pytest.mark.django_db

AGE_SHARES = {"15-24": 10, "25-39": 30, "40-54": 25, "55-69": 20, "70+": 15}
AREA_SHARES = {"keskusta": 45, "pohjoinen": 35, "etela": 20}
GENDER_SHARES = {"female": 52, "male": 44, "other": 2, "undisclosed": 2}


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English; the same messages exist in fi and sv."""
    with translation.override("en"):
        yield


def run_draw(panel, captured, **kwargs):
    kwargs.setdefault("algorithm", Draw.Algorithm.MAXIMIN)
    with captured(execute=True):
        draw = draws.start_draw(panel, **kwargs)
    draw.refresh_from_db()
    return draw


def selected_people(draw):
    return set(draw.entries.filter(selected=True).values_list("person", flat=True))


def assert_quotas_met(draw):
    chosen = selected_people(draw)
    people = {p["id"]: p["features"] for p in draw.snapshot["people"]}
    for feature, values in draw.snapshot["quotas"].items():
        for value, (lo, hi) in values.items():
            count = sum(1 for person in chosen if people[person][feature] == value)
            assert lo <= count <= hi, f"{feature}={value}: {count} not in {lo}–{hi}"


@pytest.fixture
def population(panel_areas):
    profile = PopulationProfile.objects.create(name="Testikaupunki 2025", source="Tilastot")
    for feature, shares in ((F.AGE_GROUP, AGE_SHARES), (F.AREA, AREA_SHARES), (F.GENDER, GENDER_SHARES)):
        for value, residents in shares.items():
            if value != "undisclosed":
                PopulationFigure.objects.create(
                    profile=profile, feature=feature, value=value, residents=residents * 100
                )
    return profile


@pytest.mark.engine_independent  # the solver, not the database, is under test: CI runs it once
def test_500_applicants_30_members_maximin_meets_every_quota_and_reproduces(
    site_tree, population, django_capture_on_commit_callbacks
):
    """The acceptance case: age group × area × gender, 500 applicants, 30 members, maximin on HiGHS."""
    panel = make_panel(
        site_tree["fi"], site_tree["tr"], target_size=30, reserves=10, background_questions=[F.GENDER]
    )
    # The pool is skewed against the population (young and southern residents apply less).
    add_applicants(
        panel,
        500,
        seed=500,
        shares={
            F.AGE_GROUP: {"15-24": 4, "25-39": 30, "40-54": 30, "55-69": 22, "70+": 14},
            F.AREA: {"etela": 10, "keskusta": 55, "pohjoinen": 35},
            F.GENDER: GENDER_SHARES,
        },
    )
    quota_rules.save_quotas(panel, quota_rules.proportional_quotas(panel, population, slack=1))
    assert set(quota_rules.quotas_for(panel)) == {F.AGE_GROUP, F.AREA, F.GENDER}
    assert draws.check_feasibility(panel).feasible

    draw = run_draw(panel, django_capture_on_commit_callbacks, seed=20260101)

    assert draw.status == Draw.Status.SUCCEEDED, draw.failure_messages()
    assert (draw.algorithm, draw.solver_backend, draw.seed) == ("maximin", "highspy", 20260101)
    assert draw.library_version == draw_runner.library_version()
    assert len(selected_people(draw)) == 30
    assert_quotas_met(draw)
    probabilities = list(draw.entries.values_list("probability", flat=True))
    assert len(probabilities) == 500 and all(p > 0 for p in probabilities)
    assert sum(probabilities) == pytest.approx(30, abs=1e-3)
    assert draw.minimum_probability == pytest.approx(min(probabilities))
    reserves = list(draw.entries.exclude(reserve_rank=None).order_by("reserve_rank"))
    assert [e.reserve_rank for e in reserves] == list(range(1, 11))
    assert not any(e.selected for e in reserves)
    # The snapshot is pseudonymous.
    dumped = json.dumps(draw.snapshot)
    assert "example.invalid" not in dumped and "Hakija" not in dumped
    assert draw.snapshot_digest == Draw.digest(draw.snapshot)

    # The same inputs and seed give the same panel and the same reserve order.
    call_command("panels_verify_draw", draw.pk)


@pytest.mark.engine_independent  # the solver, not the database, is under test: CI runs it once
def test_same_seed_gives_same_panel_and_another_seed_another(site_tree, django_capture_on_commit_callbacks):
    panel = make_panel(
        site_tree["fi"], site_tree["tr"], target_size=8, reserves=3, background_questions=[F.GENDER]
    )
    add_applicants(panel, 60, seed=3, features=[F.AGE_GROUP, F.GENDER])
    quota_rules.save_quotas(
        panel, {F.GENDER: {"female": (3, 5), "male": (3, 5), "other": (0, 1), "undisclosed": (0, 1)}}
    )
    first = run_draw(panel, django_capture_on_commit_callbacks, seed=42)
    again = run_draw(panel, django_capture_on_commit_callbacks, seed=42)
    other = run_draw(panel, django_capture_on_commit_callbacks, seed=43)
    assert first.status == again.status == other.status == Draw.Status.SUCCEEDED
    assert selected_people(first) == selected_people(again)
    assert first.snapshot_digest != other.snapshot_digest
    assert selected_people(first) != selected_people(other)
    assert_quotas_met(first)


@pytest.mark.engine_independent  # the solver, not the database, is under test: CI runs it once
def test_a_draw_solves_each_problem_once_and_selects_as_a_stored_format_1_draw_did(monkeypatch):
    """sortition-algorithms' HiGHS adapter solved every integer program twice (setting the
    objective with highspy's maximize() solves, then optimize() solves again). A format 2
    snapshot (every new draw) solves once and gives the same panel, reserves and probabilities;
    a format 1 snapshot, stored before, still runs exactly as it was drawn."""
    import highspy

    from panels import bench

    snapshot = bench.snapshot("highspy", applicants=60, size=8, seed=7)
    assert snapshot["format"] == draw_runner.SNAPSHOT_FORMAT == 2
    solved_on_setting_the_objective = []
    solve = highspy.Highs.solve
    monkeypatch.setattr(
        highspy.Highs, "solve", lambda self: solved_on_setting_the_objective.append(1) or solve(self)
    )
    as_stored = draw_runner.solve({**snapshot, "format": 1})
    assert len(solved_on_setting_the_objective) > 60  # one a round, each solved again by optimize()
    solved_on_setting_the_objective.clear()
    as_new = draw_runner.solve(snapshot)
    assert solved_on_setting_the_objective == []
    assert len(as_new["selected"]) == 8 and len(as_new["reserves"]) == 10
    assert as_new == as_stored


def test_quotas_needing_more_applicants_than_exist_name_feature_and_value(
    site_tree, django_capture_on_commit_callbacks
):
    panel = make_panel(
        site_tree["fi"], site_tree["tr"], target_size=6, background_questions=[F.MOTHER_TONGUE]
    )
    add_applicants(
        panel, 20, features=[F.MOTHER_TONGUE], shares={F.MOTHER_TONGUE: {"fi": 1, "sv": 0, "other": 1}}
    )
    quota_rules.save_quotas(panel, {F.MOTHER_TONGUE: {"fi": (0, 6), "sv": (2, 3), "other": (0, 6)}})

    check = draws.check_feasibility(panel)
    assert not check.feasible
    assert check.messages == [
        "Mother tongue “Swedish”: the minimum is 2 but only 0 applicants have this value."
    ]
    draw = run_draw(panel, django_capture_on_commit_callbacks)
    assert draw.status == Draw.Status.FAILED
    assert draw.failure_messages() == check.messages
    assert not draw.entries.exists()


@pytest.mark.engine_independent  # the solver, not the database, is under test: CI runs it once
def test_jointly_infeasible_quotas_are_explained_not_crashed(site_tree, django_capture_on_commit_callbacks):
    """Each quota can be met alone, not together: the library's suggested relaxation names the value."""
    panel = make_panel(site_tree["fi"], site_tree["tr"], target_size=4, background_questions=[F.GENDER])
    # All the young applicants are men.
    for i, (age, gender) in enumerate(
        [("15-24", "male")] * 3 + [("40-54", "female")] * 6 + [("40-54", "male")] * 3
    ):
        Application.objects.create(
            panel=panel,
            name=f"H {i}",
            email=f"h{i}@example.invalid",
            age_group=age,
            area="keskusta",
            gender=gender,
        )
    quota_rules.save_quotas(
        panel,
        {
            F.AGE_GROUP: {"15-24": (2, 4), "25-39": (0, 4), "40-54": (0, 4), "55-69": (0, 4), "70+": (0, 4)},
            F.GENDER: {"female": (3, 4), "male": (0, 4), "other": (0, 4), "undisclosed": (0, 4)},
        },
    )
    check = draws.check_feasibility(panel)
    assert not check.feasible
    assert any(("Age group" in m or "Gender" in m) and ("Lower the minimum" in m) for m in check.messages), (
        check.messages
    )
    draw = run_draw(panel, django_capture_on_commit_callbacks)
    assert draw.status == Draw.Status.FAILED
    assert any("Lower the minimum" in m for m in draw.failure_messages())


def test_quota_totals_that_cannot_add_up_to_the_panel_are_refused(site_tree, panel_areas):
    panel = make_panel(site_tree["fi"], site_tree["tr"], target_size=6, background_questions=[])
    add_applicants(panel, 30, features=[F.AGE_GROUP, F.AREA])
    quota_rules.save_quotas(panel, {F.AREA: {"keskusta": (1, 2), "pohjoinen": (1, 2), "etela": (0, 1)}})
    check = draws.check_feasibility(panel)
    assert check.messages == [
        "Home area: the maximums add up to 5, fewer than the 6 members to select. Raise some maximums."
    ]


def test_missing_solver_is_reported_clearly(site_tree, panel_areas, monkeypatch):
    panel = make_panel(site_tree["fi"], site_tree["tr"], target_size=3)
    add_applicants(panel, 10)
    monkeypatch.setitem(draw_runner.SOLVER_MODULES, "highspy", "highspy_is_not_installed")
    check = draws.check_feasibility(panel)
    assert not check.feasible
    assert "is not installed" in check.messages[0] and "highspy" in check.messages[0]


@pytest.mark.engine_independent  # the solver, not the database, is under test: CI runs it once
def test_legacy_gives_no_probabilities_and_nash_does(site_tree, django_capture_on_commit_callbacks):
    panel = make_panel(
        site_tree["fi"], site_tree["tr"], target_size=5, reserves=2, background_questions=[F.GENDER]
    )
    add_applicants(panel, 30, seed=9, features=[F.AGE_GROUP, F.GENDER])
    quota_rules.save_quotas(
        panel, {F.GENDER: {"female": (2, 3), "male": (2, 3), "other": (0, 1), "undisclosed": (0, 1)}}
    )
    legacy = run_draw(panel, django_capture_on_commit_callbacks, algorithm=Draw.Algorithm.LEGACY, seed=5)
    assert legacy.status == Draw.Status.SUCCEEDED
    assert legacy.minimum_probability is None
    assert set(legacy.entries.values_list("probability", flat=True)) == {None}
    assert_quotas_met(legacy)
    nash = run_draw(panel, django_capture_on_commit_callbacks, algorithm=Draw.Algorithm.NASH, seed=5)
    assert nash.status == Draw.Status.SUCCEEDED
    assert nash.minimum_probability > 0
    assert_quotas_met(nash)


def test_leximin_is_offered_only_with_gurobi(monkeypatch):
    monkeypatch.setattr(draw_runner, "gurobi_available", lambda: False)
    assert "leximin" not in dict(draws.available_algorithms())
    monkeypatch.setattr(draw_runner, "gurobi_available", lambda: True)
    assert "leximin" in dict(draws.available_algorithms())


@pytest.mark.engine_independent  # the solver, not the database, is under test: CI runs it once
def test_one_per_household(site_tree, django_capture_on_commit_callbacks):
    panel = make_panel(site_tree["fi"], site_tree["tr"], target_size=5, reserves=5, one_per_household=True)
    for i in range(16):
        # Eight two-person households.
        Application.objects.create(
            panel=panel,
            name=f"H {i}",
            email=f"h{i}@example.invalid",
            age_group="40-54",
            area="keskusta",
            household=Application.household_key(f"Kuja {i // 2}", "00100"),
        )
    draw = run_draw(panel, django_capture_on_commit_callbacks, seed=11)
    assert draw.status == Draw.Status.SUCCEEDED
    households = {p["id"]: p["household"] for p in draw.snapshot["people"]}
    assert len({households[p] for p in selected_people(draw)}) == 5
    reserve_households = {households[e.person] for e in draw.entries.exclude(reserve_rank=None)}
    assert not reserve_households & {households[p] for p in selected_people(draw)}
    assert all(h.startswith("H") and len(h) < 5 for h in households.values()), (
        "no address digests in the snapshot"
    )


def adopted_panel(site_tree, captured):
    panel = make_panel(
        site_tree["fi"], site_tree["tr"], target_size=4, reserves=4, background_questions=[F.GENDER]
    )
    add_applicants(
        panel,
        16,
        seed=21,
        features=[F.AGE_GROUP, F.GENDER],
        shares={F.GENDER: {"female": 1, "male": 1, "other": 0, "undisclosed": 0}},
    )
    quota_rules.save_quotas(
        panel, {F.GENDER: {"female": (2, 2), "male": (2, 2), "other": (0, 0), "undisclosed": (0, 0)}}
    )
    draw = run_draw(panel, captured, seed=7)
    draw_results.adopt(draw)
    return panel, draw


def test_result_emails_go_once_to_everyone_in_their_language(site_tree, django_capture_on_commit_callbacks):
    panel, draw = adopted_panel(site_tree, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert draw_results.queue_result_emails(panel) == 16
    assert len(mail.outbox) == 16
    by_address = {m.to[0]: m for m in mail.outbox}
    for application in Application.objects.filter(panel=panel):
        message = by_address[application.email]
        assert message.extra_headers["Content-Language"] == application.language
    selected = Application.objects.filter(panel=panel, outcome="selected", language="en").first()
    if selected:
        assert "You have been selected" in by_address[selected.email].subject
    reserve = Application.objects.filter(panel=panel, outcome="reserve").order_by("reserve_rank").first()
    assert str(reserve.reserve_rank) in by_address[reserve.email].body
    with django_capture_on_commit_callbacks(execute=True):
        assert draw_results.queue_result_emails(panel) == 0


def test_result_emails_reply_to_the_responsible_unit(site_tree, django_capture_on_commit_callbacks):
    """Regression (issue 13): "reply to this message" came from a no-reply address without a
    Reply-To. Replies now go to the responsible unit, else to the site's contact e-mail."""
    from home.models import SiteSettings
    from panels.emails import outcome_email
    from panels.models import ResidentPanelPage

    panel, draw = adopted_panel(site_tree, django_capture_on_commit_callbacks)
    ResidentPanelPage.objects.filter(pk=panel.pk).update(responsible_unit_email="osallisuus@jarvela.example")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert draw_results.queue_result_emails(panel) == 16
    assert {tuple(m.reply_to) for m in mail.outbox} == {("osallisuus@jarvela.example",)}
    selected = Application.objects.filter(panel=panel, outcome="selected").first()
    [message] = [m for m in mail.outbox if m.to == [selected.email]]
    reply = {
        "fi": "vastaa tähän viestiin",
        "sv": "svara på det här meddelandet",
        "en": "reply to this message",
    }
    assert reply[selected.language] in message.body

    ResidentPanelPage.objects.filter(pk=panel.pk).update(responsible_unit_email="")
    site_settings = SiteSettings.for_site(panel.get_site())
    site_settings.email = "kirjaamo@jarvela.example"
    site_settings.save()
    assert outcome_email(selected.pk).reply_to == ["kirjaamo@jarvela.example"]


def test_replacement_takes_the_next_reserve_that_keeps_the_quotas(
    site_tree, django_capture_on_commit_callbacks
):
    panel, draw = adopted_panel(site_tree, django_capture_on_commit_callbacks)
    leaving = Application.objects.filter(panel=panel, outcome="selected", gender="female").first()
    reserves = list(Application.objects.filter(panel=panel, outcome="reserve").order_by("reserve_rank"))
    expected = next(r for r in reserves if r.gender == "female")
    result = draw_results.replace_member(leaving)
    assert result.quotas_kept
    assert result.reserve == expected
    leaving.refresh_from_db()
    assert leaving.outcome == "dropped_out" and leaving.replaced_by == expected
    members = Application.objects.filter(panel=panel, outcome="selected")
    assert members.count() == 4 and members.filter(gender="female").count() == 2


def test_replacement_reports_broken_quotas_when_no_reserve_fits(
    site_tree, django_capture_on_commit_callbacks
):
    panel, draw = adopted_panel(site_tree, django_capture_on_commit_callbacks)
    Application.objects.filter(panel=panel, outcome="reserve", gender="female").update(outcome="not_selected")
    leaving = Application.objects.filter(panel=panel, outcome="selected", gender="female").first()
    result = draw_results.replace_member(leaving)
    assert result.reserve is not None and not result.quotas_kept
    assert ("gender", "female", 1, 2, 2) in result.broken


def test_proportional_quotas_follow_population_shares(site_tree, population):
    panel = make_panel(
        site_tree["fi"], site_tree["tr"], target_size=20, background_questions=[F.GENDER, F.HOUSING]
    )
    quotas = quota_rules.proportional_quotas(panel, population, slack=1)
    assert quotas[F.AREA] == {"etela": (3, 5), "keskusta": (8, 10), "pohjoinen": (6, 8)}
    assert quotas[F.GENDER]["undisclosed"] == (0, 20), "no population figure, no limit"
    assert F.HOUSING not in quotas, "no figures for housing: left to the editor"


@pytest.mark.engine_independent  # the solver, not the database, is under test: CI runs it once
def test_verify_command_detects_a_tampered_result(site_tree, django_capture_on_commit_callbacks):
    panel, draw = adopted_panel(site_tree, django_capture_on_commit_callbacks)
    call_command("panels_verify_draw", draw.pk)
    entry = (
        draw.entries.filter(selected=False, reserve_rank=None).first()
        or draw.entries.exclude(reserve_rank=None).last()
    )
    selected = draw.entries.filter(selected=True).first()
    selected.selected, entry.selected = False, True
    selected.save()
    entry.save()
    with pytest.raises(CommandError, match="does NOT reproduce"):
        call_command("panels_verify_draw", draw.pk)


def test_a_crashing_solver_process_fails_the_draw_with_its_log():
    kind, payload, log = draws.run_snapshot({"algorithm": "maximin", "solver_backend": "highspy"})
    assert (kind, payload["code"]) == ("failure", "crash")
    assert "KeyError" in log
    assert problems.describe_failure(payload) == [
        "The draw stopped unexpectedly. The technical log has the details."
    ]


def test_unexpected_errors_never_leave_a_draw_running(
    site_tree, monkeypatch, django_capture_on_commit_callbacks
):
    panel = make_panel(site_tree["fi"], site_tree["tr"], target_size=2, background_questions=[])
    Application.objects.create(panel=panel, name="A", email="a@example.invalid", age_group="40-54", area="x")

    def explode(draw):
        raise RuntimeError("database went away")

    monkeypatch.setattr(draws, "execute_draw", explode)
    draw = run_draw(panel, django_capture_on_commit_callbacks)
    assert draw.status == Draw.Status.FAILED
    assert not Draw.objects.active().exists()


def test_an_abandoned_draw_does_not_block_a_new_one(site_tree, settings):
    from datetime import timedelta

    from django.utils import timezone

    panel = make_panel(site_tree["fi"], site_tree["tr"], target_size=2, background_questions=[])
    draw = Draw.objects.create(
        panel=panel,
        algorithm="maximin",
        solver_backend="highspy",
        library_version="x",
        seed=1,
        number_wanted=2,
        reserves_wanted=0,
        snapshot={},
        snapshot_digest="x",
        status=Draw.Status.RUNNING,
    )
    assert Draw.objects.active().filter(panel=panel).exists()
    Draw.objects.filter(pk=draw.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.PANELS_DRAW_TIMEOUT + 601)
    )
    assert not Draw.objects.active().filter(panel=panel).exists()


def test_a_quota_minimum_above_its_maximum_is_refused_in_words_and_by_the_database(site_tree):
    panel = make_panel(site_tree["fi"], site_tree["tr"], target_size=6, background_questions=[])
    quota = Quota(panel=panel, feature=F.AGE_GROUP, value="15-24", minimum=5, maximum=2)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        quota.full_clean()
    assert error.value.message_dict == {
        "maximum": ["Age group “15–24 years”: the minimum (5) is above the maximum (2)."]
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        quota.save()
    Quota(panel=panel, feature=F.AGE_GROUP, value="15-24", minimum=2, maximum=2).full_clean()
    assert not Quota.objects.filter(panel=panel).exists()


def test_a_draw_process_starts_without_the_librarys_spreadsheet_adapters():
    """Every draw and every verification is a new process, so what it imports is paid each time."""
    people = [{"id": f"P{n}", "features": {F.GENDER: ("female", "male")[n % 2]}} for n in range(6)]
    snapshot = {
        "format": draw_runner.SNAPSHOT_FORMAT,
        "algorithm": "maximin",
        "solver_backend": "highspy",
        "seed": 1,
        "number_wanted": 2,
        "reserves_wanted": 1,
        "quotas": {F.GENDER: {"female": [1, 1], "male": [1, 1]}},
        "people": people,
    }
    done = subprocess.run(  # noqa: S603 - our own module, as panels.draws runs it
        [sys.executable, "-X", "importtime", "-m", "panels.draw_runner"],
        input=json.dumps(snapshot),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        env={**os.environ, "PYTHONHASHSEED": "0"},
        check=True,
    )
    assert len(json.loads(done.stdout.splitlines()[-1])["result"]["selected"]) == 2
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line}
    assert "sortition_algorithms.committee_generation.maximin" in imported
    assert not imported & {"gspread", "oauth2client", "google.auth", "sortition_algorithms.adapters"}
