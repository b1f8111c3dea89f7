"""The one filter layer of every public listing, feed, export and API endpoint (django-filter).

Each app declares a `KuuluFilterSet` subclass in its `filters.py` (events and topics in
`participation_pages`, organisations and practice models in `directory`); this module holds what
they share, so that every listing treats its GET parameters the same way:

- **Strict values.** Filters take language-independent values (slugs, codes); a value that is not
  one of the choices is an error, never silently ignored. HTML pages show the errors in the form's
  error summary (`templates/includes/form_error_summary.html`) and still apply the valid filters;
  feeds and exports answer `bad_request()` (HTTP 400, plain text) and the API raises
  `error_message()` as its 400 JSON message.
- **Stable links.** `query_string()` gives the valid filters in declaration order, so feed,
  export and paging links are the same for the same filters.
- **Descriptions.** `descriptions()` gives the active filters as the reader sees them
  ("Resident evening", "Centre, whole area").
- **Reference rows once.** `RowChoiceFilter` and `LinkedChoiceFilter` load their choices with one
  query per filter set, so a listing's query count does not depend on its length;
  `remembered_rows` keeps a locale's rows per content generation (no query at all).
- **Hierarchies.** `grouped_choices()` builds "group → whole group + members" option groups for
  two-level reference data (areas and districts, ICNPO groups and subgroups).
"""

import copy
from types import SimpleNamespace

import django_filters
from django import forms
from django.apps import apps
from django.db.models import Exists, OuterRef
from django.http import HttpResponseBadRequest, QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from home import page_cache
from home.forms import ListingSelect

INVALID_CHOICE = _("“%(value)s” is not one of the choices.")


def grouped_choices(rows, *, value, whole):
    """Option groups for a two-level hierarchy: each group, then "the whole group" and its members.

    rows: objects with `pk`, `parent_id` (None for a group) and `name`, in the order to show them.
    value: callable(row) -> the option's value. whole: callable(group) -> the label of the option
    that chooses the whole group. Returns Django grouped choices:
    `[(group name, [(value(group), whole(group)), (value(member), member name), …]), …]`.
    One pass over the rows (a listing's filters group hundreds of rows on every request).
    """
    members = {}
    for row in rows:
        if row.parent_id is not None:
            members.setdefault(row.parent_id, []).append((value(row), row.name))
    return [
        (group.name, [(value(group), whole(group)), *members.get(group.pk, ())])
        for group in rows
        if group.parent_id is None
    ]


def remembered_rows(load):
    """`load(filterset) -> rows` (a queryset of reference rows, such as one locale's snippets) as
    a `rows` callable for `RowChoiceFilter` whose rows are read once per content generation
    (`home.page_cache.remember`; saving or deleting any snippet starts a new one), so that a
    listing's filter choices cost no query. The rows may depend on the filter set's `locale`
    only. Use as a decorator. `rows.for_locale(locale, request=None)` gives the same kept list
    (a list of rows) outside a filter set, such as the newsletter box's choices."""

    def for_locale(locale, request=None):
        key = ("home.filtering.rows", load.__module__, load.__qualname__, getattr(locale, "pk", None))
        return page_cache.remember(
            key, lambda: list(load(SimpleNamespace(locale=locale, request=request))), request
        )

    def rows(filterset):
        return for_locale(filterset.locale, filterset.request)

    rows.for_locale = for_locale
    return rows


def group_and_members(row, rows):
    """A group and all its members, or a member alone (a main field includes its subfields)."""
    return [row, *(r for r in rows if r.parent_id == row.pk)]


def _getter(attribute):
    return attribute if callable(attribute) else lambda row: getattr(row, attribute)


class FlagFilter(django_filters.BooleanFilter):
    """A yes-only filter shown as a checkbox: `1`, `on`, `true` turn it on, `0`/`false` or no
    value leave it off (Django's BooleanField). `description` labels it in `descriptions()`
    (default: the label)."""

    field_class = forms.BooleanField

    def __init__(self, *args, description=None, **kwargs):
        self.description = description
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return super().filter(qs, True) if value else qs


class RowChoiceFilter(django_filters.ChoiceFilter):
    """A choice among reference rows loaded once per filter set (snippets of one locale,
    reference tables), offered by their language-independent value.

    rows: callable(filterset) -> the rows, in the order to offer them (one query).
    value, label_of: attribute names or callables giving a row's value (default `slug`) and
    option label (default `name`); `label` is the filter's own label, as in django-filter. hierarchical: rows form groups and members (see `grouped_choices`); `whole`
    labels a group's own option. optional: leave the filter out when there are no rows and no
    value was asked for (a calendar without series has no series filter).
    Filters like `ChoiceFilter` on `field_name` (e.g. `event_format__slug`).
    """

    def __init__(
        self,
        field_name=None,
        *,
        rows,
        value="slug",
        label_of="name",
        hierarchical=False,
        whole=None,
        optional=False,
        **kwargs,
    ):
        self.load_rows = rows
        self.value_of = _getter(value)
        self.label_of = _getter(label_of)
        self.hierarchical = hierarchical
        self.whole = whole
        self.optional = optional
        self.rows = []
        kwargs.setdefault("widget", ListingSelect)  # hundreds of options, written in one pass
        super().__init__(field_name, null_value=None, **kwargs)

    def bind(self, filterset):
        """Load the rows and set the choices; False when the filter should be left out."""
        self.rows = list(self.load_rows(filterset))
        if self.hierarchical:
            choices = grouped_choices(self.rows, value=self.value_of, whole=self.whole)
        else:
            choices = [(self.value_of(row), self.label_of(row)) for row in self.rows]
        self.extra["choices"] = choices
        return bool(self.rows) or not self.optional

    def chosen(self, value):
        """The row whose value is `value` (None if there is none)."""
        return next((row for row in self.rows if self.value_of(row) == value), None)


class LinkedChoiceFilter(RowChoiceFilter):
    """A choice among reference rows that items are filed under through link rows (translatable
    links, many-to-many tables): keeps the items with a link to a matching row (EXISTS, so no
    duplicates and no DISTINCT).

    links: the link model or its label (`"participation_pages.EventPageArea"`); owner: the link's
    field pointing at the item (`page`); target: its field pointing at the row (`area`).
    expand: callable(row, rows) -> the rows a choice matches (default: the row alone; areas use
    `taxonomy.filters.related_areas`, fields of activity `group_and_members`). Rows are matched by
    value, so a filter works across languages (`area__slug__in`).
    """

    def __init__(self, *, links, target, owner="page", expand=None, value="slug", **kwargs):
        self.links = links
        self.owner = owner
        self.target = target
        self.value_attr = value
        self.expand = expand or (lambda row, rows: [row])
        super().__init__(value=value, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        row = self.chosen(value)
        values = [self.value_of(r) for r in self.expand(row, self.rows)] if row else [value]
        model = apps.get_model(self.links) if isinstance(self.links, str) else self.links
        links = model.objects.filter(
            **{self.owner: OuterRef("pk"), f"{self.target}__{self.value_attr}__in": values}
        )
        return qs.filter(Exists(links))


class KuuluFilterSet(django_filters.FilterSet):
    """Base of every Kuulu filter set; see the module docstring for the rules it enforces.

    data: the request's GET parameters (empty means unbound: nothing filtered, no errors).
    queryset: the items to filter (`qs` gives them filtered). locale: the Wagtail Locale whose
    snippets give the choices. only: names of the filters to offer (others are left out and
    their parameters ignored), e.g. the screen view's `["area"]`.
    """

    #: Parameters that order rather than filter: kept in `query_string()`, not described.
    ordering_parameters = ()

    def __init__(self, data=None, queryset=None, *, request=None, locale=None, only=None):
        super().__init__(data or None, queryset, request=request)
        self.locale = locale
        for name, filter_ in list(self.filters.items()):
            if (only is not None and name not in only) or not self._offers(name, filter_):
                del self.filters[name]
            else:
                filter_.extra.setdefault("error_messages", {"invalid_choice": INVALID_CHOICE})

    def _offers(self, name, filter_):
        """Load a row filter's choices; an optional one without rows is offered only when asked for."""
        if not isinstance(filter_, RowChoiceFilter) or filter_.bind(self):
            return True
        return self.is_bound and self.data.get(name) not in EMPTY_VALUES

    @classmethod
    def with_parameters(cls, parameters):
        """A filter set offering `parameters`: {URL parameter: name of one of this set's filters}.

        `{"event_format": "format", "area": "area"}` offers the format filter as `event_format`
        and the area filter under its own name; every other filter is left out."""
        subclass = type(f"{cls.__name__}Subset", (cls,), {"__module__": cls.__module__})
        subclass.base_filters = {
            parameter: copy.deepcopy(cls.base_filters[name]) for parameter, name in parameters.items()
        }
        return subclass

    @property
    def active(self):
        """{parameter: cleaned value} of the filters that are valid and set, in declaration order."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        cleaned = getattr(self.form, "cleaned_data", {})
        return {
            name: cleaned[name] for name in self.filters if cleaned.get(name) not in (*EMPTY_VALUES, False)
        }

    def rows(self, name):
        """The reference rows a filter offers (e.g. the event formats), [] if it is left out."""
        filter_ = self.filters.get(name)
        return filter_.rows if isinstance(filter_, RowChoiceFilter) else []

    def query_string(self, *, ordering=True):
        """The valid filters as a query string in declaration order, e.g. `area=keskusta&symbol=1`,
        for feed, export and paging links; `ordering=False` leaves out `ordering_parameters`."""
        query = QueryDict(mutable=True)
        for name, value in self.active.items():
            if ordering or name not in self.ordering_parameters:
                query[name] = "1" if value is True else str(value)
        return query.urlencode()

    def active_values(self):
        """The active filters' values for file names, a flag by its name: ['keskusta', 'symbol']."""
        return [name if value is True else str(value) for name, value in self.active.items()]

    def descriptions(self):
        """Labels of the active filters as the reader sees them, e.g. ['Resident evening',
        'Centre, whole area', '“choir”'] (the chosen option's label; a flag's description or
        label; typed text in quotes)."""
        labels = []
        for name, value in self.active.items():
            if name in self.ordering_parameters:
                continue
            filter_, field = self.filters[name], self.form.fields[name]
            if isinstance(filter_, FlagFilter):
                labels.append(str(filter_.description or field.label))
            elif isinstance(field, forms.ChoiceField):
                labels.extend(str(label) for key, label in _flat(field.choices) if key == value)
            else:
                labels.append(f"“{value}”")
        return labels

    def problems(self):
        """The invalid filters, e.g. ['Area (area): “atlantis” is not one of the choices.']."""
        return [
            f"{self.form.fields[name].label} ({name}): {' '.join(errors)}"
            for name, errors in self.errors.items()
        ]

    def error_message(self):
        """One translated sentence naming every invalid filter (for HTTP 400 answers)."""
        return _("The address has a filter value that does not exist: %(problems)s") % {
            "problems": " ".join(self.problems())
        }

    def bad_request(self):
        """HTTP 400 with `error_message()` as plain text when a filter is invalid, else None:
        what feeds and exports answer instead of silently ignoring a filter."""
        if not self.errors:
            return None
        return HttpResponseBadRequest(self.error_message(), content_type="text/plain; charset=utf-8")


def _flat(choices):
    for key, label in choices:
        if isinstance(label, (list, tuple)):
            yield from label
        else:
            yield key, label
