"""Demo resident panels for the fictional City of Järvelä.

* A youth and leisure panel that is accepting applications now.
* The finished sustainable-development panel (the city's first panel, as in the seed material):
  300 synthetic applicants (invented names, example.invalid addresses), quotas proportional to
  the population profile, a completed maximin draw, its transparency page and the follow-up.

The draw runs for real through sortition-algorithms (HiGHS) with a fixed seed: 300 applicants,
24 members, quotas on age group, area, gender and mother tongue. It takes about 15–30 seconds on a
two-core machine; see the README for the measured time.
"""

import random
from datetime import timedelta

from django.db.models import F as DbF
from django.utils import timezone

from home.demo_tools import add_child, translate
from panels import features as F
from panels import selection
from panels.models import Application, Draw, PopulationFigure, PopulationProfile, ResidentPanelPage

DEMO_SEED = 20250915
FIRST_NAMES = [
    "Aino",
    "Eero",
    "Helmi",
    "Onni",
    "Lilja",
    "Väinö",
    "Siiri",
    "Leevi",
    "Kerttu",
    "Toivo",
    "Selma",
    "Arvo",
    "Iida",
    "Eino",
    "Elsa",
    "Veikko",
    "Aada",
    "Paavo",
    "Ronja",
    "Joel",
    "Maija",
    "Tapio",
    "Saga",
    "Elias",
    "Hilja",
    "Amir",
    "Nora",
    "Samir",
    "Vilja",
    "Mikael",
    "Freja",
    "Oskari",
]
LAST_NAMES = [
    "Lampinen",
    "Kivelä",
    "Rantanen",
    "Mäntynen",
    "Koivisto",
    "Salmela",
    "Heinonen",
    "Järvenpää",
    "Lindqvist",
    "Nyström",
    "Peltola",
    "Virtanen",
    "Honkanen",
    "Sjöberg",
    "Aaltonen",
    "Hietala",
    "Niemelä",
    "Österlund",
]
# Järvelä's residents (fictional statistics, 2025): the population profile quotas come from.
POPULATION = {
    F.AGE_GROUP: {"15-24": 5200, "25-39": 9900, "40-54": 8700, "55-69": 8100, "70+": 6600},
    F.AREA: {"keskusta": 9800, "pohjoinen": 8200, "etela": 7400, "ita": 6900, "lansi": 6200},
    F.GENDER: {"female": 19600, "male": 18400, "other": 500},
    F.MOTHER_TONGUE: {"fi": 31000, "sv": 2600, "other": 4900},
}
# Who applied: older residents and the centre are over-represented, as usual.
APPLICANT_SHARES = {
    F.AGE_GROUP: {"15-24": 6, "25-39": 20, "40-54": 24, "55-69": 28, "70+": 22},
    F.AREA: {"keskusta": 30, "pohjoinen": 22, "etela": 20, "ita": 14, "lansi": 14},
    F.GENDER: {"female": 58, "male": 39, "other": 2, "undisclosed": 1},
    F.MOTHER_TONGUE: {"fi": 82, "sv": 9, "other": 9},
}
BIRTH_YEARS = {
    "15-24": (2001, 2010),
    "25-39": (1986, 2000),
    "40-54": (1971, 1985),
    "55-69": (1956, 1970),
    "70+": (1935, 1955),
}


def restore(context):
    context.objects["panels"] = {
        p.slug: p for p in ResidentPanelPage.objects.filter(locale__language_code="fi")
    }


def load(context):
    tr = context.tr
    home = context.home()
    now = timezone.now()
    themes = context.objects.get("themes", {})
    areas = context.objects.get("areas", {})

    profile = population_profile()
    finished = finished_panel(tr, home, now, themes, areas)
    open_panel = youth_panel(tr, home, now, themes)
    add_pool(finished, profile, context.rng)
    run_demo_draw(finished, profile)
    context.objects["panels"] = {finished.slug: finished, open_panel.slug: open_panel}


def population_profile():
    profile = PopulationProfile(
        name="Järvelän väestö 2025",
        source="Järvelän kaupungin väestötilasto 31.12.2025 (kuvitteellinen esimerkki)",
    )
    profile.save()
    for feature, values in POPULATION.items():
        for value, residents in values.items():
            PopulationFigure.objects.create(
                profile=profile, feature=feature, value=value, residents=residents
            )
    return profile


def _link(page, relation, field, objects):
    for obj in objects:
        if obj is not None:
            getattr(page, relation).create(**{field: obj})


def finished_panel(tr, home, now, themes, areas):
    page = ResidentPanelPage(
        title=tr(
            "Kestävän kehityksen asukaspaneeli",
            "Invånarpanelen för hållbar utveckling",
            "Resident panel on sustainable development",
        ),
        slug=tr(
            "kestavan-kehityksen-asukaspaneeli",
            "invanarpanelen-for-hallbar-utveckling",
            "sustainable-development-panel",
        ),
        summary=tr(
            "Järvelän ensimmäinen asukaspaneeli pohti, miten kaupunki pääsee hiilineutraaliksi niin, että arki sujuu kaikilla asuinalueilla.",
            "Järvelä första invånarpanel funderade på hur staden kan bli koldioxidneutral så att vardagen fungerar i alla bostadsområden.",
            "Järvelä's first resident panel considered how the city can become carbon neutral while everyday life works in every part of town.",
        ),
        responsible_unit=tr(
            "Kestävän kehityksen yksikkö", "Enheten för hållbar utveckling", "Sustainable development unit"
        ),
        status=ResidentPanelPage.Status.FINISHED,
        description=tr.paragraphs(
            (
                "Paneeli kokoontui kahdeksan kertaa. Jäsenet kuulivat asiantuntijoita, vierailivat kierrätyskeskuksessa ja kirjoittivat yhdessä suositukset kaupunginhallitukselle.",
                "Panelen träffades åtta gånger. Medlemmarna hörde sakkunniga, besökte återvinningscentralen och skrev tillsammans rekommendationer till stadsstyrelsen.",
                "The panel met eight times. Members heard experts, visited the recycling centre and wrote recommendations for the city board together.",
            ),
        ),
        term_start=(now - timedelta(days=330)).date(),
        term_end=(now - timedelta(days=30)).date(),
        target_size=24,
        reserves=8,
        applications_open=now - timedelta(days=400),
        applications_close=now - timedelta(days=370),
        eligibility=tr(
            "Järvelässä asuvat, hakuvuonna vähintään 15 vuotta täyttävät.",
            "Personer som bor i Järvelä och fyller minst 15 år under ansökningsåret.",
            "People who live in Järvelä and turn at least 15 in the year of application.",
        ),
        background_questions=[F.GENDER, F.MOTHER_TONGUE, F.MAIN_ACTIVITY],
        meeting_plan=tr.paragraphs(
            (
                "Tapaamiset pidettiin joka toinen tiistai kello 17.30–20 pääkirjaston Lukusalissa, ja jokaiseen pystyi osallistumaan myös etänä. Jäsenille maksettiin kokouspalkkio ja tarjottiin lastenhoito.",
                "Mötena hölls varannan tisdag kl. 17.30–20 i huvudbibliotekets Läsesal, och man kunde också delta på distans. Medlemmarna fick mötesarvode och barnpassning.",
                "Meetings were held every other Tuesday from 17:30 to 20:00 in the main library's reading room, and every meeting could also be joined online. Members received a meeting fee and childcare.",
            ),
        ),
        results=tr.paragraphs(
            (
                "Paneeli antoi 14 suositusta. Tärkeimmät: kaupunkipyöräasemat kaikille suuralueille, lähikirppikset koulujen tiloihin viikonloppuisin ja energianeuvontaa taloyhtiöille omalla kielellä.",
                "Panelen gav 14 rekommendationer. De viktigaste: stadscykelstationer i alla storområden, loppmarknader i skolornas lokaler på veckosluten och energirådgivning för bostadsbolag på det egna språket.",
                "The panel made 14 recommendations. The main ones: city bike stations in every major area, weekend flea markets in school buildings and energy advice for housing companies in their own language.",
            ),
        ),
        follow_up=tr.paragraphs(
            (
                "Kaupunginhallitus käsitteli suositukset ja otti yhdeksän niistä ilmasto-ohjelmaan. Kaupunkipyöräasemat laajenevat itään ja länteen ensi kesänä. Seuraamme muiden suositusten etenemistä tällä sivulla.",
                "Stadsstyrelsen behandlade rekommendationerna och tog in nio av dem i klimatprogrammet. Stadscykelstationerna utvidgas österut och västerut nästa sommar. Vi följer upp de övriga rekommendationerna på den här sidan.",
                "The city board discussed the recommendations and took nine of them into the climate programme. City bike stations will spread to the east and west next summer. We follow up the other recommendations on this page.",
            ),
        ),
        search_description=tr(
            "Kestävän kehityksen asukaspaneelin kokoonpano, arvonta ja tulokset.",
            "Sammansättning, lottning och resultat för invånarpanelen för hållbar utveckling.",
            "Membership, draw and results of the resident panel on sustainable development.",
        ),
    )
    _link(page, "theme_links", "theme", [themes.get("kestava-kehitys")])
    _link(
        page,
        "area_links",
        "area",
        [areas.get(slug) for slug in ("keskusta", "pohjoinen", "etela", "ita", "lansi")],
    )
    add_child(home, page)
    translate(page, tr)
    return page


def youth_panel(tr, home, now, themes):
    page = ResidentPanelPage(
        title=tr(
            "Nuorten vapaa-ajan asukaspaneeli",
            "Invånarpanelen för ungas fritid",
            "Resident panel on young people's leisure",
        ),
        slug=tr("nuorten-vapaa-ajan-asukaspaneeli", "invanarpanelen-for-ungas-fritid", "youth-leisure-panel"),
        summary=tr(
            "Millaisia kohtaamispaikkoja Järvelän nuoret tarvitsevat iltaisin ja viikonloppuisin? Paneeli tekee ehdotuksen nuorisopalvelujen ensi vuoden suunnitelmaan.",
            "Vilka mötesplatser behöver unga i Järvelä på kvällar och veckoslut? Panelen gör ett förslag till ungdomstjänsternas plan för nästa år.",
            "What kind of meeting places do young people in Järvelä need in the evenings and at weekends? The panel makes a proposal for next year's youth services plan.",
        ),
        responsible_unit=tr("Nuorisopalvelut", "Ungdomstjänsterna", "Youth services"),
        status=ResidentPanelPage.Status.APPLICATIONS_OPEN,
        description=tr.paragraphs(
            (
                "Paneeliin valitaan 20 jäsentä. Puolet paikoista on varattu 15–24-vuotiaille, ja mukaan toivotaan myös vanhempia ja muita aikuisia, jotka toimivat nuorten kanssa.",
                "Till panelen väljs 20 medlemmar. Hälften av platserna är reserverade för 15–24-åringar, och vi hoppas att också föräldrar och andra vuxna som arbetar med unga söker.",
                "The panel has 20 members. Half of the places are reserved for people aged 15–24, and we also hope parents and other adults who work with young people will apply.",
            ),
        ),
        term_start=(now + timedelta(days=60)).date(),
        term_end=(now + timedelta(days=240)).date(),
        target_size=20,
        reserves=6,
        applications_open=now - timedelta(days=7),
        applications_close=now + timedelta(days=28),
        eligibility=tr(
            "Järvelässä asuvat, hakuvuonna vähintään 15 vuotta täyttävät.",
            "Personer som bor i Järvelä och fyller minst 15 år under ansökningsåret.",
            "People who live in Järvelä and turn at least 15 in the year of application.",
        ),
        background_questions=[F.GENDER, F.MOTHER_TONGUE, F.MAIN_ACTIVITY],
        one_per_household=True,
        meeting_plan=tr.paragraphs(
            (
                "Kuusi tapaamista keskiviikkoisin kello 17–19 nuorisotalo Pajassa. Ensimmäinen tapaaminen on toimikauden ensimmäisellä viikolla.",
                "Sex möten på onsdagar kl. 17–19 på ungdomsgården Pajan. Det första mötet hålls under mandatperiodens första vecka.",
                "Six meetings on Wednesdays from 17:00 to 19:00 at the Paja youth centre. The first meeting is in the first week of the term.",
            ),
        ),
    )
    _link(page, "theme_links", "theme", [themes.get("nuoret"), themes.get("kulttuuri-ja-vapaa-aika")])
    add_child(home, page)
    translate(page, tr)
    return page


def add_pool(panel, profile, rng, count=300):
    rng = random.Random(rng.random())  # noqa: S311 - demo data
    features = [F.AGE_GROUP, F.AREA, F.GENDER, F.MOTHER_TONGUE]
    activities = {"15-24": ["studying", "working"], "70+": ["retired"]}
    rows = []
    for i in range(count):
        chosen = {
            f: rng.choices(list(APPLICANT_SHARES[f]), weights=list(APPLICANT_SHARES[f].values()))[0]
            for f in features
        }
        low, high = BIRTH_YEARS[chosen[F.AGE_GROUP]]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        language = {"sv": "sv", "other": "en"}.get(chosen[F.MOTHER_TONGUE], "fi")
        rows.append(
            Application(
                panel=panel,
                created_at=panel.applications_open + timedelta(minutes=97 * i),
                language=language,
                name=f"{first} {last}",
                email=f"{first}.{last}.{i}@example.invalid".lower().replace("ä", "a").replace("ö", "o"),
                phone=f"040 555 {i:04d}" if i % 3 else "",
                birth_year=rng.randint(low, high),
                consent_contact=True,
                age_group=chosen[F.AGE_GROUP],
                area=chosen[F.AREA],
                gender=chosen[F.GENDER],
                mother_tongue=chosen[F.MOTHER_TONGUE],
                main_activity=rng.choice(
                    activities.get(
                        chosen[F.AGE_GROUP], ["working", "working", "unemployed", "family", "other"]
                    )
                ),
            )
        )
    Application.objects.bulk_create(rows)


def run_demo_draw(panel, profile):
    """The real draw, run here directly (load_demo must not wait for a task worker)."""
    quotas = selection.proportional_quotas(panel, profile, slack=1)
    quotas.pop(F.MAIN_ACTIVITY, None)
    selection.save_quotas(panel, quotas)
    draw = selection.Draw.objects.create(
        panel=panel,
        algorithm=Draw.Algorithm.MAXIMIN,
        solver_backend=selection.solver_backend(),
        library_version="",
        seed=DEMO_SEED,
        number_wanted=panel.target_size,
        reserves_wanted=panel.reserves,
        snapshot={},
        snapshot_digest="",
    )
    snapshot = selection.build_snapshot(panel, algorithm=draw.algorithm, seed=DEMO_SEED)
    draw.snapshot, draw.snapshot_digest = snapshot, Draw.digest(snapshot)
    draw.library_version = snapshot["library_version"]
    draw.save()
    selection.execute_draw(draw)
    draw.refresh_from_db()
    if draw.status != Draw.Status.SUCCEEDED:
        raise RuntimeError("The demo draw failed: " + "; ".join(draw.failure_messages()))
    # Dated as it would have happened: two days after applications closed.
    draw.created_at = draw.started_at = panel.applications_close + timedelta(days=2)
    draw.finished_at = draw.started_at + timedelta(minutes=1)
    draw.save(update_fields=["created_at", "started_at", "finished_at"])
    selection.adopt(draw)
    # The results went out by e-mail at the time; one member later moved away and was replaced.
    Application.objects.filter(panel=panel).update(notified_outcome=DbF("outcome"))
    leaving = (
        Application.objects.filter(panel=panel, outcome=Application.Outcome.SELECTED).order_by("id").first()
    )
    selection.replace_member(leaving)
    Application.objects.filter(panel=panel).update(notified_outcome=DbF("outcome"))
