"""Build the demo city from the YAML files in `demo/data/`, one file per part.

A part file is a list of entries, loaded in order:

* a **table** creates objects of one model: `{model: app.Model, key: "area:{slug}", under: home,
  defaults: {...}, objects: [{field: value, ...}, ...]}`. `key` names each object for later
  entries (a format string over the object's fields, or a `key:` of its own); `under` is the
  parent page of pages.
* an **update** sets fields of an object made earlier: `{update: key, set: {field: value}}`, where
  `field` may be `body.<block type>.<name>` to change every such block of a StreamField.
* a **generator** runs the code that makes what is not content: `{generate: name, ...}` (see
  `demo.generators`: sign-ups, poll answers, event feedback, a panel draw, the site's root).

Values follow the model's fields: a foreign key or many-to-many names an object by its key (or a
reference row by its code or slug, see NATURAL_KEYS), a child relation is a list of rows, a
StreamField a list of `{block_type: value}`. Anywhere in a value:

* `{fi: …, sv: …, en: …}` is a text with its translations (`sv`/`en` left out: the same text),
* `{paragraphs: [text, …]}` rich text of paragraphs,
* `{ref: key}` the object made under that key,
* `{days: N, time: "17:30", weekday: tuesday}` a date (no `time`), a local time (`time: now`:
  the moment of loading) N days from the day of loading, moved forward to `weekday`;
  `{next: "08-12", …}` counts from the next 12 August instead.

Every Finnish object is created first; the Swedish and English versions are made at the end
through wagtail-localize (`demo.translation.translate`), parents before children. The search
index is updated once per model at the end (a bulk update) and Wagtail's reference index once per
object (queued as tasks, like every save outside the loader), not on every save.
"""

import random
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from pathlib import Path

import yaml
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, ReferenceIndex, Site, TranslatableMixin
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo.models import DemoContentLoad
from demo.translation import TARGET_LANGUAGES, Translations, add_child, demo_image, translate

DATA_DIR = Path(__file__).resolve().parent / "data"
# The parts in the order they load: later parts refer to what earlier ones made.
PARTS = (
    "home",
    "taxonomy",
    "participation_pages",
    "directory",
    "directory_content",
    "panels",
    "registrations",
    "feedback",
    "newsletters",
)
# Reference data the demo points at by code or slug instead of a key of its own.
NATURAL_KEYS = {
    "wagtailcore.Locale": "language_code",
    "directory.Municipality": "code",
    "directory.Region": "code",
    "directory.FieldOfActivity": "slug",
    "directory.TargetGroup": "slug",
    "directory.ActivityLanguage": "code",
}
# Shorthands for the translatable many-to-many links to taxonomy: `areas: [area:keskusta]`.
LINKS = {"areas": ("area_links", "area"), "themes": ("theme_links", "theme")}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def read_part(name):
    """The entries of `demo/data/<name>.yaml`, a list of dicts."""
    with open(DATA_DIR / f"{name}.yaml", encoding="utf-8") as handle:
        # libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure-Python one.
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or []  # noqa: S506


@contextmanager
def search_updates_paused():
    """Skip Wagtail's per-save search-index and reference-index updates (the loader indexes
    every object once at the end)."""
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler

    models = [m for m in index.get_indexed_models() if getattr(m, "search_auto_update", True)]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)


class DemoLoader:
    """Loads parts of the demo; `objects` seeds the keys (e.g. {"home": a HomePage})."""

    def __init__(self, objects=None, now=None):
        self.tr = Translations()
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.rng = random.Random(2026)  # noqa: S311 - synthetic answers, not secrets
        self.objects = {"root": Page.get_first_root_node(), **(objects or {})}
        self.created = []  # Finnish objects to translate, in creation order
        self.finishers = []  # work started in the background (the panel draw), finished last
        self._natural = {}

    # --- loading ------------------------------------------------------------------------------

    def load(self, parts=PARTS, log=None):
        """Load the named parts not loaded before, in one transaction. Returns the parts loaded."""
        done = set(DemoContentLoad.objects.values_list("app_label", flat=True))
        todo = [part for part in parts if part not in done]
        if not todo:
            return []
        with transaction.atomic(), search_updates_paused():
            for code in ("fi", *TARGET_LANGUAGES):
                Locale.objects.get_or_create(language_code=code)
            for part in todo:
                self.load_part(part)
                if log:
                    log(f"{part}: created")
            translated = self.translate_all()
            for finish in self.finishers:
                finish()
            DemoContentLoad.objects.bulk_create(DemoContentLoad(app_label=part) for part in todo)
        self.index([*self.created, *translated])
        return todo

    def load_part(self, name):
        for entry in read_part(name):
            if "generate" in entry:
                from demo.generators import GENERATORS

                GENERATORS[entry["generate"]](self, entry)
            elif "update" in entry:
                self.update(self.lookup(None, entry["update"]), entry["set"])
            else:
                self.create_table(entry)

    def create_table(self, table):
        model = apps.get_model(table["model"])
        for raw in table["objects"]:
            data = {**table.get("defaults", {}), **raw}
            key = data.pop("key", None) or table.get("key", "").format(**data) or None
            under = data.pop("under", table.get("under"))
            instance = self.create(model, data, under)
            if key:
                self.register(key, instance)

    def create(self, model, data, under=None):
        """Create one Finnish object of `model` from its data (under the page keyed `under`)."""
        if model is get_image_model():
            return demo_image(**self.resolve(data))
        values, before_save, after_save = self.field_values(model, data)
        if issubclass(model, BaseSiteSetting):
            instance = model.for_site(Site.objects.get(is_default_site=True))
            for name, value in values.items():
                setattr(instance, name, value)
        else:
            instance = model(**values)
        for step in before_save:
            step(instance)
        if isinstance(instance, Page):
            add_child(self.lookup(Page, under), instance)
        else:
            instance.save()
        for step in after_save:
            step(instance)
        if isinstance(instance, TranslatableMixin):
            self.created.append(instance)
        return instance

    def update(self, instance, changes):
        """Set fields (or `field.block_type.name` inside a StreamField) and save."""
        for path, raw in changes.items():
            name, _, inner = path.partition(".")
            if inner:
                block_type, _, child = inner.partition(".")
                for block in getattr(instance, name):
                    if block.block_type == block_type:
                        block.value[child] = self.resolve(raw)
            else:
                values, _before, _after = self.field_values(type(instance), {name: raw})
                setattr(instance, name, values[name])
        if isinstance(instance, Page):
            instance.save()
            instance.save_revision(clean=False).publish()
        else:
            instance.save()

    def translate_all(self):
        """Translate every Finnish object made in this load into sv and en; returns the targets."""
        targets = []
        for instance in self.created:
            targets += translate(instance, self.tr, quick=True).values()
        return targets

    def index(self, instances):
        """Queue one search-index update per model (a bulk update of all its objects,
        `home.search.add_bulk_task`) and one reference-index update per object (the task worker
        runs them; in tests they run at once)."""
        from modelsearch import index
        from wagtail.tasks import update_reference_index_task

        from home.search import add_bulk_task

        indexed = set(index.get_indexed_models())
        to_index = {}
        for instance in instances:
            instance = instance.specific if isinstance(instance, Page) else instance
            model = type(instance)
            if model in indexed:
                to_index.setdefault(model, []).append(instance.pk)
            if ReferenceIndex.model_is_indexable(model):
                update_reference_index_task.enqueue(
                    model._meta.app_label, model._meta.model_name, str(instance.pk)
                )
        for model, pks in to_index.items():
            add_bulk_task.enqueue(model._meta.app_label, model._meta.model_name, pks)

    # --- keys -------------------------------------------------------------------------------

    def register(self, key, instance):
        if key in self.objects:
            raise ImproperlyConfigured(f"Demo key {key!r} is used twice.")
        self.objects[key] = instance

    def lookup(self, model, key):
        """The object `key` names: a reference row of `model` by its code/slug, or a demo object."""
        natural = model and NATURAL_KEYS.get(model._meta.label)
        if natural:
            cache_key = (model, key)
            if cache_key not in self._natural:
                self._natural[cache_key] = model.objects.get(**{natural: key})
            return self._natural[cache_key]
        try:
            instance = self.objects[key]
        except KeyError:
            raise ImproperlyConfigured(f"No demo object has the key {key!r}.") from None
        if model and not isinstance(instance, model):
            raise ImproperlyConfigured(f"Demo key {key!r} is a {type(instance).__name__}, not {model}.")
        return instance

    # --- values -----------------------------------------------------------------------------

    def field_values(self, model, data):
        """Returns (constructor values, steps before save, steps after save) for `model`."""
        values, before, after = {}, [], []
        for name, raw in data.items():
            if name in LINKS:
                relation, target = LINKS[name]
                link = model._meta.get_field(relation).related_model
                related = link._meta.get_field(target).related_model
                values[relation] = [link(**{target: self.lookup(related, key)}) for key in raw]
                continue
            field = model._meta.get_field(name)
            if isinstance(field, TaggableManager):
                before.append(lambda instance, name=name, tags=raw: getattr(instance, name).add(*tags))
            elif field.many_to_many:
                objects = [self.lookup(field.related_model, key) for key in raw]
                if issubclass(model, ClusterableModel):
                    values[name] = objects
                else:
                    after.append(lambda instance, name=name, objs=objects: getattr(instance, name).set(objs))
            elif field.one_to_many:
                child = field.related_model
                values[name] = [child(**self.field_values(child, row)[0]) for row in raw]
            elif field.many_to_one and isinstance(raw, str):
                values[name] = self.lookup(field.related_model, raw)
            elif isinstance(field, StreamField):
                values[name] = [(kind, self.resolve(value)) for block in raw for kind, value in block.items()]
            else:
                values[name] = self.resolve(raw)
        return values, before, after

    def resolve(self, raw):
        """Texts, references and relative dates in `raw` (see the module docstring) made real."""
        if isinstance(raw, list):
            return [self.resolve(item) for item in raw]
        if not isinstance(raw, dict):
            return raw
        keys = set(raw)
        if "fi" in keys and keys <= {"fi", "sv", "en"}:
            fi = raw["fi"]
            return self.tr(fi, raw.get("sv", fi), raw.get("en", fi))
        if keys == {"paragraphs"}:
            return "".join(f"<p>{self.resolve(text)}</p>" for text in raw["paragraphs"])
        if keys == {"ref"}:
            return self.lookup(None, raw["ref"])
        if keys & {"days", "next"} and keys <= {"days", "next", "time", "weekday"}:
            return self.when(**raw)
        return {name: self.resolve(value) for name, value in raw.items()}

    def when(self, days=0, time=None, weekday=None, next=None):  # noqa: A002 - the data's word
        """A date, or an aware local datetime, relative to the day of loading."""
        if time == "now":
            return self.now + timedelta(days=days)
        day = self.today
        if next:
            month, dom = (int(part) for part in next.split("-"))
            day = day.replace(month=month, day=dom)
            if day < self.today:
                day = day.replace(year=day.year + 1)
        day += timedelta(days=days)
        if weekday:
            day += timedelta(days=(WEEKDAYS.index(weekday) - day.weekday()) % 7)
        if time is None:
            return day
        return timezone.make_aware(datetime.combine(day, clock(time)))


def clock(text):
    hours, minutes = (int(part) for part in text.split(":"))
    return time(hours, minutes)
