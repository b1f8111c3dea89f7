"""E-mail builders (see home.emails): ids in, a message in the proposer's language out."""

from directory.models import OrganisationPage, OrganisationProposal
from home.emails import render_email


def proposal_published_email(proposal_id):
    proposal = OrganisationProposal.objects.select_related("page").filter(pk=proposal_id).first()
    if proposal is None or not proposal.page.live:
        return None
    page = (
        OrganisationPage.objects.live()
        .filter(translation_key=proposal.page.translation_key, locale__language_code=proposal.language)
        .first()
        or proposal.page
    )
    return render_email(
        "directory/organisations/emails/proposal_published",
        {"proposal": proposal, "page": page, "page_url": page.full_url},
        to=[proposal.submitter_email],
        language=proposal.language,
    )
