"""Synthetic organisations for benchmarks and query-count tests (`manage.py generate_organisations`).

Creating 10,000 pages one by one through Wagtail takes many minutes, so the rows are written in
bulk: page rows with their tree paths computed here, then the organisation rows and link rows,
then one bulk update of the search index. The pages are live and look like any published page
to the listing (they have no revisions; editing one in the admin creates the first).
"""

import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from directory.models import (
    ActivityLanguage,
    FieldOfActivity,
    Municipality,
    OrganisationPage,
    TargetGroup,
)
from home import page_cache

BATCH = 500
WORDS_A = [
    "Kylä",
    "Asukas",
    "Nuoriso",
    "Eläkeläis",
    "Kulttuuri",
    "Urheilu",
    "Luonto",
    "Perhe",
    "Kotiseutu",
    "Musiikki",
]
WORDS_B = ["yhdistys", "seura", "kerho", "kilta", "toimikunta", "verkosto", "piiri", "ry"]
TOWNS = ["Järvelä", "Kallio", "Mäki", "Niemi", "Ranta", "Koski", "Lahti", "Salo", "Harju", "Vaara"]
SUMMARIES = [
    "Yhdistys järjestää kerhoja, retkiä ja tapahtumia kaikenikäisille.",
    "Seura tukee asukkaiden omaa toimintaa ja yhteisöllisyyttä.",
    "Liikuntaa, yhdessäoloa ja vapaaehtoistyötä lähiössä.",
    "Kulttuuri ja musiikki kotiseudun iloksi: yhdistys järjestää konsertteja.",
]


def new_paths(parent, count):
    """Tree paths for `count` new children of `parent`, after its existing children."""
    last = parent.get_last_child()
    start = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    return [Page._get_path(parent.path, parent.depth + 1, start + i) for i in range(count)]


def live_page(parent, path, title, slug, content_type, first_published_at, last_published_at, **fields):
    """An unsaved live `Page` row of `content_type` for `Page.objects.bulk_create`: a child of
    `parent` at the treebeard materialised `path` (from `new_paths`), in the parent's locale."""
    return Page(
        title=title,
        draft_title=title,
        slug=slug,
        content_type=content_type,
        path=path,
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{slug}/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=first_published_at,
        last_published_at=last_published_at,
        locale_id=parent.locale_id,
        translation_key=uuid.uuid4(),
        **fields,
    )


def insert_pages(pages):
    """Insert the unsaved `live_page` rows `pages` in one statement; returns them with their
    primary keys. SQLite (3.35+) and PostgreSQL return the keys from the INSERT itself
    (`bulk_create` sets them), so the rows are not read back."""
    Page.objects.bulk_create(pages)
    if any(page.pk is None for page in pages):  # a database that cannot return inserted keys
        saved = {page.path: page.pk for page in Page.objects.filter(path__in=[p.path for p in pages])}
        for page in pages:
            page.pk = saved[page.path]
    return pages


def organisation_on(page, **values):
    """An unsaved `OrganisationPage` row for the saved `Page` row `page` (multi-table child)."""
    organisation = OrganisationPage(page_ptr_id=page.pk, **values)
    organisation.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
    return organisation


def insert_organisations(organisations):
    """Insert the organisation rows of `organisation_on` objects (their page rows exist)."""
    fields = list(OrganisationPage._meta.local_concrete_fields)
    OrganisationPage._base_manager._insert(organisations, fields=fields)


@transaction.atomic
def generate(parent, count, seed=2026, municipalities=None):
    """Create `count` live organisations under the DirectoryPage `parent`; returns their ids."""
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    municipalities = list(municipalities or Municipality.objects.filter(active=True))
    subgroups = list(FieldOfActivity.objects.filter(parent__isnull=False))
    targets = list(TargetGroup.objects.all())
    languages = {lang.code: lang for lang in ActivityLanguage.objects.all()}
    content_type = ContentType.objects.get_for_model(OrganisationPage)
    now = timezone.now()
    created = []
    offset = parent.get_children().count()
    for batch_start in range(0, count, BATCH):
        size = min(BATCH, count - batch_start)
        paths = new_paths(parent, size)
        pages = []
        for i, path in enumerate(paths):
            n = offset + batch_start + i + 1
            title = f"{rng.choice(TOWNS)}n {rng.choice(WORDS_A).lower()}{rng.choice(WORDS_B)} {n}"
            slug = f"org-{n}"
            pages.append(
                live_page(parent, path, title, slug, content_type, now, now - timezone.timedelta(minutes=n))
            )
        organisations = []
        for page in insert_pages(pages):
            organisations.append(
                organisation_on(
                    page,
                    summary=rng.choice(SUMMARIES),
                    municipality=rng.choice(municipalities),
                    register_number=f"{rng.randint(100, 240)}.{rng.randint(0, 999):03d}",
                    looking_for_volunteers=rng.random() < 0.3,
                    looking_for_partners=rng.random() < 0.2,
                )
            )
        insert_organisations(organisations)
        _link(
            OrganisationPage.fields_of_activity.through,
            "fieldofactivity",
            organisations,
            subgroups,
            rng,
            1,
            3,
        )
        _link(OrganisationPage.target_groups.through, "targetgroup", organisations, targets, rng, 0, 2)
        _link(
            OrganisationPage.languages.through,
            "activitylanguage",
            organisations,
            [languages[c] for c in ("fi", "sv", "en") if c in languages],
            rng,
            1,
            2,
        )
        parent.numchild += size
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild)
        index(organisations)
        created.extend(o.pk for o in organisations)
    # Bulk inserts send no signals: the new pages must reach cached listings all the same.
    page_cache.purge_now_and_on_commit()
    return created


def _link(through, target_name, organisations, choices, rng, low, high):
    if not choices:
        return
    rows = []
    for organisation in organisations:
        for choice in rng.sample(choices, rng.randint(low, min(high, len(choices)))):
            rows.append(through(organisationpage_id=organisation.pk, **{f"{target_name}_id": choice.pk}))
    through.objects.bulk_create(rows)


def index(organisations):
    """Add `organisations` (saved OrganisationPage objects, such as `organisation_on` gives, with
    every indexed field set) to the search index in one bulk update. The index reads only their
    own field values (title, summary, description, meeting places, register number), so they are
    indexed as they are rather than read back from the database."""
    from wagtail.search.backends import get_search_backend

    get_search_backend().add_bulk(OrganisationPage, organisations)
