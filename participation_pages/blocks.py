from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class ProgrammeItemBlock(blocks.StructBlock):
    """One item of an event's programme: the common part, or one of the parallel options."""

    start_time = blocks.TimeBlock(label=_("Starts at"))
    end_time = blocks.TimeBlock(label=_("Ends at"), required=False)
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False)
    place = blocks.CharBlock(label=_("Place or room"), required=False, max_length=200)
    kind = blocks.ChoiceBlock(
        label=_("Part of the evening"),
        choices=[("common", _("Common part, for everyone")), ("parallel", _("Parallel option, choose one"))],
        default="common",
    )

    class Meta:
        icon = "time"
        label = _("Programme item")
        template = "participation_pages/blocks/programme_item.html"


class ProgrammeBlock(blocks.StreamBlock):
    item = ProgrammeItemBlock()
