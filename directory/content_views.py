"""Form and page logic of the area-coordinator finder."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from directory.models import Person, PersonArea
from taxonomy.fields import PostcodeField
from taxonomy.models import POSTCODE_RE, Area

COORDINATOR_KINDS = [Person.Kind.AREA_COORDINATOR, Person.Kind.RESIDENT_COORDINATOR]


class CoordinatorSearchForm(forms.Form):
    area = forms.ChoiceField(label=_("Area"), required=False)
    postcode = PostcodeField(label=_("…or your postcode"), help_text=_("Five digits, for example 00100."))

    def __init__(self, data, *, locale):
        super().__init__(data)
        self.areas = list(Area.objects.filter(locale=locale).select_related("parent"))
        self.areas.sort(
            key=lambda a: (a.parent.name if a.parent_id else a.name, a.parent_id is not None, a.name)
        )
        self.fields["area"].choices = [("", _("Choose an area"))] + [
            (a.slug, f"– {a.name}" if a.parent_id else a.name) for a in self.areas
        ]

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not POSTCODE_RE.match(postcode):
            raise forms.ValidationError(
                _("A postcode is five digits, for example 00100."), code="invalid_postcode"
            )
        return postcode

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode")
        if postcode:
            matches = [a for a in self.areas if postcode in a.postcodes.split()]
            # A district is more precise than the major area around it.
            matches.sort(key=lambda a: a.parent_id is None)
            if not matches:
                self.add_error(
                    "postcode",
                    forms.ValidationError(
                        _(
                            "We could not find the postcode %(postcode)s. Choose your area from the list instead."
                        ),
                        code="unknown_postcode",
                        params={"postcode": postcode},
                    ),
                )
            else:
                cleaned["found_area"] = matches[0]
        elif cleaned.get("area"):
            cleaned["found_area"] = next(a for a in self.areas if a.slug == cleaned["area"])
        return cleaned


def coordinators(locale):
    """Area and resident coordinators of one language, with their areas, in two queries."""
    return (
        Person.objects.filter(locale=locale, kind__in=COORDINATOR_KINDS)
        .select_related("photo")
        .prefetch_related(Prefetch("area_links", queryset=PersonArea.objects.select_related("area__parent")))
        .order_by("kind", "name")
    )


def people_for_area(people, area):
    """Whom to contact in `area`; falls back to its major area. Returns (area covered, people)."""
    for candidate in (area, area.parent if area.parent_id else None):
        if candidate is None:
            continue
        found = [p for p in people if any(link.area_id == candidate.pk for link in p.area_links.all())]
        if found:
            return candidate, found
    return None, []


def coordinator_context(page, request):
    form = CoordinatorSearchForm(request.GET if request.GET else None, locale=page.locale)
    people = list(coordinators(page.locale))
    context = {"form": form, "people": people, "searched": form.is_bound}
    if form.is_bound and form.is_valid() and form.cleaned_data.get("found_area"):
        area = form.cleaned_data["found_area"]
        covered, found = people_for_area(people, area)
        context.update(area=area, covered_area=covered, results=found)
    return context
