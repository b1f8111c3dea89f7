"""StreamField blocks of the directory's content pages (networks, practice models)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import DocumentLinkBlock


class SubGroupBlock(blocks.StructBlock):
    """A loose theme group inside a network: anyone interested may join."""

    name = blocks.CharBlock(label=_("Name"), max_length=200)
    description = blocks.TextBlock(label=_("What the group does"), required=False)
    contact = SnippetChooserBlock("directory.Person", label=_("Contact person"), required=False)

    class Meta:
        icon = "group"
        label = _("Theme group")


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=150)
    organisation = blocks.CharBlock(label=_("Organisation or role"), max_length=200, required=False)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)

    class Meta:
        icon = "user"
        label = pgettext_lazy("contact person", "Contact")


class ContactStreamBlock(blocks.StreamBlock):
    contact = ContactBlock()
    person = SnippetChooserBlock("directory.Person", label=_("Person from the directory"))


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Link text"), max_length=200)
    url = blocks.URLBlock(label=_("Address"))

    class Meta:
        icon = "link"
        label = _("Link")


class AttachmentStreamBlock(blocks.StreamBlock):
    document = DocumentLinkBlock()
    link = LinkBlock()
