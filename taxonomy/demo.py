"""The fictional City of Järvelä: five major areas with two districts each, and the themes."""

from home.demo_tools import translate
from taxonomy.models import Area, Theme

AREAS = [
    # (slug, fi, sv, en, postcodes, [(slug, fi, sv, en, postcodes), …])
    (
        "keskusta",
        "Keskusta",
        "Centrum",
        "Centre",
        "",
        [
            ("torinranta", "Torinranta", "Torgstranden", "Torinranta", "99100 99110"),
            ("asemanseutu", "Asemanseutu", "Stationsområdet", "Asemanseutu", "99120"),
        ],
    ),
    (
        "pohjoinen",
        "Pohjoinen suuralue",
        "Norra storområdet",
        "North",
        "",
        [
            ("koivikko", "Koivikko", "Björkby", "Koivikko", "99130 99135"),
            ("mantyla", "Mäntylä", "Tallbacka", "Mäntylä", "99140"),
        ],
    ),
    (
        "etela",
        "Eteläinen suuralue",
        "Södra storområdet",
        "South",
        "",
        [
            ("rantapuisto", "Rantapuisto", "Strandparken", "Rantapuisto", "99150"),
            ("niittykumpu", "Niittykumpu", "Ängsbacken", "Niittykumpu", "99160 99165"),
        ],
    ),
    (
        "ita",
        "Itäinen suuralue",
        "Östra storområdet",
        "East",
        "",
        [
            ("pajupelto", "Pajupelto", "Pilåkern", "Pajupelto", "99170"),
            ("kivikko", "Kivikko", "Stenby", "Kivikko", "99180"),
        ],
    ),
    (
        "lansi",
        "Läntinen suuralue",
        "Västra storområdet",
        "West",
        "",
        [
            ("lehtola", "Lehtola", "Lövdal", "Lehtola", "99190"),
            ("peltosaari", "Peltosaari", "Åkerö", "Peltosaari", "99195"),
        ],
    ),
]

THEMES = [
    ("koulut-ja-paivakodit", "Koulut ja päiväkodit", "Skolor och daghem", "Schools and day care"),
    ("esteettomyys", "Esteettömyys ja saavutettavuus", "Tillgänglighet", "Accessibility"),
    ("tyollisyys", "Työllisyys", "Sysselsättning", "Employment"),
    ("kestava-kehitys", "Kestävä kehitys", "Hållbar utveckling", "Sustainable development"),
    (
        "liikenne",
        "Liikenne ja kaupunkisuunnittelu",
        "Trafik och stadsplanering",
        "Transport and urban planning",
    ),
    ("kulttuuri-ja-vapaa-aika", "Kulttuuri ja vapaa-aika", "Kultur och fritid", "Culture and leisure"),
    ("ikaihmiset", "Ikäihmiset", "Äldre", "Older people"),
    ("nuoret", "Nuoret", "Unga", "Young people"),
    ("yhdistykset", "Yhdistykset ja yhteisöt", "Föreningar och gemenskaper", "Associations and communities"),
]


def restore(context):
    context.objects["areas"] = {a.slug: a for a in Area.objects.filter(locale__language_code="fi")}
    context.objects["themes"] = {t.slug: t for t in Theme.objects.filter(locale__language_code="fi")}


def load(context):
    tr = context.tr
    areas = {}
    for slug, fi, sv, en, postcodes, districts in AREAS:
        major = Area.objects.create(name=tr(fi, sv, en), slug=slug, postcodes=postcodes)
        translate(major, tr)
        areas[slug] = major
        for d_slug, d_fi, d_sv, d_en, d_codes in districts:
            district = Area.objects.create(
                name=tr(d_fi, d_sv, d_en), slug=d_slug, parent=major, postcodes=d_codes
            )
            translate(district, tr)
            areas[d_slug] = district
    themes = {}
    for slug, fi, sv, en in THEMES:
        theme = Theme.objects.create(name=tr(fi, sv, en), slug=slug)
        translate(theme, tr)
        themes[slug] = theme
    context.objects["areas"] = areas
    context.objects["themes"] = themes
