"""One place to find, export and erase a person's data across every app.

Each app that stores personal data registers its provider class in `wagtail_hooks.py`:

    hooks.register("kuulu_personal_data", RegistrationData)

`manage.py personal_data export EMAIL` and `manage.py personal_data erase EMAIL` then cover
every registered store. A provider describes what it keeps and for how long, so the privacy
notice can be checked against the code.
"""

from operator import attrgetter

from wagtail import hooks

HOOK = "kuulu_personal_data"


class PersonalDataProvider:
    #: Short name shown in exports, e.g. "event sign-ups".
    name = ""

    def export(self, email):
        """Return a list of JSON-serialisable dicts describing what is stored for `email`."""
        raise NotImplementedError

    def erase(self, email):
        """Delete or anonymise everything stored for `email`; return how many records changed."""
        raise NotImplementedError


class ModelPersonalData(PersonalDataProvider):
    """A provider for the rows of one model that carry the address in `email_field`:

        class IdeaContactData(ModelPersonalData):
            name = "ideas (idea box)"
            model = Idea
            fields = {"received": "created_at", "name": "name", "event": "event.title",
                      "kept_until": lambda idea: idea.created_at + RETENTION}

    `fields` maps each export key to an attribute path (dotted: related rows are fetched with
    `select_related`) or to a function of the row. `erase` deletes the rows; a provider that
    anonymises instead overrides it. `queryset()` narrows the rows (e.g. not yet anonymised)."""

    model = None
    email_field = "email"
    fields = {}

    def queryset(self):
        return self.model._default_manager.all()

    def matching(self, email):
        """The rows for `email` (case-insensitive); none for an empty address."""
        email = normalise_email(email)
        if not email:
            return self.queryset().none()
        return self.queryset().filter(**{f"{self.email_field}__iexact": email})

    def export(self, email):
        related = {
            path.rsplit(".", 1)[0] for path in self.fields.values() if isinstance(path, str) and "." in path
        }
        values = {key: path if callable(path) else attrgetter(path) for key, path in self.fields.items()}
        rows = self.matching(email).select_related(*related)
        return [{key: value(row) for key, value in values.items()} for row in rows]

    def erase(self, email):
        return self.matching(email).delete()[0]


def providers():
    """A `PersonalDataProvider` from every `kuulu_personal_data` hook, in hook order."""
    return [make_provider() for make_provider in hooks.get_hooks(HOOK)]


def normalise_email(email):
    return (email or "").strip().lower()


def text_columns(model):
    """The concrete fields of `model` that can hold an address: char, text, e-mail and JSON."""
    from django.db import models

    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField, models.JSONField))
    ]


def mentions(email):
    """{"app_label.model": number of rows} of every table with a text column that mentions
    `email` (case-insensitive, anywhere in a value, JSON included), whoever owns the table:
    Kuulu's apps, Wagtail (revisions, logs, search index), the task queue, sessions, django-axes.

    `manage.py personal_data` runs it after export and erase, so a store no provider covers is
    found rather than forgotten. Session data is signed and encoded, so it is not searchable
    here; sessions expire and are cleared by `home.prune_stored_data`."""
    from django.apps import apps
    from django.db import DatabaseError, models, transaction
    from django.db.models.functions import Cast

    email = normalise_email(email)
    found = {}
    if not email:
        return found
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed and not meta.db_table.endswith("fts"):
            continue
        condition = models.Q(pk__in=[])
        annotations = {}
        for field in text_columns(model):
            if isinstance(field, models.JSONField):
                name = f"_kuulu_text_{field.attname}"
                annotations[name] = Cast(field.attname, models.TextField())
                condition |= models.Q(**{f"{name}__icontains": email})
            else:
                condition |= models.Q(**{f"{field.attname}__icontains": email})
        if not annotations and condition == models.Q(pk__in=[]):
            continue
        try:
            with transaction.atomic():
                count = model._base_manager.annotate(**annotations).filter(condition).count()
        except DatabaseError:
            continue
        if count:
            found[meta.label_lower] = count
    return found
