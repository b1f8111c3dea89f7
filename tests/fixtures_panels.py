"""Fixtures for the resident panels app: areas, a translated panel page, synthetic applicants."""

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from panels import features as F
from panels.models import Application, ResidentPanelPage
from taxonomy.models import Area

# The panels' postcodes for the shared site's areas (synchronised to every language).
POSTCODES = {"keskusta": "00100", "tori": "00110", "koivikko": "00130", "etela": "00150"}


@pytest.fixture
def panel_areas(event_refs):
    """The shared site's areas: major areas keskusta (district tori…), pohjoinen (district
    koivikko) and etela, with postcodes. Returns {slug: Finnish Area}."""
    areas = event_refs["areas"]
    for slug, codes in POSTCODES.items():
        Area.objects.filter(translation_key=areas[slug].translation_key).update(postcodes=codes)
        areas[slug].postcodes = codes
    return areas


def make_panel(parent, tr, **overrides):
    now = timezone.now()
    fields = {
        "title": tr("Ilmastopaneeli", "Klimatpanelen", "Climate panel"),
        "slug": tr("ilmastopaneeli", "klimatpanelen", "climate-panel"),
        "summary": tr(
            "Asukkaat pohtivat kaupungin ilmastotoimia.",
            "Invånarna funderar på stadens klimatåtgärder.",
            "Residents consider the city's climate actions.",
        ),
        "responsible_unit": tr(
            "Kestävän kehityksen yksikkö", "Enheten för hållbar utveckling", "Sustainability unit"
        ),
        "eligibility": tr(
            "Kaupungissa asuvat, vähintään 15-vuotiaat.",
            "Invånare i staden som fyllt 15 år.",
            "Residents of the city aged 15 or over.",
        ),
        "status": ResidentPanelPage.Status.APPLICATIONS_OPEN,
        "term_start": date(now.year + 1, 2, 1),
        "term_end": date(now.year + 1, 11, 30),
        "applications_open": now - timedelta(days=1),
        "applications_close": now + timedelta(days=20),
        "target_size": 6,
        "reserves": 3,
        "background_questions": [F.GENDER, F.MOTHER_TONGUE],
    }
    fields.update(overrides)
    page = ResidentPanelPage(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def panel_page(site_tree, panel_areas, shared_site):
    """The shared site's panel accepting applications, in fi with sv and en translations (and "tr")."""
    pages = ResidentPanelPage.objects.in_bulk(shared_site["panel_page"].values())
    return {code: pages[pk] for code, pk in shared_site["panel_page"].items()} | {"tr": site_tree["tr"]}


def add_applicants(panel, count, seed=1, features=None, shares=None):
    """Synthetic applicants with random feature values (fictional names, example.invalid e-mails)."""
    rng = random.Random(seed)
    features = features or F.panel_features(panel)
    shares = shares or {}
    values = {feature: [code for code, _label in F.feature_values(feature)] for feature in features}
    start = Application.objects.filter(panel=panel).count()
    rows = []
    for i in range(start, start + count):
        chosen = {}
        for feature in features:
            weights = [shares.get(feature, {}).get(v, 1) for v in values[feature]]
            chosen[feature] = rng.choices(values[feature], weights=weights)[0]
        rows.append(
            Application(
                panel=panel,
                name=f"Testi Hakija {i}",
                email=f"hakija{i}@example.invalid",
                phone=f"040 000 {i:04d}",
                birth_year=1980,
                language=rng.choice(["fi", "sv", "en"]),
                consent_contact=True,
                age_group=chosen.get(F.AGE_GROUP, "40-54"),
                area=chosen.get(F.AREA, "keskusta"),
                **{f: chosen[f] for f in features if f in F.BACKGROUND_BY_CODE},
            )
        )
    return Application.objects.bulk_create(rows)
