"""StreamField blocks: poll questions, a poll on any page, the idea box and a feedback summary."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

MAX_QUESTIONS = 4


class QuestionKind:
    SINGLE = "single"
    MULTIPLE = "multiple"
    SCALE = "scale"
    TEXT = "text"
    CHOICES = [
        (SINGLE, _("Single choice")),
        (MULTIPLE, _("Multiple choice")),
        (SCALE, _("Scale 1–5")),
        (TEXT, _("Short text")),
    ]
    WITH_OPTIONS = (SINGLE, MULTIPLE)


class QuestionBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Type"), choices=QuestionKind.CHOICES, default=QuestionKind.SINGLE)
    text = blocks.CharBlock(label=_("Question"), max_length=300)
    options = blocks.ListBlock(
        blocks.CharBlock(max_length=200),
        label=_("Options"),
        default=[],
        help_text=_("For single and multiple choice: two to eight options."),
    )
    required = blocks.BooleanBlock(label=_("An answer is required"), required=False, default=False)

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        options = [o for o in value.get("options") or [] if o]
        if value["kind"] in QuestionKind.WITH_OPTIONS and not 2 <= len(options) <= 8:
            raise blocks.StructBlockValidationError(
                block_errors={"options": ValidationError(_("Give between two and eight options."))}
            )
        return value


class QuestionStreamBlock(blocks.StreamBlock):
    question = QuestionBlock()

    class Meta:
        min_num = 1


class PollBlock(blocks.StructBlock):
    """A quick poll placed on any page."""

    poll = SnippetChooserBlock("feedback.Poll", label=_("Poll"))

    class Meta:
        icon = "list-ul"
        label = _("Quick poll")
        template = "feedback/blocks/poll.html"

    def get_context(self, value, parent_context=None):
        from feedback.views import poll_block_context

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
        from feedback.forms import IdeaForm

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
        from feedback.results import event_summary

        context = super().get_context(value, parent_context=parent_context)
        event = value["event"]
        context["summary"] = event_summary(event.localized.specific) if event else None
        return context
