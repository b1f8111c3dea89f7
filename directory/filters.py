"""The directory's filters: organisations (the listing and its open-data exports) and the
practice-model library.

Values are codes and slugs (municipality `091`, region `01`, field `sports`, target group
`youth`, language `sv`), the same in every language, so a filtered address can be shared across
languages. Every organisation filter is an indexed lookup: a foreign key, a boolean column, or an
EXISTS on a many-to-many link table. The shared rules (strict values, links, descriptions) are
`home.filtering`'s.
"""

import django_filters
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from directory.models import (
    ActivityLanguage,
    FieldOfActivity,
    Municipality,
    OrganisationPage,
    PracticeModelPage,
    TargetGroup,
)
from home import page_cache
from home.filtering import FlagFilter, KuuluFilterSet, LinkedChoiceFilter, RowChoiceFilter, group_and_members
from taxonomy.filters import ThemeFilter

SORT_NAME, SORT_UPDATED = "name", "updated"
ORDERINGS = {SORT_NAME: ("title", "pk"), SORT_UPDATED: ("-last_published_at", "pk")}


def _by_name(rows):
    return sorted(rows, key=lambda row: row.name)


class OrganisationFilterSet(KuuluFilterSet):
    """The listing's and exports' filters over a directory's live OrganisationPages (`queryset`):
    full-text search `q`, municipality and region (only those with organisations), field of
    activity (a main group includes its subgroups), target group, language, the two flags, and
    `sort`. `qs` is sorted by name unless `sort=updated`."""

    ordering_parameters = ("sort",)

    q = django_filters.CharFilter(
        label=_("Search"), max_length=200, widget=forms.TextInput(attrs={"type": "search"}), method="search"
    )
    municipality = RowChoiceFilter(
        "municipality__code",
        rows=lambda filters: _by_name(filters.municipalities),
        value="code",
        label=_("Municipality"),
        empty_label=_("All municipalities"),
    )
    region = RowChoiceFilter(
        "municipality__region__code",
        rows=lambda filters: _by_name({m.region_id: m.region for m in filters.municipalities}.values()),
        value="code",
        label=_("Region"),
        empty_label=_("All regions"),
    )
    field = LinkedChoiceFilter(
        links=OrganisationPage.fields_of_activity.through,
        owner="organisationpage",
        target="fieldofactivity",
        rows=lambda filters: FieldOfActivity.objects.all(),
        hierarchical=True,
        whole=lambda group: _("%(field)s, all") % {"field": group.name},
        expand=group_and_members,
        label=_("Field of activity"),
        empty_label=_("All fields"),
        help_text=_("A main field includes all its subfields."),
    )
    target = LinkedChoiceFilter(
        links=OrganisationPage.target_groups.through,
        owner="organisationpage",
        target="targetgroup",
        rows=lambda filters: TargetGroup.objects.all(),
        label=_("Target group"),
        empty_label=_("All target groups"),
    )
    language = LinkedChoiceFilter(
        links=OrganisationPage.languages.through,
        owner="organisationpage",
        target="activitylanguage",
        rows=lambda filters: ActivityLanguage.objects.all(),
        value="code",
        label=_("Language of activity"),
        empty_label=_("Any language"),
    )
    volunteers = FlagFilter("looking_for_volunteers", label=_("Looking for volunteers"))
    partners = FlagFilter("looking_for_partners", label=_("Looking for co-operation partners"))
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[(SORT_NAME, _("Name (A–Z)")), (SORT_UPDATED, _("Recently updated"))],
        empty_label=None,
        method="sort_by",
    )

    @cached_property
    def municipalities(self):
        """The municipalities that have organisations in the listing, with their regions (one
        query, or none: with `directory`, kept until content changes, `home.page_cache.remember`)."""

        def compute():
            used = self.queryset.values("municipality_id")
            return list(Municipality.objects.filter(pk__in=used).select_related("region"))

        if self.directory is None:
            return compute()
        return page_cache.remember(("directory.municipalities", self.directory.pk), compute, self.request)

    def __init__(self, data=None, queryset=None, *, directory=None, **kwargs):
        """`directory`: the DirectoryPage whose organisations `queryset` holds (lets the
        municipality and region choices be kept between requests)."""
        self.directory = directory
        super().__init__(data, queryset.order_by(*ORDERINGS[SORT_NAME]), **kwargs)

    def search(self, queryset, name, value):
        """The organisations matching the words (Wagtail search within the unfiltered listing).

        The search backend accepts only filters on indexed filter fields, so the words are
        searched within the base queryset (one query returning the matching ids) and the other
        filters applied in SQL. Sorted like the listing, not by relevance: ranking thousands of
        matches costs a subquery per match, and a directory is read alphabetically anyway."""
        matches = self.queryset.order_by().search(value, operator="and", order_by_relevance=False)
        if hasattr(matches, "get_queryset"):  # the database backends: only the ids, no pages
            ids = list(matches.get_queryset().values_list("pk", flat=True))
        else:
            ids = [page.pk for page in matches]
        return queryset.filter(pk__in=ids)

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*ORDERINGS[value])


def _regions_in_use(filters):
    """The practice models' "municipality or region" texts in use in the library, A–Z."""
    return (
        PracticeModelPage.objects.live()
        .child_of(filters.index)
        .exclude(region="")
        .order_by("region")
        .values_list("region", flat=True)
        .distinct()
    )


class PracticeModelFilterSet(KuuluFilterSet):
    """The practice-model library's filters over its PracticeModelPages: development stage,
    municipality or region (the plain-text values in use) and theme. `index`: the library page,
    whose locale gives the themes."""

    stage = django_filters.ChoiceFilter(
        label=_("Development stage"), choices=PracticeModelPage.Stage.choices, empty_label=_("All stages")
    )
    region = RowChoiceFilter(
        "region",
        rows=_regions_in_use,
        value=str,
        label_of=str,
        label=_("Municipality or region"),
        empty_label=_("All regions"),
    )
    theme = ThemeFilter(links="directory.PracticeModelTheme")

    def __init__(self, data=None, queryset=None, *, index, **kwargs):
        self.index = index
        super().__init__(data, queryset, locale=index.locale, **kwargs)
