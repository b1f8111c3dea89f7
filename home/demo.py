"""Demo content for the site shell: the home page, general pages, the accessibility statement
and the privacy notice of the fictional City of Järvelä. Written for Kuulu; no real people."""

from wagtail.models import Locale, Page, Site

from home.demo_tools import add_child, demo_image, translate
from home.models import HomePage, SiteSettings, StandardPage

DEMO_HOST = "127.0.0.1"


def restore(context):
    home = HomePage.objects.filter(locale__language_code="fi").first()
    context.objects["home"] = home
    for slug in ("asukastoiminnan-malli", "saavutettavuusseloste", "tietosuojaseloste"):
        page = StandardPage.objects.filter(slug=slug, locale__language_code="fi").first()
        if page:
            context.objects[slug] = page


def ensure_locales():
    for code in ("fi", "sv", "en"):
        Locale.objects.get_or_create(language_code=code)


def load(context):
    tr = context.tr
    ensure_locales()
    root = Page.get_first_root_node()
    fi = Locale.objects.get(language_code="fi")

    hero_image = demo_image(
        "Asukasilta kirjastossa",
        ["#0b3d91", "#ffd23f", "#5aa9e6", "#f4f1de"],
        seed=1,
    )

    home = HomePage(
        title=tr(
            "Järvelän kaupunki: osallistu ja vaikuta",
            "Järvelä stad: delta och påverka",
            "City of Järvelä: take part and have your say",
        ),
        slug=tr("koti", "hem", "home"),
        locale=fi,
        site_name=tr("Järvelä osallistuu", "Järvelä deltar", "Järvelä takes part"),
        hero_heading=tr(
            "Sinun äänesi kuuluu Järvelässä",
            "Din röst hörs i Järvelä",
            "Your voice is heard in Järvelä",
        ),
        hero_text=tr(
            "Asukasillat, asukaspaneelit, pikakyselyt ja yhdistysten verkostot: löydä itsellesi sopiva tapa vaikuttaa kotikaupunkisi asioihin.",
            "Invånarkvällar, invånarpaneler, snabbenkäter och föreningarnas nätverk: hitta ett sätt att påverka din hemstad som passar dig.",
            "Resident evenings, resident panels, quick polls and association networks: find the way of influencing your home town that suits you.",
        ),
        hero_link_label=tr("Näin voit osallistua", "Så här kan du delta", "How you can take part"),
        image=hero_image,
        image_alt=tr(
            "Piirroskuvitus: värikkäitä ympyröitä sinisellä pohjalla",
            "Illustration: färgglada cirklar mot blå bakgrund",
            "Illustration: colourful circles on a blue background",
        ),
        introduction=tr.paragraphs(
            (
                "Kaupunki kehittyy parhaiten yhdessä asukkaiden kanssa. Kun näet sivustolla osallisuussymbolin, voit osallistua ja vaikuttaa juuri siihen asiaan.",
                "Staden utvecklas bäst tillsammans med invånarna. När du ser delaktighetssymbolen på webbplatsen kan du delta och påverka just den frågan.",
                "A city develops best together with its residents. Wherever you see the participation symbol on this site, you can take part and influence that very matter.",
            ),
        ),
        body=[
            (
                "upcoming_events",
                {
                    "heading": tr("Tulevat tapahtumat", "Kommande evenemang", "Upcoming events"),
                    "count": 4,
                    "more_page": None,
                },
            ),
            (
                "open_participation",
                {
                    "heading": tr(
                        "Avoimet osallistumismahdollisuudet",
                        "Öppna möjligheter att delta",
                        "Open for participation",
                    ),
                    "count": 3,
                    "more_page": None,
                },
            ),
            (
                "latest_news",
                {
                    "heading": tr("Uutiset ja blogi", "Nyheter och blogg", "News and blog"),
                    "count": 3,
                    "more_page": None,
                },
            ),
        ],
    )
    root.add_child(instance=home)
    home.save_revision().publish()

    # Point the default site at the Finnish home page and drop Wagtail's welcome page.
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=DEMO_HOST, port=8000, root_page=home, is_default_site=True, site_name="Järvelä"
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Järvelä"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2 and old_root.id != home.id:
            old_root.delete()

    model_page = _activity_model_page(tr)
    model_page.show_in_menus = True
    add_child(home, model_page)
    home.hero_link = model_page
    home.save_revision().publish()

    a11y = add_child(home, _accessibility_statement(tr))
    privacy = add_child(home, _privacy_notice(tr))

    settings = SiteSettings.for_site(site)
    settings.organisation_name = "Järvelän kaupunki – Järvelä stad – City of Järvelä"
    settings.street_address = "Kauppakatu 1"
    settings.postcode = "99990"
    settings.city = "Järvelä"
    settings.phone = "+358 40 000 0000"
    settings.email = "osallisuus@jarvela.example"
    settings.accessibility_statement = a11y
    settings.privacy_notice = privacy
    settings.save()

    for page in (home, model_page, a11y, privacy):
        translate(page, tr)

    context.objects.update(
        {
            "home": home,
            "asukastoiminnan-malli": model_page,
            "saavutettavuusseloste": a11y,
            "tietosuojaseloste": privacy,
        }
    )


def _activity_model_page(tr):
    return StandardPage(
        title=tr(
            "Asukastoiminnan malli", "Modellen för invånarverksamhet", "How resident participation works"
        ),
        slug=tr(
            "asukastoiminnan-malli", "modellen-for-invanarverksamhet", "how-resident-participation-works"
        ),
        introduction=tr(
            "Järvelä kuuntelee asukkaitaan suunnitelmallisesti: asukasiltojen vuosikello, paneelit, kevyet osallistumistavat ja palaute jokaisesta tapahtumasta.",
            "Järvelä lyssnar på sina invånare enligt en plan: ett årshjul för invånarkvällar, paneler, lätta sätt att delta och respons efter varje evenemang.",
            "Järvelä listens to its residents by plan: an annual clock of resident evenings, panels, light ways to take part and feedback after every event.",
        ),
        body=[
            (
                "heading",
                {
                    "text": tr("Osallisuussymboli", "Delaktighetssymbolen", "The participation symbol"),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Symboli kertoo, että asiaan voi vaikuttaa. Se näkyy tapahtumissa, kyselyissä ja aiheissa, joissa kaupunki odottaa asukkaiden näkemyksiä ennen päätöstä.",
                        "Symbolen visar att du kan påverka frågan. Den syns vid evenemang, enkäter och ämnen där staden väntar på invånarnas synpunkter innan beslutet fattas.",
                        "The symbol tells you that the matter can still be influenced. It appears on events, polls and topics where the city wants residents' views before deciding.",
                    ),
                ),
            ),
            (
                "heading",
                {
                    "text": tr(
                        "Asukasiltojen vuosikello",
                        "Årshjulet för invånarkvällar",
                        "The annual clock of resident evenings",
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Kaupunki julkaisee asukasiltojen ajat vuodeksi eteenpäin, jotta jokainen voi varata illan kalenteristaan. Illat ovat joko alueellisia tai teemaan keskittyviä.",
                        "Staden publicerar tiderna för invånarkvällarna ett år framåt, så att alla kan boka in kvällen i sin kalender. Kvällarna utgår antingen från ett område eller ett tema.",
                        "The city publishes the dates of resident evenings a year ahead so that everyone can save the evening in their calendar. Evenings are based either on an area or on a theme.",
                    ),
                    (
                        "Illan aluksi kuullaan yhteinen alustus. Sen jälkeen voit valita rinnakkaisista pisteistä sen, joka kiinnostaa sinua eniten. Mahdollisuuksien mukaan iltaan voi osallistua myös etänä.",
                        "Kvällen börjar med en gemensam inledning. Därefter väljer du bland parallella stationer den som intresserar dig mest. När det går kan du också delta på distans.",
                        "Each evening opens with a common introduction. After it you choose among parallel options the one that interests you most. Whenever possible you can also join online.",
                    ),
                ),
            ),
            (
                "table",
                {
                    "caption": tr("Vuosikellon rytmi", "Årshjulets rytm", "The rhythm of the annual clock"),
                    "column_headers": [
                        tr("Ajankohta", "Tidpunkt", "When"),
                        tr("Mitä tapahtuu", "Vad händer", "What happens"),
                    ],
                    "rows": [
                        [
                            tr("Tammi–helmikuu", "Januari–februari", "January–February"),
                            tr(
                                "Alueelliset asukasillat suuralueittain",
                                "Regionala invånarkvällar per storområde",
                                "Area evenings in each major area",
                            ),
                        ],
                        [
                            tr("Maalis–huhtikuu", "Mars–april", "March–April"),
                            tr(
                                "Teemaillat ja yhteiskehittämispajat",
                                "Temakvällar och workshoppar för samutveckling",
                                "Theme evenings and co-development workshops",
                            ),
                        ],
                        [
                            tr("Touko–elokuu", "Maj–augusti", "May–August"),
                            tr(
                                "Pop up -tapaamiset ja yhdistysten piknik",
                                "Pop up-möten och föreningarnas picknick",
                                "Pop-up meetings and the associations' picnic",
                            ),
                        ],
                        [
                            tr("Syys–joulukuu", "September–december", "September–December"),
                            tr(
                                "Toinen kierros asukasiltoja ja vuoden seuranta",
                                "En andra omgång invånarkvällar och årets uppföljning",
                                "A second round of resident evenings and the year's follow-up",
                            ),
                        ],
                    ],
                    "first_column_is_header": True,
                },
            ),
            (
                "quote",
                {
                    "quote": tr(
                        "Kävin illassa etänä lasten nukkumaanmenon jälkeen, ja ehdotukseni pyöräreitistä oli mukana seurantaraportissa.",
                        "Jag deltog på distans efter att barnen somnat, och mitt förslag om cykelvägen fanns med i uppföljningsrapporten.",
                        "I joined online after the children were asleep, and my suggestion about the cycle route was in the follow-up report.",
                    ),
                    "attribution": tr(
                        "Asukas Pohjois-Järvelästä", "Invånare i norra Järvelä", "A resident of North Järvelä"
                    ),
                },
            ),
            (
                "accordion",
                {
                    "heading": tr("Usein kysyttyä", "Vanliga frågor", "Frequently asked questions"),
                    "items": [
                        {
                            "question": tr(
                                "Pitääkö asukasiltaan ilmoittautua?",
                                "Måste man anmäla sig till en invånarkväll?",
                                "Do I need to sign up for a resident evening?",
                            ),
                            "answer": tr.paragraphs(
                                (
                                    "Useimpiin iltoihin voi tulla ilman ilmoittautumista. Jos tilaan mahtuu rajallinen määrä ihmisiä, tapahtumasivulla on ilmoittautumislomake.",
                                    "Till de flesta kvällar kan du komma utan att anmäla dig. Om antalet platser är begränsat finns ett anmälningsformulär på evenemangets sida.",
                                    "You can come to most evenings without signing up. If the room only fits a limited number of people, the event page has a sign-up form.",
                                )
                            ),
                        },
                        {
                            "question": tr(
                                "Mitä palautteelleni tapahtuu?",
                                "Vad händer med min respons?",
                                "What happens to my feedback?",
                            ),
                            "answer": tr.paragraphs(
                                (
                                    "Jokaisesta tapahtumasta julkaistaan seurantaraportti: mitä tapahtui, mitä otamme mukaamme ja mitä vielä kehitämme.",
                                    "Efter varje evenemang publiceras en uppföljning: vad som hände, vad vi tar med oss och vad vi fortfarande utvecklar.",
                                    "Every event gets a published follow-up: what happened, what we take along and what we still develop.",
                                )
                            ),
                        },
                    ],
                },
            ),
            (
                "call_to_action",
                {
                    "heading": tr(
                        "Etsi seuraava asukasilta",
                        "Hitta nästa invånarkväll",
                        "Find the next resident evening",
                    ),
                    "text": tr(
                        "Vuosikellosta näet kaikki tulevat illat alueittain ja teemoittain.",
                        "I årshjulet ser du alla kommande kvällar per område och tema.",
                        "The annual clock shows all coming evenings by area and theme.",
                    ),
                    "page": None,
                    "url": "",
                    "button_label": tr("Avaa vuosikello", "Öppna årshjulet", "Open the annual clock"),
                },
            ),
        ],
    )


def _accessibility_statement(tr):
    return StandardPage(
        title=tr("Saavutettavuusseloste", "Tillgänglighetsutlåtande", "Accessibility statement"),
        slug=tr("saavutettavuusseloste", "tillganglighetsutlatande", "accessibility-statement"),
        introduction=tr(
            "Tämä seloste koskee Järvelän kaupungin osallistumissivustoa. Se on laadittu digitaalisten palvelujen tarjoamisesta annetun lain (306/2019) mukaisesti.",
            "Detta utlåtande gäller Järvelä stads webbplats för delaktighet. Det har upprättats enligt lagen om tillhandahållande av digitala tjänster (306/2019).",
            "This statement covers the City of Järvelä's participation website. It has been prepared under the Act on the Provision of Digital Services (306/2019).",
        ),
        body=[
            (
                "heading",
                {
                    "text": tr("Saavutettavuuden tila", "Tillgänglighetsstatus", "Compliance status"),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Sivusto täyttää WCAG 2.1 -ohjeiston A- ja AA-tason kriteerit osittain. Puutteet on lueteltu alla.",
                        "Webbplatsen uppfyller delvis kriterierna på nivå A och AA i WCAG 2.1. Bristerna räknas upp nedan.",
                        "The site partially meets the level A and AA success criteria of WCAG 2.1. The shortcomings are listed below.",
                    )
                ),
            ),
            (
                "heading",
                {
                    "text": tr(
                        "Sisältö, joka ei ole saavutettavaa",
                        "Innehåll som inte är tillgängligt",
                        "Content that is not accessible",
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                tr.html(
                    (
                        "p",
                        "Tiedämme seuraavista puutteista:",
                        "Vi känner till följande brister:",
                        "We know of the following shortcomings:",
                    ),
                    (
                        "p",
                        "Osa ennen vuotta 2019 julkaistuista PDF-liitteistä ei ole saavutettavia (WCAG 1.3.1, 2.4.2). Ne eivät kuulu lain piiriin, mutta pyynnöstä toimitamme sisällön saavutettavassa muodossa.",
                        "En del PDF-bilagor som publicerats före 2019 är inte tillgängliga (WCAG 1.3.1, 2.4.2). De omfattas inte av lagen, men på begäran levererar vi innehållet i tillgänglig form.",
                        "Some PDF attachments published before 2019 are not accessible (WCAG 1.3.1, 2.4.2). They fall outside the law, but we will provide the content in an accessible form on request.",
                    ),
                    (
                        "p",
                        "Asukasiltojen tallenteissa ei kaikissa ole vielä tekstitystä (WCAG 1.2.2). Tekstitämme tallenteet kahden viikon kuluessa tapahtumasta.",
                        "Alla inspelningar av invånarkvällar har ännu inte textning (WCAG 1.2.2). Vi textar inspelningarna inom två veckor efter evenemanget.",
                        "Not all recordings of resident evenings have captions yet (WCAG 1.2.2). We caption recordings within two weeks of the event.",
                    ),
                    (
                        "p",
                        "Vuosikellon ympyräkuvio on piirros; sama tieto on sivulla myös tekstinä ja taulukkona.",
                        "Årshjulets cirkeldiagram är en teckning; samma information finns på sidan även som text och tabell.",
                        "The annual clock's circle is a drawing; the same information is on the page as text and as a list.",
                    ),
                ),
            ),
            (
                "heading",
                {
                    "text": tr(
                        "Miten saavutettavuutta on arvioitu",
                        "Hur tillgängligheten har bedömts",
                        "How accessibility was assessed",
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Seloste on laadittu 15.11.2026 ja tarkistettu viimeksi 20.11.2026. Arvio perustuu kaupungin omaan arvioon: automaattisiin axe-testeihin jokaisella julkaisulla sekä näppäimistö- ja ruudunlukijatestaukseen (NVDA ja VoiceOver).",
                        "Utlåtandet upprättades 15.11.2026 och granskades senast 20.11.2026. Bedömningen bygger på stadens egen utvärdering: automatiska axe-tester vid varje publicering samt tester med tangentbord och skärmläsare (NVDA och VoiceOver).",
                        "This statement was prepared on 15 November 2026 and last reviewed on 20 November 2026. It is based on the city's own assessment: automated axe tests on every release and testing with a keyboard and screen readers (NVDA and VoiceOver).",
                    ),
                ),
            ),
            (
                "heading",
                {
                    "text": tr(
                        "Palaute ja yhteystiedot",
                        "Respons och kontaktuppgifter",
                        "Feedback and contact details",
                    ),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Huomasitko puutteen? Kerro siitä meille sähköpostilla osoitteeseen saavutettavuus@jarvela.example. Palautteeseen vastaa kaupungin viestintäyksikkö 14 päivän kuluessa.",
                        "Har du upptäckt en brist? Berätta för oss per e-post till saavutettavuus@jarvela.example. Stadens kommunikationsenhet svarar inom 14 dagar.",
                        "Did you notice a shortcoming? Tell us by e-mail at saavutettavuus@jarvela.example. The city's communications unit answers within 14 days.",
                    ),
                ),
            ),
            (
                "heading",
                {
                    "text": tr("Valvontaviranomainen", "Tillsynsmyndighet", "Enforcement procedure"),
                    "level": "h2",
                },
            ),
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Jos et ole tyytyväinen vastaukseemme tai et saa vastausta kahden viikon aikana, voit tehdä ilmoituksen valvontaviranomaiselle. Saavutettavuutta valvoo vuoden 2025 alusta Liikenne- ja viestintävirasto Traficom.",
                        "Om du inte är nöjd med vårt svar eller inte får svar inom två veckor kan du göra en anmälan till tillsynsmyndigheten. Sedan början av 2025 övervakas tillgängligheten av Transport- och kommunikationsverket Traficom.",
                        "If you are not satisfied with our answer, or get no answer within two weeks, you can notify the enforcement authority. Since the start of 2025 accessibility has been supervised by the Finnish Transport and Communications Agency Traficom.",
                    ),
                    (
                        "Traficomin saavutettavuusvalvonta: saavutettavuusvaatimukset.fi, sähköposti saavutettavuus@traficom.fi, puhelinvaihde 029 534 5000.",
                        "Traficoms tillgänglighetstillsyn: tillganglighetskrav.fi, e-post saavutettavuus@traficom.fi, växel 029 534 5000.",
                        "Traficom's accessibility supervision: webaccessibility.fi, e-mail saavutettavuus@traficom.fi, switchboard +358 29 534 5000.",
                    ),
                ),
            ),
        ],
    )


def _privacy_notice(tr):
    return StandardPage(
        title=tr("Tietosuojaseloste", "Dataskyddsbeskrivning", "Privacy notice"),
        slug=tr("tietosuojaseloste", "dataskyddsbeskrivning", "privacy-notice"),
        introduction=tr(
            "Keräämme vain ne tiedot, joita osallistumisen järjestäminen vaatii, ja poistamme ne, kun niitä ei enää tarvita.",
            "Vi samlar bara in de uppgifter som behövs för att ordna deltagandet och raderar dem när de inte längre behövs.",
            "We collect only the data needed to organise participation, and delete it once it is no longer needed.",
        ),
        body=[
            (
                "heading",
                {"text": tr("Rekisterinpitäjä", "Personuppgiftsansvarig", "Controller"), "level": "h2"},
            ),
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Järvelän kaupunki, Kauppakatu 1, 99990 Järvelä. Tietosuojavastaava: tietosuoja@jarvela.example.",
                        "Järvelä stad, Kauppakatu 1, 99990 Järvelä. Dataskyddsombud: tietosuoja@jarvela.example.",
                        "City of Järvelä, Kauppakatu 1, 99990 Järvelä. Data protection officer: tietosuoja@jarvela.example.",
                    )
                ),
            ),
            (
                "table",
                {
                    "caption": tr(
                        "Mitä tietoja säilytämme ja kuinka kauan",
                        "Vilka uppgifter vi sparar och hur länge",
                        "What we keep and for how long",
                    ),
                    "column_headers": [
                        tr("Käyttötarkoitus", "Ändamål", "Purpose"),
                        tr("Tiedot", "Uppgifter", "Data"),
                        tr("Säilytysaika", "Lagringstid", "Kept for"),
                    ],
                    "rows": [
                        [
                            tr(
                                "Tapahtumiin ilmoittautuminen",
                                "Anmälan till evenemang",
                                "Signing up for events",
                            ),
                            tr(
                                "Nimi, sähköposti, puhelin (vapaaehtoinen), ryhmän koko, lisäkysymysten vastaukset",
                                "Namn, e-post, telefon (frivilligt), gruppens storlek, svar på tilläggsfrågor",
                                "Name, e-mail, phone (optional), group size, answers to extra questions",
                            ),
                            tr(
                                "Anonymisoidaan 30 päivää tapahtuman jälkeen (tapahtumakohtainen). Seurantaraportin tilanneilta säilytetään nimi ja sähköposti raportin lähettämiseen asti, enintään 180 päivää.",
                                "Anonymiseras 30 dagar efter evenemanget (kan ändras per evenemang). Av dem som beställt uppföljningsrapporten sparas namn och e-post tills rapporten skickats, högst 180 dagar.",
                                "Anonymised 30 days after the event (set per event). For those who asked for the follow-up report, name and e-mail are kept until it is sent, at most 180 days.",
                            ),
                        ],
                        [
                            tr(
                                "Asukaspaneeliin hakeminen",
                                "Ansökan till invånarpanel",
                                "Applying to a resident panel",
                            ),
                            tr(
                                "Nimi, yhteystiedot, syntymävuosi, asuinalue ja valitut taustatiedot",
                                "Namn, kontaktuppgifter, födelseår, bostadsområde och valda bakgrundsuppgifter",
                                "Name, contact details, birth year, home area and the chosen background questions",
                            ),
                            tr(
                                "Henkilötiedot poistetaan paneelin toimikauden päätyttyä; tilastoihin jää vain taustatiedot ilman nimeä",
                                "Personuppgifterna raderas efter panelens mandatperiod; i statistiken finns bara bakgrundsuppgifter utan namn",
                                "Personal details are deleted after the panel's term; statistics keep only the background values without names",
                            ),
                        ],
                        [
                            tr(
                                "Pikakyselyt ja tapahtumapalaute",
                                "Snabbenkäter och respons på evenemang",
                                "Quick polls and event feedback",
                            ),
                            tr(
                                "Vain vastaukset; ei nimeä, sähköpostia eikä IP-osoitetta",
                                "Endast svaren; inget namn, ingen e-post och ingen IP-adress",
                                "Only the answers; no name, e-mail or IP address",
                            ),
                            tr(
                                "Niin kauan kuin tuloksia tarvitaan",
                                "Så länge resultaten behövs",
                                "As long as the results are needed",
                            ),
                        ],
                        [
                            tr(
                                "Ideat ja yhdistysten omat ilmoitukset",
                                "Idéer och föreningarnas egna anmälningar",
                                "Ideas and associations' own submissions",
                            ),
                            tr(
                                "Yhteystiedot vain, jos annat ne itse",
                                "Kontaktuppgifter endast om du själv anger dem",
                                "Contact details only if you give them",
                            ),
                            tr(
                                "Yhteystiedot poistetaan 12 kuukauden kuluttua käsittelystä",
                                "Kontaktuppgifterna raderas 12 månader efter behandlingen",
                                "Contact details are deleted 12 months after handling",
                            ),
                        ],
                    ],
                    "first_column_is_header": True,
                },
            ),
            ("heading", {"text": tr("Oikeutesi", "Dina rättigheter", "Your rights"), "level": "h2"}),
            (
                "paragraph",
                tr.paragraphs(
                    (
                        "Voit pyytää nähtäväksesi kaikki sinusta tallennetut tiedot tai pyytää niiden poistamista lähettämällä viestin tietosuojavastaavalle. Jokaisen ilmoittautumisen vahvistusviestissä on myös linkki, jolla voit perua ilmoittautumisen; myös perutut ilmoittautumiset anonymisoidaan säilytysajan päätyttyä.",
                        "Du kan begära att få se alla uppgifter som sparats om dig eller begära att de raderas genom att skriva till dataskyddsombudet. Varje anmälningsbekräftelse innehåller också en länk där du kan annullera anmälan; även annullerade anmälningar anonymiseras när lagringstiden gått ut.",
                        "You can ask to see everything stored about you, or ask for it to be erased, by writing to the data protection officer. Every sign-up confirmation also has a link to cancel the sign-up; cancelled sign-ups are anonymised at the end of the retention period too.",
                    ),
                    (
                        "Jos katsot, että tietojasi on käsitelty lainvastaisesti, voit tehdä valituksen tietosuojavaltuutetun toimistolle (tietosuoja.fi).",
                        "Om du anser att dina uppgifter har behandlats i strid med lagen kan du lämna in ett klagomål till dataombudsmannens byrå (tietosuoja.fi).",
                        "If you believe your data has been processed unlawfully, you can lodge a complaint with the Office of the Data Protection Ombudsman (tietosuoja.fi).",
                    ),
                ),
            ),
        ],
    )
