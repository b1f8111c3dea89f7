"""Demo events of the fictional City of Järvelä: a year of resident evenings by major area,
theme evenings, a town-hall workshop, pop-ups, association meet-ups and a picnic.

Dates are counted from the day the demo is loaded, so the calendar always looks current: a few
events are already over (one with its follow-up report, one still waiting for it), most are in
the coming twelve months. Written for Kuulu in fi, sv and en; no real people or places.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from wagtail.models import Page

from home.demo_tools import add_child, demo_image, translate
from participation_pages.models import (
    CalendarPage,
    EventFormat,
    EventPage,
    EventPageArea,
    EventPageTheme,
    EventSeries,
    Venue,
)
from taxonomy.demo import AREAS

ONLINE_BASE = "https://osallistu.jarvela.example/etana/"
OFFLINE = EventPage.AttendanceMode.OFFLINE
ONLINE = EventPage.AttendanceMode.ONLINE
MIXED = EventPage.AttendanceMode.MIXED

FORMATS = [
    # slug, colour, (fi, sv, en) name, (fi, sv, en) description
    (
        "asukasilta",
        "#0b3d91",
        ("Asukasilta", "Invånarkväll", "Resident evening"),
        (
            "Kaupungin järjestämä ilta suuralueen tai teeman asioista: yhteinen alustus ja sen jälkeen rinnakkaisia tapoja osallistua.",
            "En kväll som staden ordnar om ett storområdes eller ett temas frågor: en gemensam inledning och därefter parallella sätt att delta.",
            "An evening organised by the city on a major area or a theme: a common introduction followed by parallel ways to take part.",
        ),
    ),
    (
        "teemailta",
        "#7a1f5c",
        ("Teemailta", "Temakväll", "Theme evening"),
        (
            "Ilta yhdestä aiheesta koko kaupungin asukkaille, esimerkiksi kouluista tai työllisyydestä.",
            "En kväll om ett ämne för invånare i hela staden, till exempel skolor eller sysselsättning.",
            "An evening on one subject for residents of the whole city, such as schools or employment.",
        ),
    ),
    (
        "town-hall",
        "#1e6b2f",
        (
            "Town Hall -yhteiskehittämispaja",
            "Town Hall-workshop för samutveckling",
            "Town hall co-development workshop",
        ),
        (
            "Asukkaat ja kaupungin asiantuntijat kehittävät yhdessä ratkaisua, joka on vielä suunnitteilla.",
            "Invånare och stadens experter utvecklar tillsammans en lösning som ännu planeras.",
            "Residents and the city's experts develop together a solution that is still being planned.",
        ),
    ),
    (
        "pop-up",
        "#8a4b00",
        ("Pop up ja kevytosallistuminen", "Pop up och lätt deltagande", "Pop-up and light participation"),
        (
            "Kaupunki tulee sinne, missä ihmiset ovat: torille, kauppakeskukseen tai puistoon. Mielipiteen voi kertoa ohi kulkiessa.",
            "Staden kommer dit där människorna finns: till torget, köpcentret eller parken. Du kan säga din åsikt i förbifarten.",
            "The city comes to where people are: the market square, the shopping centre or the park. You can give your view in passing.",
        ),
    ),
    (
        "paneeli",
        "#4a4a4a",
        ("Paneelin tapaaminen", "Panelmöte", "Panel meeting"),
        (
            "Asukaspaneelin jäsenten tapaaminen. Paneelit ovat määräaikaisia ja koottu eri-ikäisistä asukkaista eri alueilta.",
            "Ett möte för invånarpanelens medlemmar. Panelerna är tidsbegränsade och består av invånare i olika åldrar från olika områden.",
            "A meeting of a resident panel's members. Panels are fixed-term and made up of residents of different ages from different areas.",
        ),
    ),
    (
        "yhdistykset",
        "#005f73",
        ("Yhdistysten verkostotapahtuma", "Nätverksträff för föreningar", "Association networking event"),
        (
            "Yhdistysten ja kaupungin yhteiset tapaamiset: tietoa avustuksista ja tiloista sekä aikaa tutustua toisiin.",
            "Gemensamma träffar för föreningar och staden: information om bidrag och lokaler och tid att lära känna varandra.",
            "Meetings of associations and the city: news on grants and premises, and time to get to know each other.",
        ),
    ),
]

VENUES = {
    # key: (fi, sv, en) name, street, postcode, step-free, loop, toilet, (fi, sv, en) notes, lat, lon
    "kaupungintalo": (
        ("Kaupungintalo, valtuustosali", "Stadshuset, fullmäktigesalen", "City Hall, council chamber"),
        "Kauppakatu 1",
        "99100",
        (True, True, True),
        (
            "Esteetön sisäänkäynti Kauppakadun puolelta. Inva-pysäköinti talon takana.",
            "Tillgänglig ingång från Handelsgatan. Handikapparkering bakom huset.",
            "Step-free entrance on Kauppakatu. Accessible parking behind the building.",
        ),
        ("61.498200", "23.761000"),
    ),
    "paakirjasto": (
        ("Pääkirjasto, Lukusali", "Huvudbiblioteket, Läsesalen", "Main Library, Reading Hall"),
        "Kirjastokatu 3",
        "99100",
        (True, True, True),
        (
            "Hissi toiseen kerrokseen. Lukusalissa on kuulosilmukka ja siirrettävät tuolit.",
            "Hiss till andra våningen. Läsesalen har hörslinga och flyttbara stolar.",
            "Lift to the first floor. The reading hall has an induction loop and movable chairs.",
        ),
        ("61.499100", "23.758300"),
    ),
    "koivikon-koulu": (
        ("Koivikon koulu, ruokasali", "Björkby skola, matsalen", "Koivikko School, dining hall"),
        "Koulutie 5",
        "99130",
        (True, False, True),
        (
            "Sisäänkäynti pihan puolelta, luiska pääovelle. Salissa ei ole kuulosilmukkaa; pyydä tarvittaessa kannettava silmukka.",
            "Ingång från gården, ramp till huvuddörren. Salen har ingen hörslinga; be om en bärbar slinga vid behov.",
            "Entrance from the yard, ramp to the main door. The hall has no induction loop; ask for a portable loop if you need one.",
        ),
        None,
    ),
    "rantapuiston-asukastalo": (
        ("Rantapuiston asukastalo", "Strandparkens invånarhus", "Rantapuisto Residents' House"),
        "Rantakatu 12",
        "99150",
        (True, True, True),
        (
            "Kaikki tilat ovat samassa kerroksessa. Lähin bussipysäkki on 50 metrin päässä.",
            "Alla lokaler finns på samma våning. Närmaste busshållplats ligger 50 meter bort.",
            "All rooms are on one floor. The nearest bus stop is 50 metres away.",
        ),
        None,
    ),
    "pajupellon-nuorisotalo": (
        ("Pajupellon nuorisotalo", "Pilåkerns ungdomsgård", "Pajupelto Youth Centre"),
        "Pajukuja 2",
        "99170",
        (False, True, False),
        (
            "Sisäänkäynnillä on kolme porrasta. Pyörätuolilla pääsee sisään takaoven kautta, kun soitat ovikelloa.",
            "Det finns tre trappsteg vid ingången. Med rullstol kommer du in genom bakdörren när du ringer på.",
            "There are three steps at the entrance. Wheelchair users can come in through the back door by ringing the bell.",
        ),
        None,
    ),
    "lehtolan-kirjasto": (
        ("Lehtolan kirjasto", "Lövdals bibliotek", "Lehtola Library"),
        "Lehtolantie 8",
        "99190",
        (True, True, True),
        (
            "Esteetön sisäänkäynti ja wc. Lastenhoito järjestetään viereisessä satutilassa.",
            "Tillgänglig ingång och toalett. Barnpassning ordnas i sagorummet intill.",
            "Step-free entrance and toilet. Childcare is arranged in the story room next door.",
        ),
        None,
    ),
    "torikulma": (
        ("Kauppakeskus Torikulma, aula", "Köpcentret Torikulma, lobbyn", "Torikulma Shopping Centre, lobby"),
        "Torikatu 4",
        "99100",
        (True, False, True),
        (
            "Pop up -piste on aulassa heti pääovien sisäpuolella. Aulassa voi olla meluisaa.",
            "Pop up-punkten finns i lobbyn direkt innanför huvuddörrarna. Det kan vara bullrigt i lobbyn.",
            "The pop-up stand is in the lobby just inside the main doors. The lobby can be noisy.",
        ),
        None,
    ),
    "hiekkaniemi": (
        ("Hiekkaniemen uimaranta", "Sandnäs badstrand", "Hiekkaniemi Beach"),
        "Rantatie 30",
        "99150",
        (False, False, True),
        (
            "Nurmikko ja hiekkaa; pyörätuolilla pääsee grillikatokselle asti pitkospuita pitkin. Sadesäällä olemme viereisessä paviljongissa.",
            "Gräsmatta och sand; med rullstol kommer du fram till grillskjulet längs spångar. Vid regn är vi i paviljongen intill.",
            "Grass and sand; a boardwalk takes wheelchairs as far as the barbecue shelter. If it rains we move to the pavilion next door.",
        ),
        None,
    ),
}

# Each major area holds its evenings in its own neighbourhood.
AREA_VENUES = {
    "keskusta": "paakirjasto",
    "pohjoinen": "koivikon-koulu",
    "etela": "rantapuiston-asukastalo",
    "ita": "pajupellon-nuorisotalo",
    "lansi": "lehtolan-kirjasto",
}

ORGANISER = (
    "Järvelän kaupunki, osallisuustiimi",
    "Järvelä stad, delaktighetsteamet",
    "City of Järvelä, participation team",
)


def restore(context):
    context.objects["calendar"] = CalendarPage.objects.filter(locale__language_code="fi").first()
    context.objects["event_formats"] = {
        f.slug: f for f in EventFormat.objects.filter(locale__language_code="fi")
    }
    context.objects["events"] = list(EventPage.objects.filter(locale__language_code="fi"))


def load(context):
    tr = context.tr
    today = timezone.localdate()
    formats = _formats(tr)
    venues = _venues(tr)
    series = EventSeries.objects.create(
        name=tr("Yhdistystreffit", "Föreningsträffar", "Association meet-ups"),
        slug="yhdistystreffit",
        description=tr(
            "Kaupunki ja yhdistykset tapaavat kahdesti vuodessa: ajankohtaista avustuksista, tiloista ja yhteistyöstä.",
            "Staden och föreningarna träffas två gånger om året: aktuellt om bidrag, lokaler och samarbete.",
            "The city and the associations meet twice a year: news on grants, premises and working together.",
        ),
    )
    translate(series, tr)

    calendar = CalendarPage(
        title=tr("Tapahtumat ja vuosikello", "Evenemang och årshjul", "Events and annual clock"),
        slug=tr("tapahtumat", "evenemang", "events"),
        introduction=tr(
            "Asukasillat, teemaillat, pop up -pisteet ja muut tapahtumat, joissa voit vaikuttaa Järvelän asioihin. Suodata alueen, teeman tai osallistumistavan mukaan ja tilaa haku omaan kalenteriisi.",
            "Invånarkvällar, temakvällar, pop up-punkter och andra evenemang där du kan påverka Järvelä. Filtrera efter område, tema eller sätt att delta och prenumerera på sökningen i din egen kalender.",
            "Resident evenings, theme evenings, pop-up stands and other events where you can influence Järvelä. Filter by area, theme or way of taking part, and subscribe to your search in your own calendar.",
        ),
        show_in_menus=True,
    )
    add_child(context.home(), calendar)
    translate(calendar, tr)

    ctx = {
        "tr": tr,
        "today": today,
        "calendar": calendar,
        "formats": formats,
        "venues": venues,
        "series": series,
        "areas": context.objects["areas"],
        "themes": context.objects["themes"],
    }
    events = [
        *_resident_evenings(ctx),
        *_theme_evenings(ctx),
        _town_hall(ctx),
        *_pop_ups(ctx),
        *_associations(ctx),
        _panel_meeting(ctx),
    ]
    for event in events:
        translate(event, tr)
    _link_to_calendar([context.home(), context.objects.get("asukastoiminnan-malli")], calendar)
    context.objects.update({"calendar": calendar, "event_formats": formats, "events": events})


def _formats(tr):
    formats = {}
    for order, (slug, colour, name, description) in enumerate(FORMATS):
        fmt = EventFormat.objects.create(
            name=tr(*name), slug=slug, colour=colour, description=tr(*description), sort_order=order
        )
        translate(fmt, tr)
        formats[slug] = fmt
    return formats


def _venues(tr):
    venues = {}
    for key, (name, street, postcode, (step_free, loop, toilet), notes, coords) in VENUES.items():
        venue = Venue.objects.create(
            name=tr(*name),
            street_address=street,
            postcode=postcode,
            city=tr("Järvelä", "Järvelä", "Järvelä"),
            step_free_access=step_free,
            induction_loop=loop,
            accessible_toilet=toilet,
            accessibility_notes=tr(*notes),
            latitude=coords[0] if coords else None,
            longitude=coords[1] if coords else None,
        )
        translate(venue, tr)
        venues[key] = venue
    return venues


def _at(today, days, hour, minute=0, weekday=None):
    """An aware datetime `days` from today (moved to the next `weekday`, 0 = Monday)."""
    day = today + timedelta(days=days)
    if weekday is not None:
        day += timedelta(days=(weekday - day.weekday()) % 7)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _item(tr, start, title, kind="common", place=None, description=None, end=None):
    value = {
        "start_time": start,
        "end_time": end,
        "title": tr(*title),
        "kind": kind,
        "place": tr(*place) if place else "",
        "description": tr(*description) if description else "",
    }
    return ("item", value)


def _event(ctx, *, title, slug, fmt, start, hours, summary, description, venue=None, mode=OFFLINE, **extra):
    tr = ctx["tr"]
    areas = extra.pop("areas", [])
    themes = extra.pop("themes", [])
    event = EventPage(
        title=tr(*title),
        slug=tr(*slug),
        event_format=ctx["formats"][fmt],
        summary=tr(*summary),
        description=tr.paragraphs(*description),
        start=start,
        end=start + timedelta(hours=hours),
        attendance_mode=mode,
        venue=ctx["venues"][venue] if venue else None,
        online_url=ONLINE_BASE + slug[0] if mode != OFFLINE else "",
        online_instructions=tr(
            "Linkki avautuu 15 minuuttia ennen alkua. Voit osallistua nimettömästi ja kirjoittaa kysymyksesi chattiin.",
            "Länken öppnas 15 minuter före start. Du kan delta anonymt och skriva dina frågor i chatten.",
            "The link opens 15 minutes before the start. You can take part anonymously and type your questions in the chat.",
        )
        if mode != OFFLINE
        else "",
        organiser=tr(*ORGANISER),
        area_links=[EventPageArea(area=ctx["areas"][a]) for a in areas],
        theme_links=[EventPageTheme(theme=ctx["themes"][t]) for t in themes],
        **extra,
    )
    return add_child(ctx["calendar"], event)


EVENING_PROGRAMME = [
    ("17:30", ("Kahvit ja tervetuloa", "Kaffe och välkommen", "Coffee and welcome"), "common", None),
    (
        "18:00",
        (
            "Yhteinen alustus: alueen ajankohtaiset",
            "Gemensam inledning: aktuellt i området",
            "Common introduction: what is new in the area",
        ),
        "common",
        ("Sali", "Salen", "Main hall"),
    ),
    (
        "18:45",
        ("Liikenne ja kadut", "Trafik och gator", "Traffic and streets"),
        "parallel",
        ("Piste 1", "Punkt 1", "Stand 1"),
    ),
    (
        "18:45",
        ("Koulut, päiväkodit ja nuoret", "Skolor, daghem och unga", "Schools, day care and young people"),
        "parallel",
        ("Piste 2", "Punkt 2", "Stand 2"),
    ),
    (
        "18:45",
        ("Puistot, luonto ja liikunta", "Parker, natur och motion", "Parks, nature and sport"),
        "parallel",
        ("Piste 3", "Punkt 3", "Stand 3"),
    ),
    (
        "19:40",
        ("Yhteenveto ja jatko", "Sammanfattning och fortsättning", "Summing up and next steps"),
        "common",
        ("Sali", "Salen", "Main hall"),
    ),
]


def _evening_programme(tr):
    return [_item(tr, start, title, kind, place) for start, title, kind, place in EVENING_PROGRAMME]


def _resident_evenings(ctx):
    tr, today = ctx["tr"], ctx["today"]
    names = {
        slug: (fi, sv, en, [(d_fi, d_sv, d_en) for _s, d_fi, d_sv, d_en, _c in districts])
        for slug, fi, sv, en, _p, districts in AREAS
    }
    # (major area, days from today): two rounds a year for every major area, a few already held.
    schedule = [
        ("keskusta", -45), ("lansi", -20), ("pohjoinen", 12), ("etela", 26), ("ita", 40),
        ("keskusta", 150), ("lansi", 164), ("pohjoinen", 178), ("etela", 192), ("ita", 206),
        ("keskusta", 320), ("pohjoinen", 334),
    ]  # fmt: skip
    events = []
    for index, (area, days) in enumerate(schedule):
        fi, sv, en, districts = names[area]
        start = _at(today, days, 17, 30, weekday=1)  # Tuesdays
        hybrid = area != "ita"  # the youth centre has no connection good enough for streaming
        districts_text = (
            "Illan pisteissä käsitellään erityisesti näitä kaupunginosia: "
            + ", ".join(d[0] for d in districts)
            + ".",
            "Vid kvällens punkter behandlas särskilt dessa stadsdelar: "
            + ", ".join(d[1] for d in districts)
            + ".",
            "The evening's stands look especially at these districts: "
            + ", ".join(d[2] for d in districts)
            + ".",
        )
        extra = {}
        if index == 0:
            extra = _follow_up(tr, today)
        event = _event(
            ctx,
            title=(f"Asukasilta: {fi}", f"Invånarkväll: {sv}", f"Resident evening: {en}"),
            slug=(
                f"asukasilta-{area}-{index + 1}",
                f"invanarkvall-{area}-{index + 1}",
                f"resident-evening-{area}-{index + 1}",
            ),
            fmt="asukasilta",
            start=start,
            hours=2.5,
            summary=(
                "Kerro, mitä alueellasi pitäisi kehittää. Yhteisen alustuksen jälkeen valitset itseäsi kiinnostavan pisteen.",
                "Berätta vad som borde utvecklas i ditt område. Efter den gemensamma inledningen väljer du den punkt som intresserar dig.",
                "Tell us what should be developed in your area. After the common introduction you choose the stand that interests you.",
            ),
            description=[
                (
                    "Asukasilta on kaikille avoin. Kaupungin asiantuntijat kertovat alueen suunnitelmista, ja sinä voit kysyä, kommentoida ja ehdottaa.",
                    "Invånarkvällen är öppen för alla. Stadens experter berättar om planerna för området, och du kan fråga, kommentera och föreslå.",
                    "The resident evening is open to everyone. The city's experts present the plans for the area, and you can ask, comment and suggest.",
                ),
                districts_text,
                (
                    "Illan jälkeen voit antaa palautetta, ja julkaisemme seurantaraportin: mitä kuulimme ja mitä sille tehdään.",
                    "Efter kvällen kan du ge respons, och vi publicerar en uppföljning: vad vi hörde och vad som görs med det.",
                    "After the evening you can give feedback, and we publish a follow-up: what we heard and what will be done about it.",
                ),
            ],
            venue=AREA_VENUES[area],
            mode=MIXED if hybrid else OFFLINE,
            areas=[area],
            programme=_evening_programme(tr),
            languages=["fi", "sv"],
            accessibility_services=["childcare", "speech_to_text"] + (["remote"] if hybrid else []),
            **extra,
        )
        events.append(event)
    return events


def _follow_up(tr, today):
    return {
        "follow_up_what_happened": tr.paragraphs(
            (
                "Iltaan osallistui 46 asukasta paikan päällä ja 31 etänä. Eniten keskustelua herättivät aseman alikulku ja kirjaston aukioloajat.",
                "I kvällen deltog 46 invånare på plats och 31 på distans. Mest diskussion väckte stationens gångtunnel och bibliotekets öppettider.",
                "46 residents took part on site and 31 online. The station underpass and the library's opening hours raised the most discussion.",
            ),
        ),
        "follow_up_take_along": tr.paragraphs(
            (
                "Alikulun valaistus uusitaan ensi keväänä. Kirjasto kokeilee sunnuntaiaukioloa kolmen kuukauden ajan.",
                "Belysningen i gångtunneln förnyas nästa vår. Biblioteket provar söndagsöppet i tre månader.",
                "The underpass lighting will be renewed next spring. The library will try Sunday opening for three months.",
            ),
        ),
        "follow_up_still_develop": tr.paragraphs(
            (
                "Etäosallistujien puheenvuorot jäivät lyhyiksi. Seuraavassa illassa etäosallistujilla on oma pisteensä ja puheenjohtajansa.",
                "De som deltog på distans fick korta inlägg. Nästa kväll får distansdeltagarna en egen punkt och en egen ordförande.",
                "Online participants had little time to speak. At the next evening they will have their own stand and their own chair.",
            ),
        ),
        "follow_up_published_at": today - timedelta(days=30),
    }


def _theme_evenings(ctx):
    today = ctx["today"]
    specs = [
        (
            19,
            "koulut-ja-paivakodit",
            (
                "Teemailta: koulujen ja päiväkotien tulevaisuus",
                "Temakväll: skolornas och daghemmens framtid",
                "Theme evening: the future of schools and day care",
            ),
            ("teemailta-koulut", "temakvall-skolor", "theme-evening-schools"),
            (
                "Kaupunki suunnittelee kouluverkkoa seuraavaksi kymmeneksi vuodeksi. Tule kertomaan, mikä arjessa toimii ja mikä ei.",
                "Staden planerar skolnätet för de kommande tio åren. Kom och berätta vad som fungerar i vardagen och vad som inte gör det.",
                "The city is planning its school network for the next ten years. Come and tell us what works in everyday life and what does not.",
            ),
            "kaupungintalo",
            MIXED,
        ),
        (
            61,
            "esteettomyys",
            (
                "Teemailta: esteetön Järvelä",
                "Temakväll: tillgängliga Järvelä",
                "Theme evening: an accessible Järvelä",
            ),
            ("teemailta-esteettomyys", "temakvall-tillganglighet", "theme-evening-accessibility"),
            (
                "Missä kaupungissa on vaikea liikkua tai asioida? Kerro esteistä, niin ne korjataan järjestyksessä.",
                "Var i staden är det svårt att röra sig eller uträtta ärenden? Berätta om hindren, så åtgärdas de i tur och ordning.",
                "Where in the city is it hard to get around or get things done? Tell us about the barriers so they can be fixed in turn.",
            ),
            "paakirjasto",
            MIXED,
        ),
        (
            103,
            "tyollisyys",
            (
                "Teemailta: työtä ja tekijöitä",
                "Temakväll: jobb och arbetskraft",
                "Theme evening: jobs and workers",
            ),
            ("teemailta-tyollisyys", "temakvall-sysselsattning", "theme-evening-employment"),
            (
                "Työllisyyspalvelut siirtyivät kunnille. Millaista tukea työnhakijat ja yrittäjät tarvitsevat?",
                "Sysselsättningstjänsterna har flyttats till kommunerna. Vilket stöd behöver arbetssökande och företagare?",
                "Employment services have moved to the municipalities. What support do jobseekers and entrepreneurs need?",
            ),
            "kaupungintalo",
            OFFLINE,
        ),
        (
            228,
            "kestava-kehitys",
            (
                "Teemailta: ilmastoteot arjessa",
                "Temakväll: klimathandlingar i vardagen",
                "Theme evening: climate action in everyday life",
            ),
            ("teemailta-ilmasto", "temakvall-klimat", "theme-evening-climate"),
            (
                "Järvelän ilmasto-ohjelma päivitetään. Mitkä teot ovat asukkaille mahdollisia ja missä kaupungin pitää auttaa?",
                "Järvelä uppdaterar sitt klimatprogram. Vilka handlingar är möjliga för invånarna och var behöver staden hjälpa till?",
                "Järvelä is updating its climate programme. Which actions are realistic for residents, and where should the city help?",
            ),
            "lehtolan-kirjasto",
            ONLINE,
        ),
    ]
    events = []
    for days, theme, title, slug, summary, venue, mode in specs:
        events.append(
            _event(
                ctx,
                title=title,
                slug=slug,
                fmt="teemailta",
                start=_at(today, days, 18, 0, weekday=3),  # Thursdays
                hours=2,
                summary=summary,
                description=[
                    (
                        "Illan aluksi kuulet lyhyen katsauksen aiheesta. Sen jälkeen keskustellaan pienissä ryhmissä, ja jokainen ryhmä kirjaa ehdotuksensa.",
                        "Kvällen börjar med en kort översikt över ämnet. Sedan diskuterar vi i små grupper, och varje grupp antecknar sina förslag.",
                        "The evening starts with a short overview of the subject. Then we talk in small groups, and each group writes down its proposals.",
                    ),
                ],
                venue=venue if mode != ONLINE else None,
                mode=mode,
                themes=[theme],
                languages=["fi", "sv", "en"] if theme == "tyollisyys" else ["fi"],
                accessibility_services=["sign_language", "plain_language"] if theme == "esteettomyys" else [],
            )
        )
    return events


def _town_hall(ctx):
    tr, today = ctx["tr"], ctx["today"]
    image = demo_image("Town Hall -paja", ["#1e6b2f", "#f4f1de", "#ffd23f", "#5aa9e6"], seed=31)
    return _event(
        ctx,
        title=(
            "Town Hall: kirjastojen aukioloajat uusiksi",
            "Town Hall: nya öppettider för biblioteken",
            "Town hall: new opening hours for the libraries",
        ),
        slug=("town-hall-kirjastot", "town-hall-biblioteken", "town-hall-libraries"),
        fmt="town-hall",
        start=_at(today, 75, 17, 0, weekday=2),
        hours=3,
        summary=(
            "Kirjastot voisivat olla auki myös ilman henkilökuntaa. Suunnitellaan yhdessä, miten omatoimikirjasto toimisi kaikille.",
            "Biblioteken kunde vara öppna också utan personal. Vi planerar tillsammans hur ett meröppet bibliotek skulle fungera för alla.",
            "The libraries could also open without staff. Let us plan together how a self-service library would work for everyone.",
        ),
        description=[
            (
                "Pajassa asukkaat, kirjaston henkilökunta ja päättäjät työskentelevät samoissa pöydissä. Lopuksi äänestämme, mitkä ideat kokeillaan ensin.",
                "I workshoppen arbetar invånare, bibliotekets personal och beslutsfattare vid samma bord. Till sist röstar vi om vilka idéer som prövas först.",
                "In the workshop residents, library staff and decision-makers work at the same tables. At the end we vote on which ideas are tried first.",
            ),
        ],
        venue="kaupungintalo",
        mode=MIXED,
        themes=["kulttuuri-ja-vapaa-aika"],
        areas=["keskusta", "lansi"],
        image=image,
        image_alt=tr(
            "Piirroskuvitus: vihreitä ja keltaisia ympyröitä",
            "Illustration: gröna och gula cirklar",
            "Illustration: green and yellow circles",
        ),
        programme=[
            _item(
                tr,
                "17:00",
                ("Aloitus ja tavoitteet", "Start och mål", "Opening and goals"),
                "common",
                ("Valtuustosali", "Fullmäktigesalen", "Council chamber"),
            ),
            _item(
                tr,
                "17:30",
                ("Työpaja: turvallisuus", "Workshop: trygghet", "Workshop: safety"),
                "parallel",
                ("Kabinetti 1", "Kabinett 1", "Meeting room 1"),
                (
                    "Miten kirjastossa on turvallista olla, kun henkilökuntaa ei ole paikalla?",
                    "Hur kan man känna sig trygg i biblioteket när det inte finns personal?",
                    "How can people feel safe in the library when no staff are there?",
                ),
            ),
            _item(
                tr,
                "17:30",
                ("Työpaja: kenelle auki?", "Workshop: öppet för vem?", "Workshop: open to whom?"),
                "parallel",
                ("Kabinetti 2", "Kabinett 2", "Meeting room 2"),
                (
                    "Lapset, nuoret, opiskelijat, yhdistykset: kuka tarvitsee tilaa ja milloin?",
                    "Barn, unga, studerande, föreningar: vem behöver utrymme och när?",
                    "Children, young people, students, associations: who needs space and when?",
                ),
            ),
            _item(
                tr,
                "19:15",
                ("Ideoiden äänestys", "Omröstning om idéerna", "Voting on the ideas"),
                "common",
                ("Valtuustosali", "Fullmäktigesalen", "Council chamber"),
            ),
        ],
        languages=["fi", "sv"],
        accessibility_services=["speech_to_text", "remote"],
    )


def _pop_ups(ctx):
    today = ctx["today"]
    specs = [
        (
            8,
            12,
            (
                "Pop up: kerro toiveesi torilla",
                "Pop up: berätta dina önskemål på torget",
                "Pop-up: tell us your wishes at the market",
            ),
            ("pop-up-tori", "pop-up-torget", "pop-up-market"),
            "torikulma",
            ["keskusta"],
            EventPage.Status.SCHEDULED,
        ),
        (
            33,
            15,
            (
                "Pop up: Rantapuiston kesäpiha",
                "Pop up: sommargården i Strandparken",
                "Pop-up: the Rantapuisto summer yard",
            ),
            ("pop-up-rantapuisto", "pop-up-strandparken", "pop-up-rantapuisto"),
            "rantapuiston-asukastalo",
            ["etela"],
            EventPage.Status.CANCELLED,
        ),
        (
            118,
            12,
            (
                "Pop up: Pajupellon ostarilla",
                "Pop up: vid Pilåkerns köpcenter",
                "Pop-up: at the Pajupelto shops",
            ),
            ("pop-up-pajupelto", "pop-up-pilakern", "pop-up-pajupelto"),
            "pajupellon-nuorisotalo",
            ["pajupelto"],
            EventPage.Status.SCHEDULED,
        ),
    ]
    events = []
    for days, hour, title, slug, venue, areas, status in specs:
        events.append(
            _event(
                ctx,
                title=title,
                slug=slug,
                fmt="pop-up",
                start=_at(today, days, hour, 0, weekday=5),  # Saturdays
                hours=3,
                summary=(
                    "Poikkea pisteelle ohi kulkiessasi: kolme kysymystä, kartta ja tarroja. Vie viestisi kaupungille viidessä minuutissa.",
                    "Titta in vid punkten när du går förbi: tre frågor, en karta och klistermärken. Ge staden ditt budskap på fem minuter.",
                    "Drop by the stand as you pass: three questions, a map and stickers. Give the city your message in five minutes.",
                ),
                description=[
                    (
                        "Kevytosallistuminen sopii sinulle, jolla ei ole aikaa kokonaiseen iltaan. Vastaukset kirjataan samaan aineistoon kuin asukasiltojen palaute.",
                        "Lätt deltagande passar dig som inte har tid för en hel kväll. Svaren förs in i samma material som responsen från invånarkvällarna.",
                        "Light participation suits you if you do not have time for a whole evening. The answers go into the same material as the feedback from resident evenings.",
                    ),
                ],
                venue=venue,
                areas=areas,
                status=status,
                languages=["fi", "sv", "en", "ru"],
            )
        )
    return events


def _associations(ctx):
    today = ctx["today"]
    events = []
    for index, days in enumerate((54, 236)):
        events.append(
            _event(
                ctx,
                title=(
                    ("Kevään yhdistystreffit", "Vårens föreningsträff", "Spring association meet-up"),
                    ("Syksyn yhdistystreffit", "Höstens föreningsträff", "Autumn association meet-up"),
                )[index],
                slug=(
                    ("yhdistystreffit-kevat", "foreningstraff-var", "association-meet-up-spring"),
                    ("yhdistystreffit-syksy", "foreningstraff-host", "association-meet-up-autumn"),
                )[index],
                fmt="yhdistykset",
                start=_at(today, days, 18, 0, weekday=2),
                hours=2,
                summary=(
                    "Ajankohtaista kaupungin avustuksista ja tiloista yhdistyksille, sekä aikaa verkostoitua.",
                    "Aktuellt om stadens bidrag och lokaler för föreningar, och tid att nätverka.",
                    "News on the city's grants and premises for associations, and time to network.",
                ),
                description=[
                    (
                        "Treffit kokoavat kaupunginosayhdistykset, urheiluseurat ja muut järjestöt samaan pöytään. Kaupunki kertoo avustushausta, ja yhdistykset esittelevät toisilleen tulevia hankkeitaan.",
                        "Träffen samlar stadsdelsföreningar, idrottsföreningar och andra organisationer kring samma bord. Staden berättar om bidragsansökan och föreningarna presenterar kommande projekt för varandra.",
                        "The meet-up brings neighbourhood associations, sports clubs and other organisations to the same table. The city explains the grant round and the associations present their coming projects to each other.",
                    ),
                ],
                venue="kaupungintalo",
                mode=MIXED,
                series=ctx["series"],
                themes=["yhdistykset"],
                participation_symbol=False,
                languages=["fi", "sv"],
            )
        )
    # The picnic is held each August on the beach; no information part, only getting to know each other.
    august = today.replace(month=8, day=12)
    if august < today:
        august = august.replace(year=today.year + 1)
    events.append(
        _event(
            ctx,
            title=("Yhdistysten piknik", "Föreningarnas picknick", "Associations' picnic"),
            slug=("yhdistysten-piknik", "foreningarnas-picknick", "associations-picnic"),
            fmt="yhdistykset",
            start=_at(august, 0, 16, 0, weekday=3),
            hours=3,
            summary=(
                "Rento iltapäivä rannalla yhdistysten väelle: eväitä, pihapelejä ja uusia tuttavuuksia. Ei esityksiä.",
                "En avslappnad eftermiddag på stranden för föreningsfolk: matsäck, gårdsspel och nya bekantskaper. Inga presentationer.",
                "A relaxed afternoon on the beach for association people: picnic food, lawn games and new acquaintances. No presentations.",
            ),
            description=[
                (
                    "Tuo omat eväät ja jaa niitä muiden kanssa. Kaupunki tarjoaa kahvin ja mehun.",
                    "Ta med egen matsäck och dela med de andra. Staden bjuder på kaffe och saft.",
                    "Bring your own food and share it with others. The city offers coffee and juice.",
                ),
                (
                    "Paviljongissa on palautepiste, jossa voit rauhassa kirjoittaa ideoita yhdistysyhteistyöhön, nimellä tai nimettömänä.",
                    "I paviljongen finns en responspunkt där du i lugn och ro kan skriva idéer om föreningssamarbetet, med eller utan namn.",
                    "In the pavilion there is a feedback point where you can write down ideas for association co-operation in peace, with or without your name.",
                ),
            ],
            venue="hiekkaniemi",
            themes=["yhdistykset"],
            areas=["rantapuisto"],
            participation_symbol=False,
            languages=["fi", "sv"],
        )
    )
    return events


def _panel_meeting(ctx):
    return _event(
        ctx,
        title=(
            "Kestävän kehityksen asukaspaneeli",
            "Invånarpanelen för hållbar utveckling",
            "Resident panel on sustainable development",
        ),
        slug=(
            "asukaspaneeli-kestava-kehitys",
            "invanarpanel-hallbar-utveckling",
            "resident-panel-sustainability",
        ),
        fmt="paneeli",
        start=_at(ctx["today"], 68, 18, 0, weekday=0),
        hours=1.5,
        summary=(
            "Paneelin jäsenet arvioivat ilmasto-ohjelman luonnosta. Tapaaminen on avoin kuunneltavaksi.",
            "Panelens medlemmar bedömer utkastet till klimatprogram. Mötet är öppet att lyssna på.",
            "The panel's members assess the draft climate programme. Anyone may listen in.",
        ),
        description=[
            (
                "Paneeliin on valittu 24 eri-ikäistä asukasta kaikilta suuralueilta. Muut voivat seurata keskustelua etänä ja lähettää kysymyksiä.",
                "Panelen består av 24 invånare i olika åldrar från alla storområden. Andra kan följa diskussionen på distans och skicka in frågor.",
                "The panel has 24 residents of different ages from every major area. Others can follow the discussion online and send questions.",
            ),
        ],
        mode=ONLINE,
        themes=["kestava-kehitys"],
        languages=["fi"],
        accessibility_services=["speech_to_text"],
    )


def _link_to_calendar(sources, calendar):
    """Point the home page's "see all" link and the activity model's call to action at the
    calendar, in every language."""
    pages = []
    for source in filter(None, sources):
        pages += [p.specific for p in Page.objects.filter(translation_key=source.translation_key)]
    for page in pages:
        target = Page.objects.filter(
            translation_key=calendar.translation_key, locale_id=page.locale_id
        ).first()
        if target is None:
            continue
        changed = False
        for block in page.body:
            if block.block_type == "upcoming_events" and not block.value.get("more_page"):
                block.value["more_page"] = target
                changed = True
            elif (
                block.block_type == "call_to_action"
                and not block.value.get("page")
                and not block.value.get("url")
            ):
                block.value["page"] = target
                changed = True
        if changed:
            page.save_revision().publish()
