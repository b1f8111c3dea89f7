"""StreamField blocks shared by every page type that has a free-form body.

Other apps add blocks to a body through the hook its `ExtensibleStreamBlock` names (a quick
poll and an idea box come from the feedback app through `kuulu_body_blocks`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks, hooks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from home import sections


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
        help_text=_("Use levels in order: the page title is level 1."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"


class LabelledImageBlock(ImageBlock):
    """Wagtail's `ImageBlock`, its image chooser labelled in the editor's language (Wagtail
    derives that label from the child's name, in English)."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        self.child_blocks["image"].label = _("Image")


class FigureBlock(blocks.StructBlock):
    image = LabelledImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "home/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    page = blocks.PageChooserBlock(label=_("Link to page"), required=False)
    url = blocks.URLBlock(label=_("…or to an address"), required=False)
    button_label = blocks.CharBlock(label=_("Button text"), max_length=80)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"), max_length=300)
    answer = blocks.RichTextBlock(
        label=_("Answer"), features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion / FAQ")
        template = "home/blocks/accordion.html"


class TableBlock(blocks.StructBlock):
    """A data table whose every cell is translatable (Wagtail's own TableBlock is not)."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=300, help_text=_("Says what the table shows."))
    column_headers = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("Column headings"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(required=False, max_length=500), label=_("Cells")),
        label=_("Rows"),
    )
    first_column_is_header = blocks.BooleanBlock(
        label=_("First column holds row headings"), required=False, default=False
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "home/blocks/table.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, max_length=200, help_text=_("Defaults to the title")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "home/blocks/document_link.html"


RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"]


class ExtensibleStreamBlock(blocks.StreamBlock):
    """A StreamBlock that other apps add child blocks to through the Wagtail hook named by
    `extension_hook`: each hook returns [(name, block)], placed after the declared blocks and
    before `local_blocks`, in hook order.

    Give StreamField the class, not an instance (`StreamField(BodyStreamBlock)`): Wagtail then
    builds the block when it is first used, after every app's `wagtail_hooks` has been loaded.
    """

    extension_hook = ""

    def __init__(self, local_blocks=None, **kwargs):
        added = [child for declare in hooks.get_hooks(self.extension_hook) for child in declare()]
        super().__init__([*added, *(local_blocks or [])], **kwargs)


class BodyStreamBlock(ExtensibleStreamBlock):
    extension_hook = "kuulu_body_blocks"

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="home/blocks/paragraph.html"
    )
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    table = TableBlock()
    document = DocumentLinkBlock()


class SectionBlock(blocks.StructBlock):
    """A home-page listing filled by whichever app registered the section (see home.sections)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    count = blocks.IntegerBlock(label=_("How many items"), default=4, min_value=1, max_value=12)
    more_page = blocks.PageChooserBlock(label=_("'See all' page"), required=False)

    section_name = ""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["items"] = sections.items(self.section_name, request, value["count"])
        return context

    class Meta:
        template = "home/blocks/section.html"


class UpcomingEventsBlock(SectionBlock):
    section_name = "upcoming_events"

    class Meta:
        icon = "date"
        label = _("Upcoming events")


class OpenParticipationBlock(SectionBlock):
    section_name = "open_participation"

    class Meta:
        icon = "group"
        label = _("Open participation")


class LatestNewsBlock(SectionBlock):
    section_name = "latest_news"

    class Meta:
        icon = "doc-full-inverse"
        label = _("Latest news")


class HomeStreamBlock(BodyStreamBlock):
    """A body with the home page's sections after the blocks other apps add."""

    def __init__(self, local_blocks=None, **kwargs):
        home_sections = [
            ("upcoming_events", UpcomingEventsBlock()),
            ("open_participation", OpenParticipationBlock()),
            ("latest_news", LatestNewsBlock()),
        ]
        super().__init__([*home_sections, *(local_blocks or [])], **kwargs)
