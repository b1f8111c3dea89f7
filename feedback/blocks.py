"""StreamField blocks other page bodies get from the feedback app (through the hooks in
`feedback.wagtail_hooks`): a quick poll, the idea box and an event's feedback summary."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from feedback.forms import IdeaForm
from feedback.results import event_summary
from feedback.views import poll_block_context


class PollBlock(blocks.StructBlock):
    """A quick poll placed on any page."""

    poll = SnippetChooserBlock("feedback.Poll", label=_("Poll"))

    class Meta:
        icon = "list-ul"
        label = _("Quick poll")
        template = "feedback/blocks/poll.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(poll_block_context((parent_context or {}).get("request"), value["poll"]))
        return context


class IdeaBoxBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200, default=_("Leave an idea"))
    text = blocks.TextBlock(label=_("Introduction"), required=False, max_length=600)

    class Meta:
        icon = "pick"
        label = _("Idea box")
        template = "feedback/blocks/idea_box.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["idea_form"] = IdeaForm(initial={"page": page.pk if page else None})
        return context


class FeedbackSummaryBlock(blocks.StructBlock):
    """Cites an event's feedback (count, average, distribution) in a follow-up text."""

    event = blocks.PageChooserBlock(label=_("Event"), page_type="participation_pages.EventPage")
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)

    class Meta:
        icon = "pick"
        label = _("Event feedback summary")
        template = "feedback/blocks/feedback_summary.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        event = value["event"]
        context["summary"] = event_summary(event.localized.specific) if event else None
        return context
