"""Import organisations from a CSV file (the command `import_organisations` and the admin upload).

Each row is validated with a form and saved in its own savepoint. An existing organisation is
matched by register number, or else by name and home municipality, and updated only when
something changed, so importing the same file twice changes nothing. Duplicate rows within one
file are skipped. Modes:

- default: valid rows are saved, invalid ones are reported with their row numbers;
- ``atomic``: any invalid row rolls the whole import back (nothing is saved);
- ``dry_run``: everything is checked and counted, then rolled back.

The column format is documented in directory/README-organisations.md.
"""

import csv
import io
from contextlib import nullcontext
from dataclasses import dataclass, field
from time import monotonic

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry

from directory import generate
from directory.forms import RegisterNumberField
from directory.models import (
    ActivityLanguage,
    FieldOfActivity,
    Municipality,
    OrganisationPage,
    OrganisationPageTag,
    TargetGroup,
)
from directory.proposals import paragraphs
from home import page_cache, spreadsheets

COLUMNS = [
    "name",
    "register_number",
    "municipality",
    "municipalities_served",
    "fields_of_activity",
    "target_groups",
    "languages",
    "summary",
    "description",
    *OrganisationPage.SELF_DESCRIBED_FIELDS,
    "tags",
]
REQUIRED_COLUMNS = {"name", "municipality", "summary"}
TRUE_VALUES = {"1", "yes", "true", "x", "kyllä", "k", "ja", "y"}
FALSE_VALUES = {"", "0", "no", "false", "ei", "e", "nej", "n"}
CREATED, UPDATED, SKIPPED, ERROR = "created", "updated", "skipped", "error"
# Rows are written a batch at a time, each batch its own transaction, so the write lock (SQLite
# has one writer) is held for a fraction of a second. The first batch has BATCH_SIZE rows; each
# next one as many as the last one's pace fits in BATCH_SECONDS, within MIN_ and MAX_BATCH_SIZE:
# on an idle machine batches grow and what each costs whatever its size (the commit, the lock,
# the search index's title norms, which read the whole index) is paid less often; under load
# they shrink. (Fixed 500-row batches held the lock past SQLite's 20 s busy timeout once under CI
# load, and fixed 25-row ones made a 20,000-row import pay those costs 800 times.)
BATCH_SIZE = 25
BATCH_SECONDS = 0.5
MIN_BATCH_SIZE, MAX_BATCH_SIZE = 10, 500
CHECK_EVERY = 500  # rows the check (reads only) validates between two progress updates


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, missing columns)."""


def _split(value):
    return [part.strip() for part in (value or "").replace(";", ",").split(",") if part.strip()]


def _space_separated(part, table):
    """`part` as codes of `table`: itself if it is one (codes such as ICNPO's "1 200" hold a
    space), else its words joined into the longest codes there are, left to right: the
    open-data export lists several codes separated by spaces. A word that starts no code is
    returned as it is, for the error message."""
    if part.lower() in table:
        return [part]
    words, codes, start = part.split(), [], 0
    while start < len(words):
        for end in range(len(words), start, -1):
            candidate = " ".join(words[start:end])
            if candidate.lower() in table or end == start + 1:
                codes.append(candidate)
                start = end
                break
    return codes


class RowForm(forms.Form):
    name = forms.CharField(max_length=255)
    register_number = RegisterNumberField(max_length=20)
    municipality = forms.CharField()
    municipalities_served = forms.CharField(required=False)
    fields_of_activity = forms.CharField(required=False)
    target_groups = forms.CharField(required=False)
    languages = forms.CharField(required=False)
    summary = forms.CharField(max_length=300)
    description = forms.CharField(required=False)
    website = forms.URLField(required=False, assume_scheme="https")
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=40, required=False)
    meeting_places = forms.CharField(required=False)
    accessibility = forms.CharField(required=False)
    looking_for_volunteers = forms.CharField(required=False)
    looking_for_partners = forms.CharField(required=False)
    tags = forms.CharField(required=False)

    def __init__(self, data, lookups):
        super().__init__(data)
        self.lookups = lookups

    def clean_municipality(self):
        value = self.cleaned_data["municipality"].strip()
        municipality = self.lookups.municipality(value)
        if municipality is None:
            raise ValidationError(_("Unknown municipality “%(value)s”.") % {"value": value})
        return municipality

    def clean_municipalities_served(self):
        found, unknown = [], []
        for value in _split(self.cleaned_data["municipalities_served"]):
            municipality = self.lookups.municipality(value)
            (found if municipality else unknown).append(municipality or value)
        if unknown:
            raise ValidationError(_("Unknown municipality “%(value)s”.") % {"value": ", ".join(unknown)})
        return found

    def _codes(self, name, table, label):
        values = [code for part in _split(self.cleaned_data[name]) for code in _space_separated(part, table)]
        unknown = [v for v in values if v.lower() not in table]
        if unknown:
            raise ValidationError(
                _("Unknown %(what)s: %(values)s.") % {"what": label, "values": ", ".join(unknown)}
            )
        return [table[v.lower()] for v in values]

    def clean_fields_of_activity(self):
        return self._codes("fields_of_activity", self.lookups.fields, _("field of activity"))

    def clean_target_groups(self):
        return self._codes("target_groups", self.lookups.targets, _("target group"))

    def clean_languages(self):
        return self._codes("languages", self.lookups.languages, _("language"))

    def _flag(self, name):
        value = self.cleaned_data[name].strip().lower()
        if value in TRUE_VALUES:
            return True
        if value in FALSE_VALUES:
            return False
        raise ValidationError(_("Write 1 for yes or 0 for no, not “%(value)s”.") % {"value": value})

    def clean_looking_for_volunteers(self):
        return self._flag("looking_for_volunteers")

    def clean_looking_for_partners(self):
        return self._flag("looking_for_partners")

    def clean_tags(self):
        return sorted(set(_split(self.cleaned_data["tags"])))


class _SharedFields(dict):
    """A form's fields that every instance uses as they are, without Django's deep copy of them
    per instance (`Form.__init__` deep-copies `base_fields`). For forms made thousands of times in
    a row whose fields nothing changes per instance: copying RowForm's 17 fields was half the time
    a row took to validate."""

    def __deepcopy__(self, memo):
        return self


RowForm.base_fields = _SharedFields(RowForm.base_fields)


class Lookups:
    """Reference tables loaded once per import: codes, slugs and names, case-insensitive."""

    def __init__(self):
        self.municipalities = {}
        for municipality in Municipality.objects.all():
            for key in (municipality.code, municipality.name_fi, municipality.name_sv):
                if key:
                    self.municipalities.setdefault(key.lower(), municipality)
        self.fields = {}
        for item in FieldOfActivity.objects.all():
            self.fields[item.slug] = item
            self.fields[item.code.lower()] = item
            self.fields[item.code.replace(" ", "")] = item
        self.targets = {t.slug: t for t in TargetGroup.objects.all()}
        self.languages = {lang.code.lower(): lang for lang in ActivityLanguage.objects.all()}

    def municipality(self, value):
        value = (value or "").strip().lower()
        if value.isdigit():
            value = value.zfill(3)
        return self.municipalities.get(value)


@dataclass
class RowResult:
    row: int
    name: str
    action: str
    messages: list = field(default_factory=list)


@dataclass
class ImportReport:
    results: list = field(default_factory=list)
    dry_run: bool = False
    atomic: bool = False
    rolled_back: bool = False

    def count(self, action):
        return sum(1 for r in self.results if r.action == action)

    @property
    def counts(self):
        return {action: self.count(action) for action in (CREATED, UPDATED, SKIPPED, ERROR)}

    @property
    def errors(self):
        return [r for r in self.results if r.action == ERROR]


def read_csv(file_bytes):
    """Rows of a CSV file as dicts; comma or semicolon separated, UTF-8 (with or without BOM).

    Cells are stripped of surrounding spaces, and the apostrophe that our own exports put before a
    cell that would start a formula (home.spreadsheets) is taken off again, so an exported value
    reads back unchanged.
    """
    try:
        text = file_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again.")
        ) from error
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    headers = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = REQUIRED_COLUMNS - set(headers)
    if missing:
        raise ImportFileError(
            _("The file has no column %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(sorted(missing))}
        )
    reader.fieldnames = headers
    rows = []
    try:
        for row in reader:
            rows.append({k: spreadsheets.restore((v or "").strip()) for k, v in row.items() if k})
    except csv.Error as error:
        # A cell over csv.field_size_limit() (128 kB) or a broken quote; nothing is imported.
        raise ImportFileError(
            _("Row %(row)d of the file cannot be read as CSV: a cell is too long or its quotes are broken.")
            % {"row": len(rows) + 2}
        ) from error
    return rows


class ExistingOrganisations:
    """The directory's organisations, loaded once per import, to match rows against.

    A row matches the organisation with its register number, or else one with the same name
    (case-insensitive) and home municipality that has no register number or the same one."""

    def __init__(self, directory):
        self.by_register, self.by_name = {}, {}
        rows = OrganisationPage.objects.child_of(directory).order_by("path")
        for pk, register, title, municipality in rows.values_list(
            "pk", "register_number", "title", "municipality_id"
        ):
            if register:
                self.by_register.setdefault(register, pk)
            self.by_name.setdefault((title.lower(), municipality), []).append((pk, register))

    def find_pk(self, data):
        """The primary key of the matching OrganisationPage, or None (no query)."""
        pk = self.by_register.get(data["register_number"]) if data["register_number"] else None
        if pk is None:
            candidates = self.by_name.get((data["name"].lower(), data["municipality"].pk), [])
            pk = next((p for p, reg in candidates if reg in ("", data["register_number"])), None)
        return pk

    @staticmethod
    def load(pks):
        """{pk: OrganisationPage} with the links and tags `_changed` compares, in a few queries."""
        return OrganisationPage.objects.prefetch_related(
            "municipalities_served", "fields_of_activity", "target_groups", "languages", "tags"
        ).in_bulk(pks)

    def plan(self, cleaned):
        """(row number, RowResult or None, cleaned data, matching page or None) for the rows
        `cleaned` (from `_Rows.clean_range`), the matching pages loaded together."""
        pks = {number: self.find_pk(data) for number, result, data in cleaned if result is None}
        pages = self.load([pk for pk in pks.values() if pk])
        return [(number, result, data, pages.get(pks.get(number))) for number, result, data in cleaned]


def _values(data):
    return {
        "title": data["name"],
        "register_number": data["register_number"],
        "municipality_id": data["municipality"].pk,
        "summary": data["summary"],
        "description": paragraphs(data["description"]),
        **{name: data[name] for name in OrganisationPage.SELF_DESCRIBED_FIELDS},
    }


def _links(data):
    return {
        "municipalities_served": data["municipalities_served"],
        "fields_of_activity": data["fields_of_activity"],
        "target_groups": data["target_groups"],
        "languages": data["languages"],
    }


def _changed(page, data):
    for name, value in _values(data).items():
        current = getattr(page, name)
        if name == "description":
            if strip_tags(current).split() != strip_tags(value).split():
                return True
        elif current != value:
            return True
    for name, items in _links(data).items():
        if {i.pk for i in getattr(page, name).all()} != {i.pk for i in items}:
            return True
    return sorted(t.name for t in page.tags.all()) != data["tags"]


def _apply(page, data):
    for name, value in _values(data).items():
        setattr(page, name, value)
    page.draft_title = page.title
    for name, items in _links(data).items():
        setattr(page, name, items)
    page.tags.set(data["tags"])


def _unique_slug(directory, name, taken):
    base = slugify(name)[:70] or "yhdistys"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _update_row(existing, data, user):
    """Publish the row's values on `existing` through Wagtail (a new revision) if they differ."""
    if not _changed(existing, data):
        return SKIPPED
    _apply(existing, data)
    existing.save_revision(user=user).publish(user=user)
    return UPDATED


def _create_pages(directory, rows, user, taken_slugs):
    """Create a live OrganisationPage under `directory` for each cleaned row, in bulk.

    Publishing through Wagtail costs about 50 ms a page (revision, reference index, search index,
    signals), which made a 20,000-row file run for over ten minutes. New pages are written as
    `directory.generate` writes them: page rows with their tree paths, organisation rows, link
    and tag rows, one "created" entry each in the page history and one bulk search-index update.
    They have no revision until someone edits them in the admin. The caller holds a lock on the
    directory's row, so nobody else adds a child in between."""
    if not rows:
        return []
    content_type = ContentType.objects.get_for_model(OrganisationPage)
    paths = generate.new_paths(directory, len(rows))
    now = timezone.now()
    pages = []
    for path, data in zip(paths, rows, strict=True):
        slug = _unique_slug(directory, data["name"], taken_slugs)
        pages.append(
            generate.live_page(directory, path, data["name"], slug, content_type, now, now, owner=user)
        )
    organisations = [
        generate.organisation_on(page, **_values(data))
        for page, data in zip(generate.insert_pages(pages), rows, strict=True)
    ]
    generate.insert_organisations(organisations)
    for name in ("municipalities_served", "fields_of_activity", "target_groups", "languages"):
        relation = OrganisationPage._meta.get_field(name)
        through, own, other = (
            relation.remote_field.through,
            relation.m2m_field_name(),
            relation.m2m_reverse_field_name(),
        )
        through.objects.bulk_create(
            through(**{f"{own}_id": organisation.pk, f"{other}_id": item.pk})
            for organisation, data in zip(organisations, rows, strict=True)
            for item in {item.pk: item for item in data[name]}.values()
        )
    names = {name for data in rows for name in data["tags"]}
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - set(tags)):
        tags[name] = Tag.objects.create(name=name)
    OrganisationPageTag.objects.bulk_create(
        OrganisationPageTag(content_object_id=organisation.pk, tag_id=tags[name].pk)
        for organisation, data in zip(organisations, rows, strict=True)
        for name in data["tags"]
    )
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type=content_type,
            page_id=organisation.pk,
            label=organisation.title,
            action="wagtail.create",
            user=user,
            timestamp=now,
        )
        for organisation in organisations
    )
    Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + len(organisations))
    directory.numchild += len(organisations)
    generate.index(organisations)
    # Bulk inserts send no signals: the new pages must reach the cached listing all the same.
    page_cache.purge_now_and_on_commit()
    return organisations


def _row_key(data):
    if data["register_number"]:
        return ("register", data["register_number"])
    return ("name", data["name"].lower(), data["municipality"].pk)


class _Rows:
    """Validates rows in file order: a RowResult for an invalid or repeated row, else the data."""

    def __init__(self, lookups):
        self.lookups, self.seen = lookups, {}

    def clean(self, number, row):
        form = RowForm(row, self.lookups)
        name = row.get("name", "")
        if not form.is_valid():
            messages = [
                f"{column}: {' '.join(errors)}" if column != "__all__" else " ".join(errors)
                for column, errors in form.errors.items()
            ]
            return RowResult(number, name, ERROR, messages), None
        data = form.cleaned_data
        key = _row_key(data)
        if key in self.seen:
            message = _("Same organisation as row %(row)s.") % {"row": self.seen[key]}
            return RowResult(number, name, SKIPPED, [message]), None
        self.seen[key] = number
        return None, data

    def clean_range(self, rows, start, end):
        """(row number, RowResult or None, cleaned data or None) for rows[start:end]; the file's
        first row is the header, so rows[0] is row 2."""
        return [(index + 2, *self.clean(index + 2, rows[index])) for index in range(start, end)]


def check_rows(directory, rows, *, progress=None, every=CHECK_EVERY):
    """What importing `rows` under `directory` would do, as an ImportReport (`dry_run`); reads
    only, so a check of a large file holds no write lock. `progress(done, total)` is called
    every `every` rows and at the end."""
    report = ImportReport(dry_run=True, rolled_back=True)
    cleaner, existing = _Rows(Lookups()), ExistingOrganisations(directory)
    for start in range(0, len(rows), every):
        cleaned = cleaner.clean_range(rows, start, min(start + every, len(rows)))
        for number, result, data, page in existing.plan(cleaned):
            if result is None:
                action = CREATED if page is None else (UPDATED if _changed(page, data) else SKIPPED)
                result = RowResult(number, data["name"], action)
            report.results.append(result)
        if progress:
            progress(min(start + every, len(rows)), len(rows))
    return report


def _next_batch_size(rows, seconds):
    """Rows the next batch can write in BATCH_SECONDS at the pace of the last one (`rows` in
    `seconds`), within MIN_BATCH_SIZE and MAX_BATCH_SIZE; at most twice the last size, so one
    quick batch does not make a long one."""
    pace = rows * BATCH_SECONDS / max(seconds, 1e-3)
    return int(max(MIN_BATCH_SIZE, min(MAX_BATCH_SIZE, 2 * rows, pace)))


def import_rows(directory, rows, *, dry_run=False, atomic=False, user=None, progress=None, batch_size=None):
    """Import parsed rows (dicts) under `directory`; returns an ImportReport.

    Rows are written in batches, each in a transaction of its own, so residents' sign-ups and
    proposals wait for one batch at most (SQLite has one writer at a time), not for the whole
    file: `batch_size` rows a batch, or by default batches paced to last about BATCH_SECONDS
    (see BATCH_SIZE). Rows are validated before their batch takes the write lock.
    `progress(done, total)` is called after each committed batch. With `atomic` the whole file
    is one transaction, rolled back if any row is invalid; `dry_run` is `check_rows` (nothing is
    written)."""
    if dry_run:
        return check_rows(directory, rows, progress=progress)
    report = ImportReport(atomic=atomic)
    cleaner, existing = _Rows(Lookups()), ExistingOrganisations(directory)
    taken_slugs = set(Page.objects.child_of(directory).values_list("slug", flat=True))
    size, start = batch_size or BATCH_SIZE, 0
    with transaction.atomic() if atomic else nullcontext():
        while start < len(rows):
            end = min(start + size, len(rows))
            cleaned = cleaner.clean_range(rows, start, end)  # before the write lock: reads only
            began = monotonic()
            with transaction.atomic():
                # One writer adds children to the directory at a time (tree paths).
                list(Page.objects.select_for_update().filter(pk=directory.pk).values_list("pk"))
                directory.refresh_from_db(fields=["numchild"])
                new, results = [], []
                for number, result, data, page in existing.plan(cleaned):
                    if result is None and page is None:
                        result = RowResult(number, data["name"], CREATED)
                        new.append(data)
                    elif result is None:
                        try:
                            with transaction.atomic():
                                action = _update_row(page, data, user)
                        except ValidationError as error:
                            result = RowResult(number, data["name"], ERROR, error.messages)
                        else:
                            result = RowResult(number, data["name"], action)
                    results.append(result)
                _create_pages(directory, new, user, taken_slugs)
                report.results.extend(results)
            if batch_size is None:
                size = _next_batch_size(end - start, monotonic() - began)
            start = end
            if progress:
                progress(end, len(rows))
        if atomic and report.errors:
            report.rolled_back = True
            transaction.set_rollback(True)
    return report
