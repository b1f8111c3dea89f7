"""Demo directory: about sixty associations in the municipalities of South Savo (Etelä-Savo).

The associations, their names, numbers and addresses are invented for Kuulu (the `.example`
domains do not exist); the municipalities are real, as a regional association project's
register would list them. Summaries are written in fi, sv and en and translated through
wagtail-localize like any page.
"""

from django.utils.text import slugify

from directory.models import (
    ActivityLanguage,
    DirectoryPage,
    FieldOfActivity,
    Municipality,
    OrganisationContact,
    OrganisationPage,
    OrganisationSocialLink,
)
from home.demo_tools import add_child, translate

MIKKELI, SAVONLINNA, PIEKSAMAKI, JUVA = "491", "740", "593", "178"
MANTYHARJU, KANGASNIEMI, SULKAVA, RANTASALMI = "507", "213", "768", "681"
PUUMALA, HIRVENSALMI, ENONKOSKI, PERTUNMAA = "623", "097", "046", "588"

# name, municipality, fields (ICNPO slugs), target groups, languages, volunteers?, partners?,
# (fi, sv, en) summary
ORGANISATIONS = [
    (
        "Mikkelin Seudun Omaishoitajat ry",
        MIKKELI,
        ["social-services-general"],
        ["carers", "older-people"],
        ["fi"],
        True,
        True,
        (
            "Vertaistukea, virkistystä ja neuvontaa omaisiaan hoitaville.",
            "Kamratstöd, rekreation och rådgivning för närståendevårdare.",
            "Peer support, recreation and advice for family carers.",
        ),
    ),
    (
        "Savonlinnan Kuoroyhdistys ry",
        SAVONLINNA,
        ["culture-arts"],
        ["everyone"],
        ["fi"],
        True,
        False,
        (
            "Kolme kuoroa, kesäkonsertit ja laulutaidon kursseja aikuisille.",
            "Tre körer, sommarkonserter och sångkurser för vuxna.",
            "Three choirs, summer concerts and singing courses for adults.",
        ),
    ),
    (
        "Pieksämäen Nuorisoseura ry",
        PIEKSAMAKI,
        ["recreation-clubs", "culture-arts"],
        ["youth", "children"],
        ["fi"],
        True,
        True,
        (
            "Teatteria, tanssia ja kerhoja lapsille ja nuorille seurantalolla.",
            "Teater, dans och klubbar för barn och unga i föreningshuset.",
            "Theatre, dance and clubs for children and young people at the society's hall.",
        ),
    ),
    (
        "Juvan Kyläyhdistysten Liitto ry",
        JUVA,
        ["community-development"],
        ["everyone"],
        ["fi"],
        False,
        True,
        (
            "Kokoaa Juvan kylät yhteen: kyläsuunnitelmat, talkoot ja yhteiset hankkeet.",
            "Samlar byarna i Juva: byplaner, talkon och gemensamma projekt.",
            "Brings Juva's villages together: village plans, voluntary work days and joint projects.",
        ),
    ),
    (
        "Mäntyharjun Eläkeläiset ry",
        MANTYHARJU,
        ["recreation-clubs"],
        ["older-people"],
        ["fi"],
        True,
        False,
        (
            "Viikoittaiset kerhot, tanssit, retket ja liikuntaryhmät eläkeikäisille.",
            "Veckoklubbar, danser, utflykter och motionsgrupper för pensionärer.",
            "Weekly clubs, dances, outings and exercise groups for retired people.",
        ),
    ),
    (
        "Kangasniemen Urheilijat ry",
        KANGASNIEMI,
        ["sports"],
        ["children", "youth"],
        ["fi"],
        True,
        False,
        (
            "Yleisurheilua, hiihtoa ja pesäpalloa kaikentasoisille junioreille.",
            "Friidrott, skidåkning och boboll för juniorer på alla nivåer.",
            "Athletics, skiing and Finnish baseball for juniors of every level.",
        ),
    ),
    (
        "Sulkavan Soutuseura ry",
        SULKAVA,
        ["sports", "culture-recreation"],
        ["everyone"],
        ["fi", "en"],
        True,
        True,
        (
            "Kirkkovenesoutua kesäisin ja soutuharjoituksia kaikille halukkaille.",
            "Kyrkbåtsrodd på somrarna och roddträning för alla intresserade.",
            "Church-boat rowing in summer and rowing practice for anyone interested.",
        ),
    ),
    (
        "Rantasalmen Luonto ry",
        RANTASALMI,
        ["environment-protection"],
        ["everyone"],
        ["fi"],
        True,
        False,
        (
            "Luontoretkiä, lintulaskentoja ja vieraslajitalkoita Saimaan rannoilla.",
            "Naturutflykter, fågelräkningar och talkon mot främmande arter vid Saimen.",
            "Nature walks, bird counts and invasive-species work days on the shores of Saimaa.",
        ),
    ),
    (
        "Puumalan Saaristoseura ry",
        PUUMALA,
        ["community-development", "environment-protection"],
        ["everyone"],
        ["fi", "en"],
        False,
        True,
        (
            "Pitää saariston kylät elävinä: venereitit, laiturit ja kesätapahtumat.",
            "Håller skärgårdens byar levande: båtleder, bryggor och sommarevenemang.",
            "Keeps the archipelago villages alive: boat routes, jetties and summer events.",
        ),
    ),
    (
        "Hirvensalmen Marttayhdistys ry",
        HIRVENSALMI,
        ["other-education"],
        ["families", "everyone"],
        ["fi"],
        True,
        False,
        (
            "Kotitalousneuvontaa, ruokakursseja ja yhteisiä iltoja kylätalolla.",
            "Hushållsrådgivning, matkurser och gemensamma kvällar i bygdegården.",
            "Home economics advice, cooking courses and shared evenings at the village hall.",
        ),
    ),
    (
        "Enonkosken Kotiseutuyhdistys ry",
        ENONKOSKI,
        ["culture-arts"],
        ["everyone"],
        ["fi"],
        False,
        False,
        (
            "Ylläpitää kotiseutumuseota ja kerää kylän muistitietoa.",
            "Driver hembygdsmuseet och samlar byns muntliga historia.",
            "Runs the local heritage museum and collects the village's oral history.",
        ),
    ),
    (
        "Pertunmaan Metsästysseura ry",
        PERTUNMAA,
        ["recreation-clubs", "environment-protection"],
        ["everyone"],
        ["fi"],
        False,
        False,
        (
            "Metsästystä, riistanhoitoa ja ampumaratatoimintaa vastuullisesti.",
            "Jakt, viltvård och skytte på ett ansvarsfullt sätt.",
            "Hunting, game management and shooting range activities, responsibly.",
        ),
    ),
    (
        "Mikkelin Mielenterveysseura ry",
        MIKKELI,
        ["mental-health"],
        ["mental-health-substance", "everyone"],
        ["fi"],
        True,
        True,
        (
            "Kriisikeskus, vertaisryhmiä ja mielenterveyden ensiapukursseja.",
            "Kriscenter, kamratgrupper och kurser i första hjälpen för psykisk hälsa.",
            "A crisis centre, peer groups and mental health first aid courses.",
        ),
    ),
    (
        "Savonlinnan Monikulttuuriyhdistys ry",
        SAVONLINNA,
        ["civic-advocacy", "international-activities"],
        ["immigrants", "families"],
        ["fi", "en", "ar", "uk"],
        True,
        True,
        (
            "Suomen kielen kerhoja, läksyapua ja kohtaamisia uusille savonlinnalaisille.",
            "Finska språkklubbar, läxhjälp och möten för nya invånare i Nyslott.",
            "Finnish language clubs, homework help and get-togethers for people new to Savonlinna.",
        ),
    ),
    (
        "Pieksämäen Työttömät ry",
        PIEKSAMAKI,
        ["employment-training"],
        ["unemployed"],
        ["fi"],
        True,
        True,
        (
            "Yhteinen lounas, työnhaun tuki ja kierrätyspaja työttömille.",
            "Gemensam lunch, stöd i jobbsökandet och återbruksverkstad för arbetslösa.",
            "Shared lunches, job-search support and a reuse workshop for unemployed people.",
        ),
    ),
    (
        "Juvan 4H-yhdistys ry",
        JUVA,
        ["employment-training", "recreation-clubs"],
        ["children", "youth"],
        ["fi"],
        True,
        True,
        (
            "Kerhoja, nuorten kesätöitä ja yrittäjyyskasvatusta.",
            "Klubbar, sommarjobb för unga och fostran till företagsamhet.",
            "Clubs, summer jobs for young people and entrepreneurship education.",
        ),
    ),
    (
        "Mäntyharjun Taideyhdistys ry",
        MANTYHARJU,
        ["culture-arts"],
        ["everyone"],
        ["fi"],
        False,
        True,
        (
            "Kesänäyttely, kurssit ja avoimet ateljeet paikallisille taiteilijoille.",
            "Sommarutställning, kurser och öppna ateljéer för lokala konstnärer.",
            "A summer exhibition, courses and open studios for local artists.",
        ),
    ),
    (
        "Kangasniemen Vammaisyhdistys ry",
        KANGASNIEMI,
        ["civic-advocacy", "social-services-general"],
        ["people-with-disabilities"],
        ["fi", "fse"],
        True,
        False,
        (
            "Edunvalvontaa, esteettömyyskartoituksia ja virkistystoimintaa.",
            "Intressebevakning, tillgänglighetskartläggningar och rekreation.",
            "Advocacy, accessibility surveys and recreational activities.",
        ),
    ),
    (
        "Mikkelin Partiolaiset ry",
        MIKKELI,
        ["recreation-clubs", "other-education"],
        ["children", "youth"],
        ["fi", "sv"],
        True,
        False,
        (
            "Viikkokokouksia, retkiä ja leirejä 7–22-vuotiaille.",
            "Veckomöten, utfärder och läger för 7–22-åringar.",
            "Weekly meetings, hikes and camps for 7 to 22-year-olds.",
        ),
    ),
    (
        "Savonlinnan Seudun Ruoka-apu ry",
        SAVONLINNA,
        ["emergency-relief", "income-support"],
        ["families", "unemployed"],
        ["fi", "en"],
        True,
        True,
        (
            "Jakaa hävikkiruokaa ja kasseja kahdesti viikossa.",
            "Delar ut svinnmat och matkassar två gånger i veckan.",
            "Hands out surplus food and food bags twice a week.",
        ),
    ),
    (
        "Pieksämäen Kamerakerho ry",
        PIEKSAMAKI,
        ["culture-arts"],
        ["everyone"],
        ["fi"],
        False,
        False,
        (
            "Valokuvausiltoja, kuvakilpailuja ja yhteisnäyttely joka syksy.",
            "Fotokvällar, fototävlingar och en samutställning varje höst.",
            "Photography evenings, competitions and a joint exhibition every autumn.",
        ),
    ),
    (
        "Mikkelin Shakkikerho ry",
        MIKKELI,
        ["recreation-clubs"],
        ["everyone", "youth"],
        ["fi", "en"],
        False,
        False,
        (
            "Avoimet pelit kirjastossa ja junioreiden valmennusta.",
            "Öppna partier i biblioteket och juniorträning.",
            "Open games at the library and coaching for juniors.",
        ),
    ),
    (
        "Rantasalmen Kylätalo ry",
        RANTASALMI,
        ["community-development", "recreation-clubs"],
        ["everyone"],
        ["fi"],
        True,
        False,
        (
            "Kylätalon vuokraus, kesäteatteri ja joulumyyjäiset.",
            "Uthyrning av bygdegården, sommarteater och julbasar.",
            "Village hall hire, summer theatre and a Christmas fair.",
        ),
    ),
    (
        "Sulkavan Yrittäjät ry",
        SULKAVA,
        ["business-associations"],
        ["everyone"],
        ["fi"],
        False,
        True,
        (
            "Paikallisten yrittäjien yhteistyötä, koulutusta ja yhteismarkkinointia.",
            "Samarbete, utbildning och gemensam marknadsföring för lokala företagare.",
            "Co-operation, training and joint marketing for local entrepreneurs.",
        ),
    ),
    (
        "Juvan Seurakuntien Diakoniaryhmä",
        JUVA,
        ["religious-congregations", "social-services-general"],
        ["older-people", "families"],
        ["fi"],
        True,
        False,
        (
            "Ystäväpalvelua, kotikäyntejä ja ruokailuja yksinäisille.",
            "Vänverksamhet, hembesök och gemensamma måltider för ensamma.",
            "Befriending, home visits and shared meals for lonely people.",
        ),
    ),
    (
        "Puumalan Vapaapalokunta ry",
        PUUMALA,
        ["emergency-relief"],
        ["everyone", "youth"],
        ["fi"],
        True,
        False,
        (
            "Sammutustoimintaa, palokuntanuoria ja turvallisuuskoulutusta.",
            "Räddningsverksamhet, brandkårsungdomar och säkerhetsutbildning.",
            "Firefighting, fire brigade youth and safety training.",
        ),
    ),
    (
        "Mikkelin Ladut ry",
        MIKKELI,
        ["sports"],
        ["everyone", "families"],
        ["fi"],
        True,
        False,
        (
            "Latuja, retkiluistelua ja ulkoilutapahtumia koko perheelle.",
            "Skidspår, långfärdsskridsko och friluftsevenemang för hela familjen.",
            "Ski trails, tour skating and outdoor events for the whole family.",
        ),
    ),
    (
        "Savonlinnan Ukrainalaiset ry",
        SAVONLINNA,
        ["international-activities", "civic-advocacy"],
        ["immigrants"],
        ["uk", "fi", "en"],
        True,
        True,
        (
            "Neuvontaa, kulttuuri-iltoja ja lasten kerhoja ukrainalaisille perheille.",
            "Rådgivning, kulturkvällar och barnklubbar för ukrainska familjer.",
            "Advice, culture evenings and children's clubs for Ukrainian families.",
        ),
    ),
    (
        "Pieksämäen Sydänyhdistys ry",
        PIEKSAMAKI,
        ["other-health"],
        ["older-people", "everyone"],
        ["fi"],
        True,
        False,
        (
            "Kuntoutusryhmiä, luentoja ja verenpaineen mittauksia.",
            "Rehabiliteringsgrupper, föreläsningar och blodtrycksmätningar.",
            "Rehabilitation groups, talks and blood pressure checks.",
        ),
    ),
    (
        "Mäntyharjun Kyläkoulun Tuki ry",
        MANTYHARJU,
        ["primary-secondary-education"],
        ["children", "families"],
        ["fi"],
        True,
        True,
        (
            "Vanhempainyhdistys, joka tukee kyläkoulun retkiä ja kerhoja.",
            "En föräldraförening som stöder byskolans utflykter och klubbar.",
            "A parents' association supporting the village school's trips and clubs.",
        ),
    ),
    (
        "Kangasniemen Musiikkiopiston Kannatusyhdistys ry",
        KANGASNIEMI,
        ["culture-arts", "other-education"],
        ["children", "youth"],
        ["fi"],
        False,
        True,
        (
            "Stipendejä ja konsertteja musiikkia opiskeleville nuorille.",
            "Stipendier och konserter för unga som studerar musik.",
            "Scholarships and concerts for young music students.",
        ),
    ),
    (
        "Mikkelin Asukasyhdistys Rantakylä ry",
        MIKKELI,
        ["community-development", "housing"],
        ["everyone"],
        ["fi"],
        True,
        True,
        (
            "Asukastupa, pihatalkoot ja asukasillat Rantakylän lähiössä.",
            "Invånarstuga, gårdstalkon och invånarkvällar i Rantakylä.",
            "A residents' room, yard work days and resident evenings in Rantakylä.",
        ),
    ),
    (
        "Savonlinnan Invalidit ry",
        SAVONLINNA,
        ["civic-advocacy", "social-services-general"],
        ["people-with-disabilities", "older-people"],
        ["fi"],
        True,
        False,
        (
            "Vertaistukea, kuntoutusta ja liikuntaesteisten edunvalvontaa.",
            "Kamratstöd, rehabilitering och intressebevakning för rörelsehindrade.",
            "Peer support, rehabilitation and advocacy for people with reduced mobility.",
        ),
    ),
    (
        "Pieksämäen Veteraaniperinne ry",
        PIEKSAMAKI,
        ["culture-arts", "civic-advocacy"],
        ["veterans", "older-people"],
        ["fi"],
        False,
        False,
        (
            "Vaalii veteraanien perintöä ja järjestää muistojuhlia kouluille.",
            "Vårdar veteranernas arv och ordnar minneshögtider för skolor.",
            "Keeps the veterans' heritage alive and holds remembrance events for schools.",
        ),
    ),
    (
        "Juvan Naisvoimistelijat ry",
        JUVA,
        ["sports"],
        ["everyone"],
        ["fi"],
        False,
        False,
        (
            "Jumppia, venyttelyä ja kesäkävelyjä kaikenikäisille.",
            "Gympa, stretching och sommarpromenader för alla åldrar.",
            "Exercise classes, stretching and summer walks for all ages.",
        ),
    ),
    (
        "Sulkavan Lukuseura ry",
        SULKAVA,
        ["culture-arts", "other-education"],
        ["everyone"],
        ["fi"],
        False,
        False,
        (
            "Lukupiiri kirjastossa ja kirjailijavieraita kahdesti vuodessa.",
            "Läsecirkel i biblioteket och författarbesök två gånger om året.",
            "A reading circle at the library and visiting authors twice a year.",
        ),
    ),
    (
        "Rantasalmen Hevosystävät ry",
        RANTASALMI,
        ["animal-protection", "sports"],
        ["children", "youth"],
        ["fi"],
        True,
        False,
        (
            "Talleilla vapaaehtoistyötä ja ratsastusta lapsille ja nuorille.",
            "Frivilligarbete i stallet och ridning för barn och unga.",
            "Volunteering at the stables and riding for children and young people.",
        ),
    ),
    (
        "Mikkelin Eläinsuojeluyhdistys ry",
        MIKKELI,
        ["animal-protection"],
        ["everyone"],
        ["fi", "en"],
        True,
        True,
        (
            "Löytöeläinten sijaiskodit, neuvonta ja eläinsuojelukasvatus.",
            "Jourhem för hittedjur, rådgivning och djurskyddsfostran.",
            "Foster homes for stray animals, advice and animal welfare education.",
        ),
    ),
    (
        "Savonlinnan Opiskelijat ry",
        SAVONLINNA,
        ["higher-education", "recreation-clubs"],
        ["students"],
        ["fi", "en"],
        True,
        False,
        (
            "Opiskelijatapahtumia, tuutorointia ja edunvalvontaa kampuksella.",
            "Studentevenemang, tutorverksamhet och intressebevakning på campus.",
            "Student events, tutoring and advocacy on campus.",
        ),
    ),
    (
        "Pieksämäen Sateenkaari ry",
        PIEKSAMAKI,
        ["civic-advocacy"],
        ["lgbtiq", "youth"],
        ["fi", "en"],
        True,
        True,
        (
            "Turvallinen kohtaamispaikka ja vertaistukea sateenkaari-ihmisille.",
            "En trygg mötesplats och kamratstöd för regnbågsmänniskor.",
            "A safe meeting place and peer support for LGBTIQ+ people.",
        ),
    ),
    (
        "Juvan Kirkonkylän Kyläyhdistys ry",
        JUVA,
        ["community-development"],
        ["everyone"],
        ["fi"],
        True,
        True,
        (
            "Torikahvit, joulunavaus ja kylän viihtyisyystalkoot.",
            "Torgkaffe, julöppning och talkon för en trivsam by.",
            "Market-square coffees, a Christmas opening and work days to keep the village pleasant.",
        ),
    ),
    (
        "Mäntyharjun Mielenterveysyhdistys Kompassi ry",
        MANTYHARJU,
        ["mental-health"],
        ["mental-health-substance"],
        ["fi"],
        True,
        False,
        (
            "Päivätoimintaa, vertaisryhmiä ja retkiä mielenterveyskuntoutujille.",
            "Dagverksamhet, kamratgrupper och utflykter för rehabiliteringsklienter.",
            "Day activities, peer groups and outings for people in mental health recovery.",
        ),
    ),
    (
        "Kangasniemen Kalastajat ry",
        KANGASNIEMI,
        ["recreation-clubs", "environment-protection"],
        ["everyone"],
        ["fi"],
        False,
        False,
        (
            "Kalastuskilpailuja, istutuksia ja pilkkitapahtumia.",
            "Fisketävlingar, utplanteringar och pilkevenemang.",
            "Fishing contests, fish stocking and ice-fishing events.",
        ),
    ),
    (
        "Mikkelin Kaupunginteatterin Ystävät ry",
        MIKKELI,
        ["culture-arts"],
        ["everyone"],
        ["fi"],
        True,
        False,
        (
            "Teatteriretkiä, ennakkoesityksiä ja talkooapua teatterille.",
            "Teaterresor, förhandsvisningar och talkohjälp för teatern.",
            "Theatre trips, previews and volunteer help for the theatre.",
        ),
    ),
    (
        "Savonlinnan Oopperan Tukiyhdistys ry",
        SAVONLINNA,
        ["culture-arts", "voluntarism-promotion"],
        ["everyone"],
        ["fi", "sv", "en"],
        True,
        True,
        (
            "Vapaaehtoisia oppaiksi ja emänniksi kesän oopperajuhlille.",
            "Frivilliga guider och värdar till sommarens operafestival.",
            "Volunteer guides and hosts for the summer opera festival.",
        ),
    ),
    (
        "Pieksämäen Perhekahvila ry",
        PIEKSAMAKI,
        ["social-services-general"],
        ["families", "children"],
        ["fi"],
        True,
        True,
        (
            "Avoin perhekahvila, vertaisryhmä vanhemmille ja vaatekierto.",
            "Öppet familjecafé, kamratgrupp för föräldrar och klädbyte.",
            "An open family café, a parents' peer group and a clothes swap.",
        ),
    ),
    (
        "Hirvensalmen Kyläkeskus ry",
        HIRVENSALMI,
        ["community-development"],
        ["everyone"],
        ["fi"],
        True,
        False,
        (
            "Kyläkeskuksen kahvila, kuntosali ja yhteiset juhlat.",
            "Bycentrets kafé, gym och gemensamma fester.",
            "The village centre's café, gym and shared celebrations.",
        ),
    ),
    (
        "Enonkosken Nuoret ry",
        ENONKOSKI,
        ["recreation-clubs"],
        ["youth"],
        ["fi"],
        True,
        False,
        (
            "Nuorten oma tila, pelit ja kesäretket.",
            "Ungdomarnas egen lokal, spel och sommarutflykter.",
            "Young people's own space, games and summer trips.",
        ),
    ),
    (
        "Pertunmaan Kesäasukkaat ry",
        PERTUNMAA,
        ["community-development", "civic-advocacy"],
        ["everyone"],
        ["fi", "en"],
        False,
        True,
        (
            "Tuo kesäasukkaat mukaan kunnan tapahtumiin ja vaikuttamiseen.",
            "Engagerar sommarinvånarna i kommunens evenemang och påverkan.",
            "Brings summer residents into the municipality's events and decisions.",
        ),
    ),
    (
        "Mikkelin Seudun Ammattiosasto 123 ry",
        MIKKELI,
        ["labour-unions"],
        ["everyone"],
        ["fi"],
        False,
        False,
        (
            "Jäsenten edunvalvontaa, koulutuksia ja virkistyspäiviä.",
            "Intressebevakning, utbildningar och rekreationsdagar för medlemmarna.",
            "Representation, training and recreation days for members.",
        ),
    ),
    (
        "Savonlinnan Seudun Sotainvalidien Tuki ry",
        SAVONLINNA,
        ["social-services-general"],
        ["veterans"],
        ["fi"],
        True,
        False,
        (
            "Kotiapua ja ystävätoimintaa viimeisille veteraaneille ja puolisoille.",
            "Hemhjälp och vänverksamhet för de sista veteranerna och deras makar.",
            "Home help and befriending for the last veterans and their spouses.",
        ),
    ),
    (
        "Juvan Latu ry",
        JUVA,
        ["sports"],
        ["everyone"],
        ["fi"],
        True,
        False,
        (
            "Hiihtolatujen kunnossapito ja retkihiihtotapahtumat.",
            "Underhåll av skidspår och evenemang för turskidåkning.",
            "Maintaining ski trails and organising touring ski events.",
        ),
    ),
    (
        "Mäntyharjun Ystäväpiiri ry",
        MANTYHARJU,
        ["social-services-general", "voluntarism-promotion"],
        ["older-people"],
        ["fi"],
        True,
        True,
        (
            "Kouluttaa ja välittää ystävävapaaehtoisia yksin asuville ikäihmisille.",
            "Utbildar och förmedlar frivilliga vänner till äldre som bor ensamma.",
            "Trains and matches volunteer befrienders with older people living alone.",
        ),
    ),
    (
        "Kangasniemen Kotiseutuyhdistys ry",
        KANGASNIEMI,
        ["culture-arts"],
        ["everyone"],
        ["fi"],
        False,
        False,
        (
            "Kotiseutumuseo, kylähistoriat ja kesän perinnepäivä.",
            "Hembygdsmuseum, byhistorik och en traditionsdag på sommaren.",
            "A local museum, village histories and a summer heritage day.",
        ),
    ),
    (
        "Mikkelin Ruokaseurakunta ry",
        MIKKELI,
        ["emergency-relief", "religious-congregations"],
        ["families", "unemployed"],
        ["fi", "en", "ru"],
        True,
        True,
        (
            "Yhteinen ateria torstaisin ja ruokakassien jako.",
            "Gemensam måltid på torsdagar och utdelning av matkassar.",
            "A shared meal on Thursdays and food bag distribution.",
        ),
    ),
    (
        "Savonlinnan Kansainväliset Naiset ry",
        SAVONLINNA,
        ["international-activities"],
        ["immigrants", "everyone"],
        ["en", "fi", "ar", "so"],
        True,
        True,
        (
            "Keskusteluryhmiä, ruokailtoja ja kielikahviloita naisille.",
            "Samtalsgrupper, matkvällar och språkkaféer för kvinnor.",
            "Conversation groups, food evenings and language cafés for women.",
        ),
    ),
    (
        "Pieksämäen Ympäristöyhdistys ry",
        PIEKSAMAKI,
        ["environment-protection"],
        ["everyone"],
        ["fi"],
        True,
        False,
        (
            "Roskatalkoita, niittyjen hoitoa ja ympäristökasvatusta kouluille.",
            "Skräpplockning, ängsskötsel och miljöfostran för skolor.",
            "Litter picks, meadow care and environmental education for schools.",
        ),
    ),
    (
        "Rantasalmen Kesäteatteri ry",
        RANTASALMI,
        ["culture-arts"],
        ["everyone"],
        ["fi"],
        True,
        False,
        (
            "Harrastajateatteri, joka esittää uuden näytelmän joka kesä.",
            "En amatörteater som sätter upp en ny pjäs varje sommar.",
            "An amateur theatre staging a new play every summer.",
        ),
    ),
    (
        "Etelä-Savon Yhdistysverkosto ry",
        MIKKELI,
        ["voluntarism-promotion", "civic-advocacy"],
        ["everyone"],
        ["fi", "sv", "en"],
        False,
        True,
        (
            "Tukee maakunnan yhdistyksiä: koulutusta, neuvontaa ja yhteistä vaikuttamista.",
            "Stöder landskapets föreningar: utbildning, rådgivning och gemensam påverkan.",
            "Supports the region's associations: training, advice and joint advocacy.",
        ),
    ),
]

CONTACTS = {
    # name: (contact name, (fi, sv, en) role, e-mail)
    "Mikkelin Seudun Omaishoitajat ry": (
        "Aino Esimerkki",
        ("toiminnanjohtaja", "verksamhetsledare", "executive director"),
        "toimisto@omaishoitajat-mikkeli.example",
    ),
    "Savonlinnan Monikulttuuriyhdistys ry": (
        "Samir Testinen",
        ("puheenjohtaja", "ordförande", "chair"),
        "hallitus@monikulttuuri-savonlinna.example",
    ),
    "Etelä-Savon Yhdistysverkosto ry": (
        "Liisa Malli",
        ("verkostokoordinaattori", "nätverkskoordinator", "network coordinator"),
        "info@yhdistysverkosto.example",
    ),
}

REGISTER_START = 180_000


def restore(context):
    directory = DirectoryPage.objects.filter(locale__language_code="fi").first()
    context.objects["directory"] = directory
    context.objects["organisations"] = (
        {o.slug: o for o in OrganisationPage.objects.child_of(directory)} if directory else {}
    )


def load(context):
    tr = context.tr
    directory = DirectoryPage(
        title=tr("Yhdistykset", "Föreningar", "Associations"),
        slug=tr("yhdistykset", "foreningar", "associations"),
        introduction=tr(
            "Etelä-Savon yhdistykset kunnittain ja toimialoittain. Etsi harrastus, vertaistukea tai yhteistyökumppani, tai kerro oman yhdistyksesi tiedot.",
            "Föreningarna i Södra Savolax efter kommun och verksamhetsområde. Hitta en hobby, kamratstöd eller en samarbetspartner, eller berätta om din egen förening.",
            "The associations of South Savo by municipality and field of activity. Find a hobby, peer support or a partner, or tell us about your own association.",
        ),
        propose_introduction=tr(
            "Yhdistyksen tiedot tarkistetaan ennen julkaisua. Voit ehdottaa uutta yhdistystä tai päivitystä olemassa olevaan.",
            "Föreningens uppgifter granskas före publicering. Du kan föreslå en ny förening eller en uppdatering.",
            "An editor checks the details before they are published. You can propose a new association or an update.",
        ),
        show_in_menus=True,
    )
    add_child(context.home(), directory)
    translate(directory, tr)

    municipalities = {m.code: m for m in Municipality.objects.all()}
    fields = {f.slug: f for f in FieldOfActivity.objects.all()}
    from directory.models import TargetGroup

    targets = {t.slug: t for t in TargetGroup.objects.all()}
    languages = {lang.code: lang for lang in ActivityLanguage.objects.all()}
    pages = {}
    for number, row in enumerate(ORGANISATIONS):
        name, municipality, field_slugs, target_slugs, language_codes, volunteers, partners, summary = row
        slug = slugify(name)
        page = OrganisationPage(
            title=tr(name, name, name),
            slug=tr(slug, slug, slug),
            summary=tr(*summary),
            municipality=municipalities[municipality],
            register_number=f"{(REGISTER_START + number * 997) // 1000}.{(REGISTER_START + number * 997) % 1000:03d}",
            website=f"https://{slug.replace('-ry', '')}.example/",
            email=f"info@{slug.replace('-ry', '')}.example",
            looking_for_volunteers=volunteers,
            looking_for_partners=partners,
        )
        page.fields_of_activity = [fields[s] for s in field_slugs]
        page.target_groups = [targets[s] for s in target_slugs]
        page.languages = [languages[c] for c in language_codes]
        if name in CONTACTS:
            contact_name, role, email = CONTACTS[name]
            page.contacts = [OrganisationContact(name=contact_name, role=tr(*role), email=email)]
            page.social_links = [
                OrganisationSocialLink(service="facebook", url=f"https://www.facebook.com/{slug}.example")
            ]
            page.meeting_places = tr(
                "Järjestötalo, Kauppakatu 5 (esteetön sisäänkäynti sisäpihalta)",
                "Organisationshuset, Handelsgatan 5 (tillgänglig ingång från innergården)",
                "Association House, Kauppakatu 5 (step-free entrance from the courtyard)",
            )
            page.accessibility = tr(
                "Hissi, induktiosilmukka kokoustilassa, esteetön wc.",
                "Hiss, hörslinga i mötesrummet, tillgänglig toalett.",
                "Lift, induction loop in the meeting room, accessible toilet.",
            )
        add_child(directory, page)
        translate(page, tr)
        pages[slug] = page
    context.objects.update({"directory": directory, "organisations": pages})
