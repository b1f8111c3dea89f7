"""What the panels app keeps about people, for how long, and how it is exported and erased.

An application holds a name, e-mail, phone, address, birth year and motivation. A configurable
time after the panel's term ends (settings.PANELS_RETENTION_DAYS, 90 days by default) the
periodic job keeps only the selection features (age group, major area, background answers)
and the outcome: the published statistics are computed from those and stay the same.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from home.personal_data import ModelPersonalData
from panels.models import Application

PERSONAL_FIELDS = {
    "name": "",
    "email": "",
    "phone": "",
    "street_address": "",
    "postcode": "",
    "birth_year": None,
    "motivation": "",
    "household": "",
    "consent_contact": False,
}


def retention_days():
    return getattr(settings, "PANELS_RETENTION_DAYS", 90)


def anonymise(queryset):
    return queryset.with_personal_data().update(**PERSONAL_FIELDS, anonymised_at=timezone.now())


def anonymise_expired_applications(today=None):
    """Periodic job: anonymise applications of panels whose term ended more than the retention time ago."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=retention_days())
    return anonymise(Application.objects.filter(panel__term_end__lt=cutoff))


class PanelApplicationData(ModelPersonalData):
    name = "resident panel applications"
    model = Application
    fields = {
        "panel": "panel.title",
        "applied": "created_at",
        "name": "name",
        "email": "email",
        "phone": "phone",
        "street_address": "street_address",
        "postcode": "postcode",
        "birth_year": "birth_year",
        "age_group": "age_group",
        "home_area": "area",
        "gender": "gender",
        "mother_tongue": "mother_tongue",
        "main_activity": "main_activity",
        "housing": "housing",
        "motivation": "motivation",
        "may_be_contacted": "consent_contact",
        "outcome": "outcome",
        "kept_until": lambda application: application.panel.term_end + timedelta(days=retention_days()),
    }

    def queryset(self):
        return Application.objects.with_personal_data()

    def erase(self, email):
        return anonymise(self.matching(email))
