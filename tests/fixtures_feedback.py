"""Fixtures for polls, event feedback, ideas and participation topics (fi with sv/en translations)."""

from datetime import date

import pytest
from wagtail.models import Page

from demo.translation import translate
from feedback.models import Poll, PollPage
from participation_pages.models import (
    ParticipationTopicPage,
    ParticipationTopicPageArea,
    ParticipationTopicPageTheme,
)
from tests.fixtures import shared_pages
from tests.fixtures_events import load_event_refs


def poll_questions(tr, count=3):
    questions = [
        {
            "kind": "single",
            "text": tr(
                "Miten kuljet kirjastoon?",
                "Hur tar du dig till biblioteket?",
                "How do you get to the library?",
            ),
            "options": [
                tr("Kävellen", "Till fots", "On foot"),
                tr("Pyörällä", "Med cykel", "By bike"),
                tr("Bussilla", "Med buss", "By bus"),
            ],
            "required": True,
        },
        {
            "kind": "multiple",
            "text": tr(
                "Mitä kaipaat puistoon?", "Vad saknar du i parken?", "What would you like in the park?"
            ),
            "options": [
                tr("Penkkejä", "Bänkar", "Benches"),
                tr("Valaistusta", "Belysning", "Lighting"),
                tr("Leikkipaikan", "En lekplats", "A playground"),
            ],
            "required": False,
        },
        {
            "kind": "scale",
            "text": tr(
                "Kuinka tyytyväinen olet puistoon?",
                "Hur nöjd är du med parken?",
                "How happy are you with the park?",
            ),
            "options": [],
            "required": False,
        },
        {
            "kind": "text",
            "text": tr("Mitä muuta haluat sanoa?", "Vad vill du säga mer?", "Anything else?"),
            "options": [],
            "required": False,
        },
        {
            "kind": "text",
            "text": tr("Viides kysymys", "Femte frågan", "Fifth question"),
            "options": [],
            "required": False,
        },
    ]
    return [("question", q) for q in questions[:count]]


def new_poll(tr, questions=4, **fields):
    """A Finnish four-question poll (texts remembered in `tr`)."""
    return Poll.objects.create(
        title=tr("Puistokysely", "Parkenkät", "Park poll"),
        introduction=tr(
            "Kerro mielipiteesi puistosta.", "Säg vad du tycker om parken.", "Tell us about the park."
        ),
        questions=poll_questions(tr, questions),
        **fields,
    )


def poll_page_fields(tr):
    return {
        "title": tr("Kerro puistosta", "Berätta om parken", "Tell us about the park"),
        "slug": tr("puistokysely", "parkenkat", "park-poll"),
        "introduction": tr("Vastaa minuutissa.", "Svara på en minut.", "Answer in a minute."),
    }


@pytest.fixture
def make_poll(site_tree):
    """make_poll(questions=4, translate_to_all=True, **fields) -> a new Poll (with .translations)."""
    tr = site_tree["tr"]

    def factory(questions=4, translate_to_all=True, **fields):
        poll = new_poll(tr, questions, **fields)
        if translate_to_all:
            translated = translate(poll, tr)
            poll.translations = {"fi": poll, **translated}
        return poll

    return factory


@pytest.fixture
def poll(site_tree, shared_site):
    """The shared site's four-question poll in fi, with `.translations` {language: Poll}."""
    polls = Poll.objects.in_bulk(shared_site["poll"].values())
    poll = polls[shared_site["poll"]["fi"]]
    poll.translations = {code: polls[pk] for code, pk in shared_site["poll"].items()}
    return poll


@pytest.fixture
def poll_page(site_tree, poll, shared_site):
    """The shared site's page for the poll, in fi, sv and en."""
    pages = PollPage.objects.in_bulk(shared_site["poll_page"].values())
    return {code: pages[pk] for code, pk in shared_site["poll_page"].items()}


topic_index = shared_pages("topic_index")


@pytest.fixture
def make_topic(shared_site, site_tree):
    """make_topic(title, status, areas, themes, …) -> a live Finnish ParticipationTopicPage;
    translate_to_all=True also makes sv/en (as `.translations`)."""
    return topic_factory(shared_site, site_tree["tr"])


@pytest.fixture(scope="module")
def module_make_topic(module_site):
    """make_topic for module-scoped data (see module_site)."""
    return topic_factory(module_site["ids"], module_site["tr"], prefix="m")


def topic_factory(ids, tr, prefix=""):
    refs = load_event_refs(ids)
    index = Page.objects.get(pk=ids["topic_index"]["fi"])
    counter = {"n": 0}

    def factory(
        title=("Torin uudistus", "Torgets förnyelse", "Renewing the square"),
        status="open",
        areas=(),
        themes=(),
        open_until=None,
        translate_to_all=False,
        **fields,
    ):
        counter["n"] += 1
        n = counter["n"]
        topic = ParticipationTopicPage(
            title=tr(*title),
            slug=tr(f"{prefix}aihe-{n}", f"{prefix}amne-{n}", f"{prefix}topic-{n}"),
            summary=tr(
                "Vaikuta torin suunnitteluun.", "Påverka planeringen av torget.", "Help plan the square."
            ),
            responsible_unit=tr("Kaupunkiympäristö", "Stadsmiljö", "Urban environment"),
            status=status,
            open_until=open_until,
            area_links=[ParticipationTopicPageArea(area=refs["areas"][s]) for s in areas],
            theme_links=[ParticipationTopicPageTheme(theme=refs["themes"][s]) for s in themes],
            **fields,
        )
        index.add_child(instance=topic)
        topic.save_revision().publish()
        if translate_to_all:
            translated = translate(topic, tr)
            topic.translations = {"fi": topic, **{k: v.specific for k, v in translated.items()}}
        return topic

    return factory


FAR_FUTURE = date(2099, 12, 31)
