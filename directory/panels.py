"""Editor panel: what an association wrote when it proposed the page or a change to it."""

from django.apps import apps
from wagtail.admin.panels import Panel

VIEW_PROPOSALS = "directory.view_organisationproposal"


class ProposalsPanel(Panel):
    """The page's proposals (`OrganisationProposal`), newest first: who proposed (name, e-mail),
    their message to the editors, when it arrived and whether they were told of publication.

    Shown in the page editor, where a moderator reviews the proposal in the workflow, only to
    users with the permission to view proposals (Moderators: proposers are personal data,
    `home.roles.PERSONAL_DATA_MODELS`), and only when the page has a proposal."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/organisations/admin_proposals_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.proposals = []
            if self.instance.pk and self.request and self.request.user.has_perm(VIEW_PROPOSALS):
                proposal_model = apps.get_model("directory", "OrganisationProposal")
                self.proposals = list(
                    proposal_model.objects.filter(page_id=self.instance.pk).order_by("-created_at")
                )

        def is_shown(self):
            return bool(self.proposals)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["proposals"] = self.proposals
            return context
