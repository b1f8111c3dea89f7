"""The demo's code-made parts: what is not content but activity (sign-ups, answers, a draw).

Each generator takes the loader and its entry from a part file (`{generate: name, …}`); the
people and answers are synthetic, drawn with the loader's seeded random generator, and every
e-mail address is at example.invalid.
"""

import random
import threading
from datetime import timedelta

from django.db.models import F as DbF
from django.utils import timezone
from wagtail.models import Page, Site


def site_root(loader, entry):
    """Make the home page the root of the default site and drop Wagtail's welcome page."""
    home = loader.lookup(Page, entry["home"])
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=entry["hostname"],
            port=entry["port"],
            root_page=home,
            is_default_site=True,
            site_name=entry["site_name"],
        )
        return
    old_root = site.root_page
    site.root_page, site.site_name = home, entry["site_name"]
    site.save()
    if old_root.specific_class is Page and old_root.depth == 2 and old_root.id != home.id:
        old_root.delete()


def sign_ups(loader, entry):
    """Open sign-ups on the listed events (settings and extra questions) and sign people up."""
    from registrations import services
    from registrations.forms import option_key

    first, last = entry["names"]["first"], entry["names"]["last"]
    rng = loader.rng
    for spec in entry["events"]:
        event = loader.lookup(Page, spec["event"])
        loader.update(event, spec["settings"])
        answers = spec.get("answers", {})
        for i in range(spec["people"]):
            name = (rng.choice(first), rng.choice(last))
            services.sign_up(
                event,
                name=" ".join(name),
                email=f"{name[0]}.{name[1]}.{event.pk}.{i}@example.invalid".lower(),
                group_size=1 if i % 4 else min(2, event.max_group_size),
                language=rng.choice(["fi", "fi", "fi", "sv", "en"]),
                # stored by the option's key, as the sign-up form does
                answers={question: option_key(rng.choice(choices)) for question, choices in answers.items()},
                follow_up_opt_in=rng.random() < 0.5,
                notify=False,  # invented people get no e-mail
            )


def poll_answers(loader, entry):
    """`count` synthetic responses to a poll over the last `days` days."""
    from feedback.models import PollAnswer, PollResponse

    rng, poll = loader.rng, loader.lookup(None, entry["poll"])
    for _ in range(entry["count"]):
        response = PollResponse.objects.create(
            poll=poll,
            language=rng.choice(["fi", "fi", "fi", "sv", "en"]),
            submitted_on=loader.today - timedelta(days=rng.randrange(entry["days"])),
        )
        rows = []
        for block_id, question in poll.question_list():
            kind = question["kind"]
            if kind == "single":
                rows.append(PollAnswer(question_id=block_id, choice=rng.randrange(len(question["options"]))))
            elif kind == "multiple":
                chosen = rng.sample(range(len(question["options"])), rng.randint(1, 2))
                rows += [PollAnswer(question_id=block_id, choice=c) for c in chosen]
            elif kind == "scale":
                rows.append(PollAnswer(question_id=block_id, choice=rng.choice([2, 3, 3, 4, 4, 5])))
            elif rng.random() < 0.3:
                rows.append(PollAnswer(question_id=block_id, text=rng.choice(entry["texts"])))
        for row in rows:
            row.response = response
        PollAnswer.objects.bulk_create(rows)


def event_feedback(loader, entry):
    """Feedback answers on every past, held demo event."""
    from feedback.models import EventFeedback
    from participation_pages.models import EventPage

    rng = loader.rng
    past = [
        e
        for e in loader.created
        if isinstance(e, EventPage) and e.end < loader.now and e.status == EventPage.Status.SCHEDULED
    ]
    rows = []
    for event in past:
        for _ in range(rng.randint(8, 22)):
            rows.append(
                EventFeedback(
                    event=event,
                    rating=rng.choice([3, 4, 4, 4, 5, 5, 2]),
                    good=rng.choice(entry["good"]) if rng.random() < 0.5 else "",
                    develop=rng.choice(entry["develop"]) if rng.random() < 0.4 else "",
                    language="fi",
                    submitted_on=min(
                        timezone.localdate(event.end) + timedelta(days=rng.randrange(5)), loader.today
                    ),
                )
            )
    EventFeedback.objects.bulk_create(rows)


def panel_draw(loader, entry):
    """Applicants for a finished panel and its real draw (sortition-algorithms, fixed seed).

    The solver runs in its own process while the loader goes on; the result is stored, adopted
    and one selected member replaced when the loader finishes.
    """
    from panels import draw_results, draws, quota_rules
    from panels.models import Application, Draw

    panel = loader.lookup(Page, entry["panel"])
    add_applicants(panel, entry, random.Random(entry["seed"]))  # noqa: S311 - synthetic people
    quotas = quota_rules.proportional_quotas(panel, loader.lookup(None, entry["profile"]), slack=1)
    for feature in entry.get("without_quotas", []):
        quotas.pop(feature, None)
    quota_rules.save_quotas(panel, quotas)
    snapshot = draws.build_snapshot(panel, algorithm=Draw.Algorithm.MAXIMIN, seed=entry["seed"])
    draw = Draw.objects.create(
        panel=panel,
        algorithm=Draw.Algorithm.MAXIMIN,
        solver_backend=snapshot["solver_backend"],
        library_version=snapshot["library_version"],
        seed=entry["seed"],
        number_wanted=panel.target_size,
        reserves_wanted=panel.reserves,
        snapshot=snapshot,
        snapshot_digest=Draw.digest(snapshot),
    )
    outcome = {}
    solver = threading.Thread(target=lambda: outcome.update(run=draws.run_snapshot(snapshot)))
    solver.start()

    def finish():
        solver.join()
        draws.execute_draw(draw, outcome=outcome["run"])
        draw.refresh_from_db()
        if draw.status != Draw.Status.SUCCEEDED:
            raise RuntimeError("The demo draw failed: " + "; ".join(draw.failure_messages()))
        # Dated as it would have happened: two days after applications closed.
        draw.created_at = draw.started_at = panel.applications_close + timedelta(days=2)
        draw.finished_at = draw.started_at + timedelta(minutes=1)
        draw.save(update_fields=["created_at", "started_at", "finished_at"])
        draw_results.adopt(draw)
        # The results went out by e-mail at the time; one member later moved away and was replaced.
        applications = Application.objects.filter(panel=panel)
        applications.update(notified_outcome=DbF("outcome"))
        draw_results.replace_member(
            applications.filter(outcome=Application.Outcome.SELECTED).order_by("id").first()
        )
        applications.update(notified_outcome=DbF("outcome"))

    loader.finishers.append(finish)


def add_applicants(panel, entry, rng):
    """`entry["applicants"]` applications whose features follow `entry["shares"]`."""
    from panels.models import Application

    shares, first, last = entry["shares"], entry["names"]["first"], entry["names"]["last"]
    rows = []
    for i in range(entry["applicants"]):
        chosen = {f: rng.choices(list(v), weights=list(v.values()))[0] for f, v in shares.items()}
        low, high = entry["birth_years"][chosen["age_group"]]
        name = (rng.choice(first), rng.choice(last))
        address = f"{name[0]}.{name[1]}.{i}".lower().replace("ä", "a").replace("ö", "o")
        rows.append(
            Application(
                panel=panel,
                created_at=panel.applications_open + timedelta(minutes=97 * i),
                language={"sv": "sv", "other": "en"}.get(chosen["mother_tongue"], "fi"),
                name=" ".join(name),
                email=f"{address}@example.invalid",
                phone=f"040 555 {i:04d}" if i % 3 else "",
                birth_year=rng.randint(low, high),
                consent_contact=True,
                main_activity=rng.choice(
                    entry["main_activities"].get(chosen["age_group"], entry["main_activities"]["default"])
                ),
                **chosen,
            )
        )
    Application.objects.bulk_create(rows)


def newsletter_subscribers(loader, entry):
    """Confirmed newsletter subscriptions (invented addresses), the last digest a week ago so the
    periodic job has something to send; they get no e-mail while the demo loads."""
    from newsletters.models import Subscription

    week_ago = loader.now - timedelta(days=7)
    Subscription.objects.bulk_create(
        Subscription(
            consent_source="home",
            consent_language=spec["language"],
            created_at=week_ago,
            confirmation_sent_at=week_ago,
            confirmed_at=week_ago,
            **spec,
        )
        for spec in entry["subscribers"]
    )


GENERATORS = {
    "site_root": site_root,
    "sign_ups": sign_ups,
    "poll_answers": poll_answers,
    "event_feedback": event_feedback,
    "panel_draw": panel_draw,
    "newsletter_subscribers": newsletter_subscribers,
}
