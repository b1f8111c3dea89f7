"""Demo participation for the City of Järvelä: the "Take part" topics, two quick polls with
answers, the standard feedback survey with answers on past events, and a published follow-up
that cites the feedback. Answers are synthetic (a fixed random seed); nobody's data is used."""

from datetime import timedelta

from django.utils import timezone

from feedback.models import EventFeedback, EventFeedbackQuestions, Poll, PollAnswer, PollPage, PollResponse
from home.demo_tools import add_child, translate
from participation_pages.models import (
    EventPage,
    ParticipationTopicIndexPage,
    ParticipationTopicPage,
    ParticipationTopicPageArea,
    ParticipationTopicPageTheme,
)

GOOD = [
    (
        "Sai puhua suoraan päättäjien kanssa.",
        "Jag fick tala direkt med beslutsfattarna.",
        "I could talk to decision-makers directly.",
    ),
    (
        "Hyvä tunnelma ja selkeät pisteet.",
        "God stämning och tydliga punkter.",
        "A good atmosphere and clear stands.",
    ),
    ("Kahvi ja pienryhmät.", "Kaffet och smågrupperna.", "The coffee and the small groups."),
]
DEVELOP = [
    ("Etäyhteyden ääni katkeili.", "Ljudet på distans bröts.", "The online sound kept breaking up."),
    ("Enemmän aikaa kysymyksille.", "Mer tid för frågor.", "More time for questions."),
    ("Ilta voisi alkaa myöhemmin.", "Kvällen kunde börja senare.", "The evening could start later."),
]


def load(context):
    tr = context.tr
    rng = context.rng
    questions = EventFeedbackQuestions.objects.create(
        rating_question=tr(
            "Kuinka hyvin tapahtuma toimi sinulle?",
            "Hur bra fungerade evenemanget för dig?",
            "How well did the event work for you?",
        ),
        good_question=tr("Mikä oli hyvää?", "Vad var bra?", "What was good?"),
        develop_question=tr(
            "Mitä meidän pitäisi kehittää?", "Vad borde vi utveckla?", "What should we develop?"
        ),
    )
    translate(questions, tr)

    park_poll, library_poll = _polls(tr)
    for poll in (park_poll, library_poll):
        _answer_poll(poll, rng, 40 if poll is park_poll else 27)
    poll_page = PollPage(
        title=tr(
            "Pikakysely: Rantapuiston kesä",
            "Snabbenkät: sommaren i Strandparken",
            "Quick poll: summer in Rantapuisto",
        ),
        slug=tr("pikakysely-rantapuisto", "snabbenkat-strandparken", "quick-poll-rantapuisto"),
        introduction=tr(
            "Vastaa minuutissa pop up -pisteellä tai kotona QR-koodin kautta.",
            "Svara på en minut vid pop up-punkten eller hemma via QR-koden.",
            "Answer in a minute at the pop-up stand or at home through the QR code.",
        ),
        poll=park_poll,
    )
    add_child(context.home(), poll_page)
    translate(poll_page, tr)

    cited = _event_feedback(context, rng)
    _topics(context, tr, park_poll, library_poll, cited)


def _question(tr, kind, texts, options=()):
    return (
        "question",
        {"kind": kind, "text": tr(*texts), "options": [tr(*o) for o in options], "required": False},
    )


def _polls(tr):
    park = Poll.objects.create(
        title=tr("Rantapuiston kesä", "Sommaren i Strandparken", "Summer in Rantapuisto"),
        introduction=tr(
            "Puistoa kunnostetaan ensi vuonna. Kerro, mitä sinne kaipaat.",
            "Parken rustas upp nästa år. Berätta vad du saknar där.",
            "The park will be renovated next year. Tell us what you would like there.",
        ),
        questions=[
            _question(
                tr,
                "single",
                (
                    "Kuinka usein käyt puistossa?",
                    "Hur ofta besöker du parken?",
                    "How often do you visit the park?",
                ),
                [
                    ("Viikoittain", "Varje vecka", "Every week"),
                    ("Kuukausittain", "Varje månad", "Every month"),
                    ("Harvemmin", "Mer sällan", "Less often"),
                ],
            ),
            _question(
                tr,
                "multiple",
                (
                    "Mitä puistoon pitäisi lisätä?",
                    "Vad borde parken få mer av?",
                    "What should the park have more of?",
                ),
                [
                    ("Penkkejä", "Bänkar", "Benches"),
                    ("Valaistusta", "Belysning", "Lighting"),
                    ("Varjoa", "Skugga", "Shade"),
                    ("Leikkipaikka", "Lekplats", "Playground"),
                ],
            ),
            _question(
                tr,
                "scale",
                (
                    "Kuinka viihtyisä puisto on nyt?",
                    "Hur trivsam är parken nu?",
                    "How pleasant is the park now?",
                ),
            ),
            _question(
                tr, "text", ("Mitä muuta haluat sanoa?", "Vad vill du säga mer?", "Anything else to tell us?")
            ),
        ],
        show_results_after_answering=True,
    )
    translate(park, tr)
    library = Poll.objects.create(
        title=tr("Kirjaston sunnuntaiaukiolo", "Bibliotekets söndagsöppet", "Library Sunday opening"),
        introduction=tr(
            "Kokeilu on päättynyt. Kiitos vastauksista!",
            "Försöket har avslutats. Tack för svaren!",
            "The trial has ended. Thank you for your answers!",
        ),
        questions=[
            _question(
                tr,
                "single",
                (
                    "Kävitkö kirjastossa sunnuntaina?",
                    "Besökte du biblioteket på söndag?",
                    "Did you visit the library on a Sunday?",
                ),
                [("Kyllä", "Ja", "Yes"), ("En", "Nej", "No")],
            ),
            _question(
                tr,
                "scale",
                (
                    "Kuinka tarpeellinen sunnuntaiaukiolo on?",
                    "Hur behövligt är söndagsöppet?",
                    "How useful is Sunday opening?",
                ),
            ),
        ],
        closed=True,
    )
    translate(library, tr)
    return park, library


def _answer_poll(poll, rng, count):
    days_ago = 20
    for _ in range(count):
        response = PollResponse.objects.create(
            poll=poll,
            language=rng.choice(["fi", "fi", "fi", "sv", "en"]),
            submitted_on=timezone.localdate() - timedelta(days=rng.randrange(days_ago)),
        )
        rows = []
        for block_id, question in poll.question_list():
            kind = question["kind"]
            if kind == "single":
                rows.append(
                    PollAnswer(
                        response=response,
                        question_id=block_id,
                        choice=rng.randrange(len(question["options"])),
                    )
                )
            elif kind == "multiple":
                chosen = rng.sample(range(len(question["options"])), rng.randint(1, 2))
                rows += [PollAnswer(response=response, question_id=block_id, choice=c) for c in chosen]
            elif kind == "scale":
                rows.append(
                    PollAnswer(response=response, question_id=block_id, choice=rng.choice([2, 3, 3, 4, 4, 5]))
                )
            elif rng.random() < 0.3:
                rows.append(
                    PollAnswer(
                        response=response,
                        question_id=block_id,
                        text=rng.choice(
                            ["Roska-astioita lisää.", "Koirapuisto olisi hyvä.", "Kiitos kyselystä!"]
                        ),
                    )
                )
        PollAnswer.objects.bulk_create(rows)


def _event_feedback(context, rng):
    """Answers on the past demo events; the first past event with a follow-up cites them."""
    now = timezone.now()
    past = [
        e
        for e in context.objects.get("events") or EventPage.objects.filter(locale__language_code="fi")
        if e.end < now and e.status == EventPage.Status.SCHEDULED
    ]
    for event in past:
        for _ in range(rng.randint(8, 22)):
            good = rng.choice(GOOD)[0] if rng.random() < 0.5 else ""
            develop = rng.choice(DEVELOP)[0] if rng.random() < 0.4 else ""
            EventFeedback.objects.create(
                event=event,
                rating=rng.choice([3, 4, 4, 4, 5, 5, 2]),
                good=good,
                develop=develop,
                language="fi",
                submitted_on=min(
                    timezone.localdate(event.end) + timedelta(days=rng.randrange(5)), timezone.localdate()
                ),
            )
    cited = next((e for e in past if e.has_follow_up), past[0] if past else None)
    if cited is not None:
        for version in EventPage.objects.filter(translation_key=cited.translation_key):
            version.follow_up_feedback_summary = True
            version.save_revision().publish()
        cited = EventPage.objects.get(pk=cited.pk)
    return cited


def _topics(context, tr, park_poll, library_poll, cited):
    index = ParticipationTopicIndexPage(
        title=tr("Osallistu", "Delta", "Take part"),
        slug=tr("osallistu", "delta", "take-part"),
        introduction=tr(
            "Asiat, joihin voit nyt vaikuttaa, ja mitä aiemmista osallistumisista seurasi.",
            "Frågor du kan påverka nu, och vad tidigare deltagande ledde till.",
            "Matters you can influence now, and what came of earlier participation.",
        ),
        show_in_menus=True,
    )
    add_child(context.home(), index)
    translate(index, tr)
    today = timezone.localdate()
    areas, themes = context.objects["areas"], context.objects["themes"]

    def topic(title, slug, status, summary, area, theme, **fields):
        page = ParticipationTopicPage(
            title=tr(*title),
            slug=tr(*slug),
            status=status,
            summary=tr(*summary),
            responsible_unit=tr(
                "Kaupunkiympäristön toimiala", "Stadsmiljösektorn", "Urban Environment Division"
            ),
            area_links=[ParticipationTopicPageArea(area=areas[area])] if area in areas else [],
            theme_links=[ParticipationTopicPageTheme(theme=themes[theme])] if theme in themes else [],
            **fields,
        )
        add_child(index, page)
        translate(page, tr)
        return page

    topic(
        ("Rantapuiston kunnostus", "Upprustningen av Strandparken", "Renovating Rantapuisto park"),
        ("rantapuiston-kunnostus", "strandparken", "rantapuisto-park"),
        ParticipationTopicPage.Status.OPEN,
        (
            "Puiston suunnitelma tehdään tänä vuonna. Kerro, mitä puistoon tarvitaan.",
            "Planen för parken görs i år. Berätta vad parken behöver.",
            "The park's plan is made this year. Tell us what it needs.",
        ),
        "rantapuisto",
        "kestava-kehitys",
        open_from=today - timedelta(days=10),
        open_until=today + timedelta(days=40),
        how_to_take_part=[
            ("poll", {"poll": park_poll}),
            (
                "way",
                {
                    "title": tr(
                        "Tule asukasiltaan", "Kom till invånarkvällen", "Come to the resident evening"
                    ),
                    "description": tr(
                        "Suunnittelijat ovat paikalla kertomassa luonnoksista.",
                        "Planerarna är på plats och berättar om utkasten.",
                        "The planners will be there to present the drafts.",
                    ),
                    "page": context.objects.get("calendar"),
                    "url": "",
                    "deadline": today + timedelta(days=40),
                },
            ),
            (
                "idea_box",
                {
                    "heading": tr(
                        "Jätä idea puistosta", "Lämna en idé om parken", "Leave an idea about the park"
                    ),
                    "text": "",
                },
            ),
        ],
        decision_timeline=[
            (
                "step",
                {
                    "date": today - timedelta(days=10),
                    "title": tr("Kysely avautuu", "Enkäten öppnar", "Poll opens"),
                    "description": "",
                },
            ),
            (
                "step",
                {
                    "date": today + timedelta(days=40),
                    "title": tr("Osallistuminen päättyy", "Deltagandet avslutas", "Participation closes"),
                    "description": "",
                },
            ),
            (
                "step",
                {
                    "date": today + timedelta(days=120),
                    "title": tr("Lautakunta päättää", "Nämnden beslutar", "The committee decides"),
                    "description": "",
                },
            ),
        ],
    )
    topic(
        ("Koulukuljetusten reitit", "Skolskjutsarnas rutter", "School transport routes"),
        ("koulukuljetukset", "skolskjutsar", "school-transport"),
        ParticipationTopicPage.Status.UNDER_CONSIDERATION,
        (
            "Palautteen perusteella reittejä valmistellaan uudelleen. Päätös tehdään syksyllä.",
            "Utifrån responsen bereds rutterna på nytt. Beslutet fattas i höst.",
            "The routes are being reworked on the basis of the feedback. The decision is due in the autumn.",
        ),
        "koivikko",
        "koulut-ja-paivakodit",
        decision_timeline=[
            (
                "step",
                {
                    "date": today - timedelta(days=60),
                    "title": tr("Kysely huoltajille", "Enkät till vårdnadshavare", "Survey for parents"),
                    "description": "",
                },
            ),
            (
                "step",
                {
                    "date": today + timedelta(days=90),
                    "title": tr("Päätös", "Beslut", "Decision"),
                    "description": "",
                },
            ),
        ],
    )
    changed = [
        (
            "paragraph",
            tr.paragraphs(
                (
                    "Kokeilu jatkuu pysyvänä: kirjasto on auki sunnuntaisin kello 12–16. Asukasillan palaute vaikutti myös alikulun valaistukseen.",
                    "Försöket blir permanent: biblioteket har öppet på söndagar kl. 12–16. Responsen från invånarkvällen påverkade också belysningen i gångtunneln.",
                    "The trial becomes permanent: the library opens on Sundays from 12 to 4 pm. The resident evening's feedback also shaped the underpass lighting.",
                )
            ),
        )
    ]
    if cited is not None:
        changed.append(("feedback_summary", {"event": cited, "heading": ""}))
    topic(
        ("Kirjaston sunnuntaiaukiolo", "Bibliotekets söndagsöppet", "Library Sunday opening"),
        ("kirjaston-sunnuntai", "bibliotekets-sondag", "library-sunday"),
        ParticipationTopicPage.Status.DECIDED,
        (
            "Kolmen kuukauden kokeilu ja asukkaiden palaute ratkaisivat: kirjasto on auki myös sunnuntaisin.",
            "Ett försök på tre månader och invånarnas respons avgjorde: biblioteket har öppet även på söndagar.",
            "A three-month trial and residents' feedback decided it: the library now opens on Sundays too.",
        ),
        "keskusta",
        "kulttuuri-ja-vapaa-aika",
        how_to_take_part=[("poll", {"poll": library_poll})],
        input_changed=changed,
    )
