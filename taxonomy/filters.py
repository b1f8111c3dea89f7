"""Filters on the city's areas and themes, shared by every listing that files things under them.

The area rule lives here and nowhere else (`related_areas`): events, topics and anything else
filtered by area follow it.
"""

from django.utils.translation import gettext_lazy as _

from home.filtering import LinkedChoiceFilter, remembered_rows
from taxonomy.models import Area, Theme


def related_areas(area, areas):
    """The areas a filter on `area` matches — the one area rule of every Kuulu listing.

    A major area matches itself and its districts (an evening in a district is in the major
    area); a district matches itself and its major area (what is held for the whole major area
    concerns every district in it), not its sibling districts.
    area: the chosen Area; areas: the Areas of its locale (already loaded, so no query).
    Returns a list of Areas, the chosen one first.
    """
    if area.parent_id is None:
        return [area, *(a for a in areas if a.parent_id == area.pk)]
    return [area, *(a for a in areas if a.pk == area.parent_id)]


@remembered_rows
def area_rows(filterset):
    return Area.objects.filter(locale=filterset.locale).order_by("name")


@remembered_rows
def theme_rows(filterset):
    return Theme.objects.filter(locale=filterset.locale).order_by("name")


class AreaFilter(LinkedChoiceFilter):
    """Filter by area under the area rule; choices are the filter set's locale's major areas as
    option groups with their districts. links: the model of the owner's area links
    (`"participation_pages.EventPageArea"`), whose `page` and `area` fields are used."""

    def __init__(self, *, links, **kwargs):
        kwargs.setdefault(
            "help_text",
            _(
                "A major area includes its districts; a district also includes what concerns its whole major area."
            ),
        )
        super().__init__(
            links=links,
            target="area",
            rows=area_rows,
            hierarchical=True,
            whole=lambda major: _("%(area)s, whole area") % {"area": major.name},
            expand=related_areas,
            label=_("Area"),
            empty_label=_("All areas"),
            **kwargs,
        )


class ThemeFilter(LinkedChoiceFilter):
    """Filter by theme; choices are the filter set's locale's themes. links: the model of the
    owner's theme links, whose `page` and `theme` fields are used."""

    def __init__(self, *, links, **kwargs):
        super().__init__(
            links=links,
            target="theme",
            rows=theme_rows,
            label=_("Theme"),
            empty_label=_("All themes"),
            **kwargs,
        )
