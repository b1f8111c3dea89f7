"""Demo content for the directory's people, network, practice models and news (fi, sv, en).

Loaded by `load_demo` after `directory.demo` (the associations), once. The people are fictional;
the two practice models retell, in our own words, the kinds of write-ups practice-model libraries
hold (a co-operation platform founded in a crisis; an association picnic).
"""

from datetime import timedelta

from django.apps import apps
from django.utils import timezone

from directory.models import (
    AreaCoordinatorPage,
    ArticleIndexPage,
    ArticleOrganisation,
    ArticlePage,
    NetworkMeeting,
    NetworkMember,
    NetworkPage,
    Person,
    PersonArea,
    PracticeModelIndexPage,
    PracticeModelPage,
    PracticeModelTheme,
)
from home.demo_tools import add_child, translate


def restore(context):
    context.objects["network"] = NetworkPage.objects.filter(locale__language_code="fi").first()
    context.objects["news"] = ArticleIndexPage.objects.filter(locale__language_code="fi").first()


def load(context):
    tr = context.tr
    home = context.home()
    people = _people(context)
    _coordinator_page(home, tr)
    organisations = _organisations(context)
    network = _network(context, home, people["network"], organisations)
    _practice_models(context, home)
    news = _news(context, home, organisations)
    context.objects.update(network=network, news=news)


def _publish_translated(parent, page, tr):
    add_child(parent, page)
    translate(page, tr)
    return page


def _people(context):
    tr = context.tr
    areas = context.objects["areas"]
    specs = {
        "centre": {
            "name": "Elina Rantanen",
            "kind": Person.Kind.AREA_COORDINATOR,
            "role": tr("Aluekoordinaattori", "Områdeskoordinator", "Area coordinator"),
            "introduction": tr(
                "Autan asukkaita ja yhdistyksiä keskustan ja etelän alueilla: asukasillat, tilat ja avustukset.",
                "Jag hjälper invånare och föreningar i centrum och de södra områdena: invånarkvällar, lokaler och bidrag.",
                "I help residents and associations in the centre and the south: resident evenings, premises and grants.",
            ),
            "phone": "040 100 2001",
            "email": "elina.rantanen@jarvela.example",
            "languages": ["fi", "sv", "en"],
            "areas": [slug for slug in ("keskusta", "etela") if slug in areas],
        },
        "north": {
            "name": "Jussi Koskinen",
            "kind": Person.Kind.AREA_COORDINATOR,
            "role": tr("Aluekoordinaattori", "Områdeskoordinator", "Area coordinator"),
            "introduction": tr(
                "Pohjoisen ja idän alueet. Tavoitat minut myös kirjastojen asukasinfoista.",
                "De norra och östra områdena. Du träffar mig också på bibliotekens invånarinfo.",
                "The northern and eastern areas. You can also find me at the libraries' resident info desks.",
            ),
            "phone": "040 100 2002",
            "email": "jussi.koskinen@jarvela.example",
            "languages": ["fi", "en"],
            "areas": [slug for slug in ("pohjoinen", "ita") if slug in areas],
        },
        "resident": {
            "name": "Tuula Mäkelä",
            "kind": Person.Kind.RESIDENT_COORDINATOR,
            "role": tr(
                "Asukaskoordinaattori, vapaaehtoinen",
                "Invånarkoordinator, frivillig",
                "Resident coordinator, volunteer",
            ),
            "introduction": tr(
                "Asun Koivikossa ja vien naapuruston ideoita eteenpäin.",
                "Jag bor i Björkby och för grannskapets idéer vidare.",
                "I live in Koivikko and take the neighbourhood's ideas forward.",
            ),
            "email": "tuula.koivikko@example.org",
            "languages": ["fi"],
            "areas": [slug for slug in ("koivikko",) if slug in areas],
        },
        "network": {
            "name": "Mikael Sjöberg",
            "kind": Person.Kind.STAFF,
            "role": tr(
                "Järjestöyhteistyön koordinaattori",
                "Koordinator för föreningssamarbete",
                "Association co-operation coordinator",
            ),
            "email": "mikael.sjoberg@jarvela.example",
            "phone": "040 100 2003",
            "languages": ["fi", "sv"],
            "areas": [],
        },
    }
    people = {}
    for key, spec in specs.items():
        area_slugs = spec.pop("areas")
        person = Person.objects.create(
            **spec, area_links=[PersonArea(area=areas[slug]) for slug in area_slugs]
        )
        translate(person, tr)
        people[key] = person
    return people


def _coordinator_page(home, tr):
    page = AreaCoordinatorPage(
        title=tr("Alueesi koordinaattori", "Din områdeskoordinator", "Your area coordinator"),
        slug=tr("alueesi-koordinaattori", "din-omradeskoordinator", "your-area-coordinator"),
        introduction=tr(
            "Aluekoordinaattorit ja vapaaehtoiset asukaskoordinaattorit auttavat, kun haluat vaikuttaa omaan asuinalueeseesi. Valitse alue tai kirjoita postinumerosi.",
            "Områdeskoordinatorerna och de frivilliga invånarkoordinatorerna hjälper dig att påverka ditt eget område. Välj område eller skriv ditt postnummer.",
            "Area coordinators and volunteer resident coordinators help you have a say in your own neighbourhood. Choose an area or type your postcode.",
        ),
        contact_note=tr.paragraphs(
            (
                "Jos alueellesi ei vielä ole koordinaattoria, kirjoita kaupungin osallisuustiimille.",
                "Om ditt område ännu inte har en koordinator, skriv till stadens delaktighetsteam.",
                "If your area has no coordinator yet, write to the city's participation team.",
            )
        ),
    )
    return _publish_translated(home, page, tr)


def _organisations(context):
    """Finnish organisation pages from the associations' demo, if that part is installed."""
    try:
        model = apps.get_model("directory", "OrganisationPage")
    except LookupError:
        return []
    return list(model.objects.live().filter(locale__language_code="fi").order_by("title")[:6])


def _network(context, home, contact, organisations):
    tr = context.tr
    meet_ups = [e for e in context.objects.get("events", []) if e.series_id]
    page = NetworkPage(
        title=tr("Järvelän yhdistysfoorumi", "Järvelä föreningsforum", "Järvelä association forum"),
        slug=tr("yhdistysfoorumi", "foreningsforum", "association-forum"),
        summary=tr(
            "Avoin verkosto, jossa Järvelän yhdistykset jakavat tietoa, tiloja ja tekijöitä.",
            "Ett öppet nätverk där Järvelä föreningar delar kunskap, lokaler och händer.",
            "An open network where Järvelä's associations share knowledge, premises and helping hands.",
        ),
        purpose=tr.paragraphs(
            (
                "Foorumi kokoaa eri alojen yhdistykset saman pöydän ääreen. Yhdessä vaikutamme kaupungin päätöksiin ja suunnittelemme tapahtumia, joita yksi yhdistys ei jaksaisi järjestää yksin.",
                "Forumet samlar föreningar från olika områden kring samma bord. Tillsammans påverkar vi stadens beslut och planerar evenemang som en förening inte skulle orka ordna ensam.",
                "The forum brings associations of every field to the same table. Together we influence the city's decisions and plan events no single association could manage alone.",
            )
        ),
        audience=tr.paragraphs(
            (
                "Kaikille Järvelässä toimiville yhdistyksille, seuroille ja vapaille ryhmille sekä kaupungin työntekijöille, jotka tekevät työtä niiden kanssa.",
                "Alla föreningar, klubbar och fria grupper som verkar i Järvelä samt stadens anställda som arbetar med dem.",
                "Every association, club and informal group active in Järvelä, and the city staff who work with them.",
            )
        ),
        how_to_join=tr.paragraphs(
            (
                "Tule mukaan seuraaviin yhdistystreffeihin tai kirjoita koordinaattorille. Jäsenmaksua ei ole.",
                "Kom med på nästa föreningsträff eller skriv till koordinatorn. Det finns ingen medlemsavgift.",
                "Come to the next association meet-up or write to the coordinator. There is no membership fee.",
            )
        ),
        contact_person=contact,
        member_links=[NetworkMember(organisation=o) for o in organisations],
        meeting_links=[NetworkMeeting(event=e) for e in meet_ups],
        sub_groups=[
            (
                "group",
                {
                    "name": tr("Tilat ja tarvikkeet", "Lokaler och utrustning", "Premises and equipment"),
                    "description": tr(
                        "Vaihdamme tietoa vapaista tiloista ja lainaamme toisillemme astioita, telttoja ja äänentoistoa.",
                        "Vi tipsar om lediga lokaler och lånar ut porslin, tält och ljudanläggning till varandra.",
                        "We pass on word of free premises and lend each other crockery, tents and sound equipment.",
                    ),
                    "contact": None,
                },
            ),
            (
                "group",
                {
                    "name": tr("Vaikuttamistyö", "Påverkansarbete", "Advocacy"),
                    "description": tr(
                        "Valmistelemme yhteisiä lausuntoja kaupungille ja hyvinvointialueelle.",
                        "Vi förbereder gemensamma utlåtanden till staden och välfärdsområdet.",
                        "We prepare joint statements to the city and the wellbeing services county.",
                    ),
                    "contact": contact,
                },
            ),
        ],
    )
    return _publish_translated(home, page, tr)


def _practice_models(context, home):
    tr = context.tr
    themes = context.objects.get("themes", {})
    index = _publish_translated(
        home,
        PracticeModelIndexPage(
            title=tr("Toimintamallit", "Verksamhetsmodeller", "Practice models"),
            slug=tr("toimintamallit", "verksamhetsmodeller", "practice-models"),
            introduction=tr(
                "Yhdistysten ja kaupungin kokeiltuja tapoja tehdä yhdessä. Ota käyttöön ja kerro kokemuksistasi.",
                "Beprövade sätt för föreningar och staden att arbeta tillsammans. Ta i bruk och berätta om dina erfarenheter.",
                "Tried ways for associations and the city to work together. Adopt one and tell us how it went.",
            ),
        ),
        tr,
    )
    platform = PracticeModelPage(
        title=tr(
            "Yhteinen verkkoalusta kriisin keskellä",
            "En gemensam nätplattform mitt i krisen",
            "A shared online platform in the middle of a crisis",
        ),
        slug=tr("yhteinen-alusta-kriisissa", "gemensam-plattform-i-kris", "shared-platform-in-a-crisis"),
        summary=tr(
            "Kun poikkeusolot pysäyttivät tavalliset kokoontumiset, perustimme avoimen verkkoryhmän, jossa yhdistykset ja vapaaehtoiset sopivat avusta ja jakoivat ratkaisujaan.",
            "När undantagsförhållandena stoppade de vanliga träffarna grundade vi en öppen nätgrupp där föreningar och frivilliga kom överens om hjälp och delade sina lösningar.",
            "When emergency conditions stopped ordinary gatherings, we set up an open online group where associations and volunteers arranged help and shared their solutions.",
        ),
        implementation_place=tr(
            "Yhdessä tekemisen verkosto", "Nätverket för samverkan", "Working Together Network"
        ),
        region=tr("Valtakunnallinen", "Riksomfattande", "Nationwide"),
        funder=tr(
            "Järjestöjen avustuskeskus", "Bidragscentralen för organisationer", "Grants centre for NGOs"
        ),
        author=tr("Verkoston työryhmä", "Nätverkets arbetsgrupp", "The network's working group"),
        stage=PracticeModelPage.Stage.READY,
        theme_links=[PracticeModelTheme(theme=themes[s]) for s in ("yhdistykset",) if s in themes],
        need_and_goals=tr.paragraphs(
            (
                "Rajoitukset muuttivat koko kansalaistoiminnan kentän muutamassa päivässä. Yhteisöt tarvitsivat paikan, jossa löytää toisensa nopeasti.",
                "Restriktionerna förändrade hela medborgarverksamheten på några dagar. Gemenskaperna behövde en plats där de snabbt kunde hitta varandra.",
                "Restrictions changed the whole field of civic action within days. Communities needed a place to find each other quickly.",
            )
        ),
        solution=tr.paragraphs(
            (
                "Avoin, hierarkiaton ryhmä, jossa kuka tahansa voi aloittaa keskustelun. Samanlaisten ihmisten kanssa toimivat kokoontuivat löyhiin teemaryhmiin.",
                "En öppen grupp utan hierarki där vem som helst kan starta en diskussion. De som arbetar med liknande människor samlades i lösa temagrupper.",
                "An open group without hierarchy where anyone can start a conversation. People working with similar groups gathered in loose theme groups.",
            )
        ),
        operating_environment=tr.paragraphs(
            (
                "Digitaaliset alustat antavat suurten joukkojen vaihtaa tietoa nopeasti, mikä auttaa reagoimaan äkillisiin muutoksiin.",
                "Digitala plattformar låter stora grupper utbyta information snabbt, vilket hjälper att reagera på plötsliga förändringar.",
                "Digital platforms let large groups exchange information quickly, which helps in reacting to sudden changes.",
            )
        ),
        conditions_for_success=tr.paragraphs(
            (
                "Kriisi avaa lyhyen ikkunan, jolloin toimijat etsivät uusia yhteyksiä. Alusta on perustettava heti ja yhteinen tavoite sanoitettava selvästi.",
                "En kris öppnar ett kort fönster då aktörerna söker nya kontakter. Plattformen ska grundas genast och det gemensamma målet formuleras tydligt.",
                "A crisis opens a short window in which people look for new connections. Start the platform at once and put the shared goal into clear words.",
            )
        ),
        evaluation_results=tr.paragraphs(
            (
                "Ryhmä oli vilkkaimmillaan ensimmäiset kuukaudet. Sen jälkeen se hiljeni mutta jäi tärkeäksi kanavaksi samojen asioiden parissa toimiville.",
                "Gruppen var som livligast de första månaderna. Sedan blev den tystare men förblev en viktig kanal för dem som arbetar med samma frågor.",
                "The group was busiest in its first months. Then it grew quieter but stayed an important channel for people working on the same things.",
            )
        ),
        tips_for_adopters=tr.paragraphs(
            (
                "Kutsu muut mukaan nopeasti ja kerro, mihin yhteiseen asiaan liitytään. Anna teemaryhmien syntyä tarpeen mukaan.",
                "Bjud in andra snabbt och berätta vilken gemensam sak man ansluter sig till. Låt temagrupperna uppstå efter behov.",
                "Invite others quickly and say which shared cause they are joining. Let theme groups form as they are needed.",
            )
        ),
        contacts=[
            (
                "contact",
                {
                    "name": tr("Verkoston työryhmä", "Nätverkets arbetsgrupp", "The network's working group"),
                    "organisation": tr(
                        "Yhdessä tekemisen verkosto", "Nätverket för samverkan", "Working Together Network"
                    ),
                    "email": "alusta@example.org",
                    "phone": "",
                },
            )
        ],
        attachments=[
            (
                "link",
                {
                    "title": tr(
                        "Mallin kuvaus (PDF)",
                        "Beskrivning av modellen (PDF)",
                        "Description of the model (PDF)",
                    ),
                    "url": "https://example.org/malli.pdf",
                },
            )
        ],
    )
    picnic = PracticeModelPage(
        title=tr("Yhdistyspiknik", "Föreningspicknick", "Association picnic"),
        slug=tr("yhdistyspiknik", "foreningspicknick", "association-picnic"),
        summary=tr(
            "Rento kesäpiknik, jossa yhdistysten väki tutustuu toisiinsa ilman esityslistaa. Sisällä on rauhallinen piste kirjallista palautetta varten.",
            "En avslappnad sommarpicknick där föreningsfolk lär känna varandra utan föredragningslista. Inomhus finns en lugn plats för skriftlig respons.",
            "A relaxed summer picnic where people from associations get to know each other without an agenda. Indoors there is a quiet spot for written feedback.",
        ),
        implementation_place=tr(
            "Järvelän kaupunki, järjestöyhteistyö",
            "Järvelä stad, föreningssamarbete",
            "City of Järvelä, association co-operation",
        ),
        region=tr("Järvelä", "Järvelä", "Järvelä"),
        funder=tr("Järvelän kaupunki", "Järvelä stad", "City of Järvelä"),
        author=tr("Järjestötiimi", "Föreningsteamet", "The association team"),
        stage=PracticeModelPage.Stage.IN_DEVELOPMENT,
        theme_links=[
            PracticeModelTheme(theme=themes[s])
            for s in ("yhdistykset", "kulttuuri-ja-vapaa-aika")
            if s in themes
        ],
        need_and_goals=tr.paragraphs(
            (
                "Yhdistystreffit ovat tärkeitä tiedon jakamiselle, mutta niissä jää vähän aikaa tutustua. Piknikin ainoa tavoite on, että yhdistykset verkostoituvat ja löytävät yhteistyökumppaneita.",
                "Föreningsträffarna är viktiga för att dela information, men där blir det lite tid att lära känna varandra. Picknickens enda mål är att föreningarna knyter kontakter och hittar samarbetspartner.",
                "Association meet-ups matter for sharing information but leave little time to get acquainted. The picnic's only goal is for associations to network and find partners.",
            )
        ),
        solution=tr.paragraphs(
            (
                "Kaupungin työntekijät ja vapaaehtoiset yhdistysagentit järjestävät piknikin uimarannalla elokuussa. Jokainen tuo jotain jaettavaa. Mainonnassa korostetaan rentoa, yhteisöllistä tunnelmaa.",
                "Stadens anställda och frivilliga föreningsagenter ordnar picknicken på badstranden i augusti. Alla tar med något att dela. Marknadsföringen betonar den avslappnade, gemensamma stämningen.",
                "City staff and volunteer association agents hold the picnic on the beach in August. Everyone brings something to share. The publicity stresses the relaxed, communal mood.",
            )
        ),
        evaluation_results=tr.paragraphs(
            (
                "Mukana oli väkeä monesta yhdistyksestä, ja he sopivat esimerkiksi tilojen ja astioiden yhteiskäytöstä. Kirjallinen palaute auttoi parantamaan yhdistystiedotusta.",
                "Folk från många föreningar deltog, och de kom till exempel överens om att dela lokaler och porslin. Den skriftliga responsen hjälpte att förbättra föreningsinformationen.",
                "People from many associations took part and agreed, for example, to share premises and crockery. The written feedback helped improve information for associations.",
            )
        ),
        tips_for_adopters=tr.paragraphs(
            (
                "Pidä ohjelma kevyenä. Varaa sadesää varten sisätila, jossa on myös palautepiste.",
                "Håll programmet lätt. Boka ett inomhusutrymme för regnväder där också responsplatsen finns.",
                "Keep the programme light. Book an indoor space for rain, where the feedback spot can also be.",
            )
        ),
        contacts=[
            (
                "contact",
                {
                    "name": tr("Järjestötiimi", "Föreningsteamet", "The association team"),
                    "organisation": tr("Järvelän kaupunki", "Järvelä stad", "City of Järvelä"),
                    "email": "yhdistykset@jarvela.example",
                    "phone": "",
                },
            )
        ],
    )
    for page in (platform, picnic):
        _publish_translated(index, page, tr)
    return index


def _news(context, home, organisations):
    tr = context.tr
    index = _publish_translated(
        home,
        ArticleIndexPage(
            title=tr("Uutiset ja blogi", "Nyheter och blogg", "News and blog"),
            slug=tr("uutiset", "nyheter", "news"),
            introduction=tr(
                "Ajankohtaista Järvelän yhdistyksistä ja osallistumisesta.",
                "Aktuellt om föreningar och delaktighet i Järvelä.",
                "News about associations and taking part in Järvelä.",
            ),
            show_in_menus=True,
        ),
        tr,
    )
    today = timezone.localdate()
    first = ArticlePage(
        title=tr(
            "Yhdistysyhteistyön hetki on nyt",
            "Nu är det dags för föreningssamarbete",
            "Now is the moment for association co-operation",
        ),
        slug=tr("yhdistysyhteistyon-hetki", "dags-for-foreningssamarbete", "moment-for-co-operation"),
        author=tr("Järjestötiimi", "Föreningsteamet", "The association team"),
        date=today - timedelta(days=12),
        summary=tr(
            "Palvelujen vastuut jakautuvat kunnan ja hyvinvointialueen kesken. Yhdistykset vaikuttavat parhaiten yhdessä.",
            "Ansvaret för tjänsterna delas mellan kommunen och välfärdsområdet. Föreningar påverkar bäst tillsammans.",
            "Responsibility for services is split between the municipality and the wellbeing services county. Associations have most say together.",
        ),
        body=[
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Yhdistykset tekevät yhteistyötä eri kunnissa hyvin eri tavoin. Usein yhteistyö alkaa tutusta ihmisestä tai tapahtumasta, joka on järkevää tehdä yhdessä.",
                        "Föreningar samarbetar på mycket olika sätt i olika kommuner. Ofta börjar samarbetet med en bekant person eller ett evenemang som är klokt att ordna tillsammans.",
                        "Associations co-operate very differently from one municipality to the next. It often starts with someone you know or an event that makes sense to hold together.",
                    ),
                    (
                        "Kun peruspalveluihin vaikutetaan kunnassa ja sosiaali- ja terveyspalveluihin hyvinvointialueella, verkostosta tulee yhdistysten tärkein voimavara. Tule mukaan yhdistysfoorumiin!",
                        "När man påverkar grundtjänsterna i kommunen och social- och hälsovården i välfärdsområdet blir nätverket föreningarnas viktigaste resurs. Kom med i föreningsforumet!",
                        "When basic services are influenced in the municipality and health and social services in the wellbeing county, the network becomes the associations' most important resource. Join the association forum!",
                    ),
                ),
            )
        ],
        organisation_links=[ArticleOrganisation(organisation=o) for o in organisations[:2]],
    )
    first.tags.add("yhdistykset", "vaikuttaminen")
    second = ArticlePage(
        title=tr(
            "Kaksi uutta aluekoordinaattoria aloitti",
            "Två nya områdeskoordinatorer har börjat",
            "Two new area coordinators have started",
        ),
        slug=tr("uudet-aluekoordinaattorit", "nya-omradeskoordinatorer", "new-area-coordinators"),
        author=tr("Viestintä", "Kommunikation", "Communications"),
        date=today - timedelta(days=3),
        summary=tr(
            "Elina Rantanen ja Jussi Koskinen auttavat asukkaita ja yhdistyksiä vaikuttamaan omalla alueellaan.",
            "Elina Rantanen och Jussi Koskinen hjälper invånare och föreningar att påverka i sitt eget område.",
            "Elina Rantanen and Jussi Koskinen help residents and associations have a say in their own areas.",
        ),
        body=[
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Aluekoordinaattorit kokoavat asukasiltojen palautteen ja vievät sen valmistelijoille. Löydät oman alueesi koordinaattorin postinumerollasi.",
                        "Områdeskoordinatorerna samlar responsen från invånarkvällarna och för den vidare till beredarna. Du hittar ditt områdes koordinator med ditt postnummer.",
                        "Area coordinators gather the feedback from resident evenings and pass it to the officials preparing decisions. Find your area's coordinator by your postcode.",
                    )
                ),
            )
        ],
    )
    second.tags.add("osallistuminen")
    for page in (first, second):
        _publish_translated(index, page, tr)
    return index
