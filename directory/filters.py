"""The directory's filters: one GET form for the listing and the open-data exports.

Values are codes and slugs (municipality `091`, region `01`, field `sports`, target group
`youth`, language `sv`), the same in every language, so a filtered address can be shared across
languages. Every filter is an indexed lookup: a foreign key, a boolean column, or an EXISTS on a
many-to-many link table.
"""

from django import forms
from django.db.models import Exists, OuterRef
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from directory.models import (
    ActivityLanguage,
    FieldOfActivity,
    Municipality,
    OrganisationPage,
    Region,
    TargetGroup,
)

SORT_NAME, SORT_UPDATED = "name", "updated"
FILTER_PARAMETERS = ("q", "municipality", "region", "field", "target", "language", "volunteers", "partners")


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"), required=False, max_length=200, widget=forms.TextInput(attrs={"type": "search"})
    )
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    field = forms.ChoiceField(
        label=_("Field of activity"),
        required=False,
        help_text=_("A main field includes all its subfields."),
    )
    target = forms.ChoiceField(label=_("Target group"), required=False)
    language = forms.ChoiceField(label=_("Language of activity"), required=False)
    volunteers = forms.BooleanField(label=_("Looking for volunteers"), required=False)
    partners = forms.BooleanField(label=_("Looking for co-operation partners"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, data, organisations):
        """`organisations`: the base queryset (live organisations of one directory and language);
        municipality and region choices list only those that have organisations."""
        super().__init__(data or None)
        used = organisations.values("municipality_id")
        self.municipalities = list(
            Municipality.objects.filter(pk__in=used).select_related("region").order_by("name_fi")
        )
        region_ids = {m.region_id for m in self.municipalities}
        self.regions = sorted((r for r in Region.objects.all() if r.pk in region_ids), key=lambda r: r.name)
        self.fields_of_activity = list(FieldOfActivity.objects.all())
        self.target_groups = list(TargetGroup.objects.all())
        self.languages = list(ActivityLanguage.objects.all())

        self.fields["municipality"].choices = [("", _("All municipalities"))] + sorted(
            ((m.code, m.name) for m in self.municipalities), key=lambda c: c[1]
        )
        self.fields["region"].choices = [("", _("All regions"))] + [(r.code, r.name) for r in self.regions]
        self.fields["field"].choices = self._field_choices()
        self.fields["target"].choices = [("", _("All target groups"))] + [
            (t.slug, t.name) for t in self.target_groups
        ]
        self.fields["language"].choices = [("", _("Any language"))] + [
            (lang.code, lang.name) for lang in self.languages
        ]
        self.fields["sort"].choices = [
            (SORT_NAME, _("Name (A–Z)")),
            (SORT_UPDATED, _("Recently updated")),
        ]

    def _field_choices(self):
        groups = [f for f in self.fields_of_activity if f.parent_id is None]
        choices = [("", _("All fields"))]
        for group in groups:
            subgroups = [(f.slug, f.name) for f in self.fields_of_activity if f.parent_id == group.pk]
            whole = _("%(field)s, all") % {"field": group.name}
            choices.append((group.name, [(group.slug, whole), *subgroups]))
        return choices

    @property
    def active(self):
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {k: v for k, v in cleaned.items() if v and k in FILTER_PARAMETERS}

    @property
    def sort_order(self):
        value = self.cleaned_data.get("sort") if self.is_bound and self.is_valid() else ""
        return value or SORT_NAME

    def query_string(self, include_sort=True):
        query = QueryDict(mutable=True)
        for name in FILTER_PARAMETERS:
            value = self.active.get(name)
            if value:
                query[name] = "1" if value is True else value
        if include_sort and self.is_bound and self.is_valid() and self.cleaned_data.get("sort"):
            query["sort"] = self.cleaned_data["sort"]
        return query.urlencode()

    def descriptions(self):
        labels = []
        for name, value in self.active.items():
            if name == "q":
                labels.append(f"“{value}”")
            elif value is True:
                labels.append(str(self.fields[name].label))
            else:
                for key, label in self.fields[name].choices:
                    if isinstance(label, (list, tuple)):
                        labels.extend(str(lbl) for k, lbl in label if k == value)
                    elif key == value:
                        labels.append(str(label))
        return labels

    def field_ids(self, slug):
        """A field and, for a main group, all its subgroups."""
        chosen = next((f for f in self.fields_of_activity if f.slug == slug), None)
        if chosen is None:
            return []
        return [chosen.pk] + [f.pk for f in self.fields_of_activity if f.parent_id == chosen.pk]

    def filter(self, queryset):
        """Apply the filters (not the search) to an OrganisationPage queryset."""
        active = self.active
        if "municipality" in active:
            queryset = queryset.filter(municipality__code=active["municipality"])
        if "region" in active:
            queryset = queryset.filter(municipality__region__code=active["region"])
        if "field" in active:
            through = OrganisationPage.fields_of_activity.through
            queryset = queryset.filter(
                Exists(
                    through.objects.filter(
                        organisationpage_id=OuterRef("pk"),
                        fieldofactivity_id__in=self.field_ids(active["field"]),
                    )
                )
            )
        if "target" in active:
            through = OrganisationPage.target_groups.through
            queryset = queryset.filter(
                Exists(
                    through.objects.filter(
                        organisationpage_id=OuterRef("pk"), targetgroup__slug=active["target"]
                    )
                )
            )
        if "language" in active:
            through = OrganisationPage.languages.through
            queryset = queryset.filter(
                Exists(
                    through.objects.filter(
                        organisationpage_id=OuterRef("pk"), activitylanguage__code=active["language"]
                    )
                )
            )
        if active.get("volunteers"):
            queryset = queryset.filter(looking_for_volunteers=True)
        if active.get("partners"):
            queryset = queryset.filter(looking_for_partners=True)
        return queryset


def search(form, base, filtered):
    """The filtered organisations matching the search words (Wagtail search), sorted.

    The search backend accepts only filters on indexed filter fields, so the words are searched
    within the base queryset (one query returning the matching pages) and the filters applied
    in SQL to those ids. Sorted by name or update time, not relevance: ranking thousands of
    matches costs a subquery per match, and a directory is read alphabetically anyway.
    """
    query = form.active.get("q")
    ordering = ["-last_published_at", "pk"] if form.sort_order == SORT_UPDATED else ["title", "pk"]
    if query:
        matches = base.search(query, operator="and", order_by_relevance=False)
        if hasattr(matches, "get_queryset"):  # the database backends: only the ids, no pages
            ids = list(matches.get_queryset().values_list("pk", flat=True))
        else:
            ids = [page.pk for page in matches]
        filtered = filtered.filter(pk__in=ids)
    return filtered.order_by(*ordering)
