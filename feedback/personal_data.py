"""Ideas may carry a name and an e-mail address: exportable, erasable, deleted after 12 months."""

from datetime import timedelta

from django.utils import timezone

from feedback.models import Idea
from home.personal_data import ModelPersonalData

CONTACT_RETENTION = timedelta(days=365)


class IdeaContactData(ModelPersonalData):
    name = "ideas (idea box)"
    retention = "name and e-mail deleted 12 months after the idea was received"
    model = Idea
    fields = {
        "received": lambda idea: idea.created_at.isoformat(),
        "name": "name",
        "email": "email",
        "idea": "text",
        "status": "status",
    }

    def erase(self, email):
        return self.matching(email).update(name="", email="", contact_erased_at=timezone.now())


def erase_expired_contact_details():
    """Periodic job: forget who left an idea once the retention time has passed (the idea stays)."""
    cutoff = timezone.now() - CONTACT_RETENTION
    expired = Idea.objects.filter(created_at__lt=cutoff, contact_erased_at__isnull=True).exclude(
        name="", email=""
    )
    return expired.update(name="", email="", contact_erased_at=timezone.now())
