"""Proposers' names and e-mails: kept until they are told the entry is published, then
RETENTION_DAYS more (for questions about the change), then deleted by a periodic job."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from directory.models import OrganisationProposal
from home.personal_data import PersonalDataProvider, normalise_email


class ProposalData(PersonalDataProvider):
    name = "directory proposals"

    def _matching(self, email):
        return OrganisationProposal.objects.filter(submitter_email__iexact=normalise_email(email))

    def export(self, email):
        return [
            {
                "organisation": proposal.page.title,
                "kind": proposal.kind,
                "received": proposal.created_at,
                "name": proposal.submitter_name,
                "email": proposal.submitter_email,
                "message": proposal.message,
                "notified": proposal.notified_at,
            }
            for proposal in self._matching(email).select_related("page")
        ]

    def erase(self, email):
        count, _ = self._matching(email).delete()
        return count


def delete_old_proposals(now=None):
    """Delete proposals RETENTION_DAYS after the proposer was told of publication, and those never
    published (no e-mail sent) RETENTION_DAYS after they were received; the number deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=OrganisationProposal.RETENTION_DAYS)
    count, _ = OrganisationProposal.objects.filter(
        Q(notified_at__lt=cutoff) | Q(notified_at__isnull=True, created_at__lt=cutoff)
    ).delete()
    return count
