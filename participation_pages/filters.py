"""The calendar's filters: one form for the page, the feeds, the screen view and the API.

Filters are plain GET parameters with language-independent values (the slugs of formats,
areas, themes and series are the same in every language), so `?area=keskusta&format=asukasilta`
is one address in Finnish, Swedish and English, and a calendar subscription keeps working
whichever language it was copied from.
"""

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Area, Theme

# Attendance filter values as they appear in URLs, and the modes each one matches: a person
# who can only come online is also served by a hybrid event, and so is one who wants to be there.
ATTENDANCE_FILTERS = {
    "in-person": ("OfflineEventAttendanceMode", "MixedEventAttendanceMode"),
    "online": ("OnlineEventAttendanceMode", "MixedEventAttendanceMode"),
    "hybrid": ("MixedEventAttendanceMode",),
}
ATTENDANCE_CHOICES = [
    ("", _("Any way of taking part")),
    ("in-person", _("Can take part in person")),
    ("online", _("Can take part online")),
    ("hybrid", _("Hybrid: both in person and online")),
]
FILTER_PARAMETERS = ("format", "area", "theme", "mode", "series", "symbol")


class EventFilterForm(forms.Form):
    """Bound to request.GET; choices come from the given locale's snippets (one query each)."""

    format = forms.ChoiceField(label=_("Format"), required=False)
    area = forms.ChoiceField(
        label=_("Area"),
        required=False,
        help_text=_("A major area includes its districts; a district also shows its major area's events."),
    )
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    mode = forms.ChoiceField(label=_("Taking part"), required=False, choices=ATTENDANCE_CHOICES)
    series = forms.ChoiceField(label=_("Series"), required=False)
    symbol = forms.BooleanField(
        label=_("Only events where you can influence (participation symbol)"), required=False
    )

    def __init__(self, data, locale, fields=None):
        super().__init__(data or None)
        from participation_pages.models import EventFormat, EventSeries

        self.locale = locale
        self.formats = list(EventFormat.objects.filter(locale=locale))
        self.areas = list(Area.objects.filter(locale=locale).order_by("name"))
        self.themes = list(Theme.objects.filter(locale=locale))
        self.series_list = list(EventSeries.objects.filter(locale=locale))

        self.fields["format"].choices = [("", _("All formats"))] + [(f.slug, f.name) for f in self.formats]
        self.fields["area"].choices = self._area_choices()
        self.fields["theme"].choices = [("", _("All themes"))] + [(t.slug, t.name) for t in self.themes]
        self.fields["series"].choices = [("", _("All series"))] + [(s.slug, s.name) for s in self.series_list]
        if not self.series_list:
            del self.fields["series"]
        if fields is not None:
            for name in list(self.fields):
                if name not in fields:
                    del self.fields[name]

    def _area_choices(self):
        majors = [a for a in self.areas if a.parent_id is None]
        choices = [("", _("All areas"))]
        for major in majors:
            districts = [(d.slug, d.name) for d in self.areas if d.parent_id == major.pk]
            whole = _("%(area)s, whole area") % {"area": major.name}
            choices.append((major.name, [(major.slug, whole), *districts]))
        return choices

    @property
    def active(self):
        """{name: value} of the filters that are valid and set."""
        if not self.is_bound:
            return {}
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {k: v for k, v in cleaned.items() if v}

    def active_values(self):
        """The active filters' values for file names and the like, e.g. ['keskusta', 'symbol']."""
        return [name if value is True else value for name, value in self.active.items()]

    def query_string(self):
        """The valid filters as a query string, in a stable order (for feed and paging links)."""
        from django.http import QueryDict

        query = QueryDict(mutable=True)
        for name in FILTER_PARAMETERS:
            value = self.active.get(name)
            if value:
                query[name] = "1" if value is True else value
        return query.urlencode()

    def descriptions(self):
        """Human-readable labels of the active filters, e.g. ['Resident evening', 'Centre']."""
        labels = []
        for name, value in self.active.items():
            if name == "symbol":
                labels.append(str(_("with the participation symbol")))
                continue
            field = self.fields[name]
            for key, label in field.choices:
                if isinstance(label, (list, tuple)):
                    labels.extend(str(lbl) for k, lbl in label if k == value)
                elif key == value:
                    labels.append(str(label))
        return labels

    def area_slugs(self, slug):
        """The slugs an area filter matches: a major area and its districts, or a district and
        its major area (area evenings are held by major area and concern every district in it)."""
        area = next((a for a in self.areas if a.slug == slug), None)
        if area is None:
            return [slug]
        if area.parent_id is None:
            return [area.slug] + [a.slug for a in self.areas if a.parent_id == area.pk]
        parent = next((a for a in self.areas if a.pk == area.parent_id), None)
        return [area.slug] + ([parent.slug] if parent else [])

    def filter(self, queryset):
        """Apply the valid filters to an EventPage queryset."""
        from participation_pages.models import EventPageArea, EventPageTheme

        active = self.active
        if "format" in active:
            queryset = queryset.filter(event_format__slug=active["format"])
        if "series" in active:
            queryset = queryset.filter(series__slug=active["series"])
        if "area" in active:
            queryset = queryset.filter(
                Exists(
                    EventPageArea.objects.filter(
                        page=OuterRef("pk"), area__slug__in=self.area_slugs(active["area"])
                    )
                )
            )
        if "theme" in active:
            queryset = queryset.filter(
                Exists(EventPageTheme.objects.filter(page=OuterRef("pk"), theme__slug=active["theme"]))
            )
        if "mode" in active:
            queryset = queryset.filter(attendance_mode__in=ATTENDANCE_FILTERS[active["mode"]])
        if active.get("symbol"):
            queryset = queryset.filter(participation_symbol=True).filter(~Q(status="EventCancelled"))
        return queryset
