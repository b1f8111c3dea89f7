"""What the panels app keeps about people, for how long, and how it is exported and erased.

An application holds a name, e-mail, phone, address, birth year and motivation. A configurable
time after the panel's term ends (settings.PANELS_RETENTION_DAYS, 90 days by default) the
periodic job keeps only the selection features (age group, major area, background answers)
and the outcome: the published statistics are computed from those and stay the same.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from home.personal_data import PersonalDataProvider, normalise_email
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


class PanelApplicationData(PersonalDataProvider):
    name = "resident panel applications"

    def _matching(self, email):
        email = normalise_email(email)
        return Application.objects.with_personal_data().filter(Q(email__iexact=email))

    def export(self, email):
        return [
            {
                "panel": application.panel.title,
                "applied": application.created_at,
                "name": application.name,
                "email": application.email,
                "phone": application.phone,
                "street_address": application.street_address,
                "postcode": application.postcode,
                "birth_year": application.birth_year,
                "age_group": application.age_group,
                "home_area": application.area,
                "gender": application.gender,
                "mother_tongue": application.mother_tongue,
                "main_activity": application.main_activity,
                "housing": application.housing,
                "motivation": application.motivation,
                "may_be_contacted": application.consent_contact,
                "outcome": application.outcome,
                "kept_until": application.panel.term_end + timedelta(days=retention_days()),
            }
            for application in self._matching(email).select_related("panel")
        ]

    def erase(self, email):
        return anonymise(self._matching(email))
