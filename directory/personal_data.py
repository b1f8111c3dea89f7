"""Proposers' names and e-mails: kept until they are told the entry is published, then
RETENTION_DAYS more (for questions about the change), then deleted by a periodic job."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from directory.models import OrganisationProposal
from home.personal_data import ModelPersonalData


class ProposalData(ModelPersonalData):
    name = "directory proposals"
    model = OrganisationProposal
    email_field = "submitter_email"
    fields = {
        "organisation": "page.title",
        "kind": "kind",
        "received": "created_at",
        "name": "submitter_name",
        "email": "submitter_email",
        "message": "message",
        "notified": "notified_at",
    }


def delete_old_proposals(now=None):
    """Delete proposals RETENTION_DAYS after the proposer was told of publication, and those never
    published (no e-mail sent) RETENTION_DAYS after they were received; the number deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=OrganisationProposal.RETENTION_DAYS)
    count, _ = OrganisationProposal.objects.filter(
        Q(notified_at__lt=cutoff) | Q(notified_at__isnull=True, created_at__lt=cutoff)
    ).delete()
    return count
