"""A quick poll's questions: their kinds and the StreamField blocks an editor builds them with."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

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
