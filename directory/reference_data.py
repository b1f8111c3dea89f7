"""Load the reference classifications in `directory/data/` into the database.

Used by the data migration (with historical models) and by `manage.py
load_directory_reference` after the files are updated. Rows are matched by code or slug, so
loading again only updates names and links.
"""

import csv
from pathlib import Path

from taxonomy.fields import LANGUAGE_CHOICES

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_rows(filename):
    with open(DATA_DIR / filename, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _names(row):
    return {"name_fi": row["name_fi"], "name_sv": row["name_sv"], "name_en": row["name_en"]}


def load(get_model):
    """`get_model(name)` returns the model class (historical in migrations). Returns counts."""
    Region = get_model("Region")
    County = get_model("WellbeingServicesCounty")
    Municipality = get_model("Municipality")
    FieldOfActivity = get_model("FieldOfActivity")
    TargetGroup = get_model("TargetGroup")
    ActivityLanguage = get_model("ActivityLanguage")

    regions = {
        row["code"]: Region.objects.update_or_create(code=row["code"], defaults=_names(row))[0]
        for row in read_rows("regions.csv")
    }
    counties = {
        row["code"]: County.objects.update_or_create(code=row["code"], defaults=_names(row))[0]
        for row in read_rows("wellbeing_services_counties.csv")
    }
    codes = []
    for row in read_rows("municipalities.csv"):
        codes.append(row["code"])
        Municipality.objects.update_or_create(
            code=row["code"],
            defaults={
                **_names(row),
                "region": regions[row["region"]],
                "wellbeing_services_county": counties.get(row["wellbeing_services_county"]),
                "active": True,
            },
        )
    Municipality.objects.exclude(code__in=codes).update(active=False)

    fields = {}
    for order, row in enumerate(read_rows("icnpo.csv")):
        fields[row["code"]] = FieldOfActivity.objects.update_or_create(
            code=row["code"],
            defaults={
                **_names(row),
                "slug": row["slug"],
                "parent": fields.get(row["parent"]) if row["parent"] else None,
                "sort_order": order,
            },
        )[0]
    for order, row in enumerate(read_rows("target_groups.csv")):
        TargetGroup.objects.update_or_create(slug=row["slug"], defaults={**_names(row), "sort_order": order})
    for order, (code, _label) in enumerate(LANGUAGE_CHOICES):
        ActivityLanguage.objects.update_or_create(code=code, defaults={"sort_order": order})
    return {
        "regions": len(regions),
        "wellbeing services counties": len(counties),
        "municipalities": len(codes),
        "fields of activity": len(fields),
        "target groups": TargetGroup.objects.count(),
        "languages": len(LANGUAGE_CHOICES),
    }
