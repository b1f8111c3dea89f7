"""The selection features a panel can be stratified by, and their values.

A *feature* is what quotas are set on (age group, home area, gender…); its *values* are stable
codes stored on each application and in the draw's input snapshot. Labels are translated
here, never stored, so a Swedish page shows Swedish labels for the same codes.

Age group and home area are always asked. The background questions are a configurable set:
the panel's editors choose which of them the application form asks.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

AGE_GROUP = "age_group"
AREA = "area"
GENDER = "gender"
MOTHER_TONGUE = "mother_tongue"
MAIN_ACTIVITY = "main_activity"
HOUSING = "housing"

# (code, lowest age, highest age or None, label)
AGE_GROUPS = [
    ("15-24", 15, 24, _("15–24 years")),
    ("25-39", 25, 39, _("25–39 years")),
    ("40-54", 40, 54, _("40–54 years")),
    ("55-69", 55, 69, _("55–69 years")),
    ("70+", 70, None, _("70 years or over")),
]
YOUNGEST_AGE = AGE_GROUPS[0][1]


@dataclass(frozen=True)
class BackgroundQuestion:
    code: str
    label: str
    choices: list


BACKGROUND_QUESTIONS = [
    BackgroundQuestion(
        GENDER,
        _("Gender"),
        [
            ("female", _("Woman")),
            ("male", _("Man")),
            ("other", pgettext_lazy("answer", "Other")),
            ("undisclosed", _("I prefer not to say")),
        ],
    ),
    BackgroundQuestion(
        MOTHER_TONGUE,
        _("Mother tongue"),
        [("fi", _("Finnish")), ("sv", _("Swedish")), ("other", _("Other language"))],
    ),
    BackgroundQuestion(
        MAIN_ACTIVITY,
        _("Main activity"),
        [
            ("working", _("Working")),
            ("studying", _("Studying")),
            ("unemployed", _("Unemployed or laid off")),
            ("family", _("At home with children")),
            ("retired", _("Retired")),
            ("other", pgettext_lazy("answer", "Other")),
        ],
    ),
    BackgroundQuestion(
        HOUSING,
        _("Housing"),
        [
            ("owner", _("Owner-occupied home")),
            ("rental", _("Rented home")),
            ("right_of_occupancy", _("Right-of-occupancy home")),
            ("other", pgettext_lazy("answer", "Other")),
        ],
    ),
]
BACKGROUND_BY_CODE = {q.code: q for q in BACKGROUND_QUESTIONS}
BACKGROUND_CHOICES = [(q.code, q.label) for q in BACKGROUND_QUESTIONS]

FEATURE_LABELS = {AGE_GROUP: _("Age group"), AREA: _("Home area")} | {
    q.code: q.label for q in BACKGROUND_QUESTIONS
}
ALL_FEATURES = [AGE_GROUP, AREA, *BACKGROUND_BY_CODE]


def age_on(birth_year, year):
    """Age reached during `year` (we ask only the birth year, so this is the age at year's end)."""
    return year - birth_year


def age_group_for(age):
    for code, low, high, _label in AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return code
    return ""


def major_areas():
    """Home-area values are the city's major areas (slugs), in the reader's language."""
    from django.utils import translation
    from wagtail.models import Locale

    from taxonomy.models import Area

    language = translation.get_language() or "fi"
    areas = Area.objects.major().filter(locale__language_code=language)
    if not areas.exists():
        areas = Area.objects.major().filter(locale=Locale.get_default())
    return list(areas.order_by("name"))


def feature_values(feature):
    """[(code, label)] for a feature, labels in the active language."""
    if feature == AGE_GROUP:
        return [(code, label) for code, _low, _high, label in AGE_GROUPS]
    if feature == AREA:
        return [(area.slug, area.name) for area in major_areas()]
    return list(BACKGROUND_BY_CODE[feature].choices)


def feature_label(feature):
    return FEATURE_LABELS.get(feature, feature)


def value_label(feature, value):
    if not feature:
        return value
    return dict(feature_values(feature)).get(value, value)


def value_labels(features):
    """{feature: {value: label}} in the active language, with one area query for all of them."""
    return {feature: dict(feature_values(feature)) for feature in features}


def panel_features(panel):
    """The features this panel's application form asks, in a stable order."""
    return [
        AGE_GROUP,
        AREA,
        *[code for code in BACKGROUND_BY_CODE if code in (panel.background_questions or [])],
    ]
