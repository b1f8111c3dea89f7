from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home import colours
from home.blocks import BodyStreamBlock, HomeStreamBlock
from home.fields import alt_text, optional_image, optional_reference
from home.page_cache import RememberedSiteSetting


class ImageWithAltMixin(models.Model):
    """A listing/hero image plus the alternative text written for this page."""

    image = optional_image()
    image_alt = alt_text(
        _("image alt text"),
        _(
            "What the image shows, for people who cannot see it. Leave empty to use the image's own description."
        ),
    )

    image_panels = [MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image"))]

    class Meta:
        abstract = True

    @property
    def image_alt_text(self):
        if self.image_alt:
            return self.image_alt
        return self.image.default_alt_text if self.image else ""


class HomePage(ImageWithAltMixin, Page):
    site_name = models.CharField(
        _("site name"),
        max_length=100,
        help_text=_("Shown in the header of every page in this language."),
    )
    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_link = optional_reference(Page, _("hero link"))
    hero_link_label = models.CharField(_("hero link text"), max_length=80, blank=True)
    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(HomeStreamBlock, verbose_name=_("sections"), blank=True)

    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("site_name"),
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                PageChooserPanel("hero_link"),
                FieldPanel("hero_link_label"),
                FieldPanel("image"),
                FieldPanel("image_alt"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(ImageWithAltMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyStreamBlock, verbose_name=_("body"), blank=True)
    participation_open = models.BooleanField(
        _("open for participation"),
        default=False,
        help_text=_("Shows the participation symbol: residents can take part and influence here."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    content_panels = (
        Page.content_panels
        + [FieldPanel("introduction"), FieldPanel("participation_open")]
        + ImageWithAltMixin.image_panels
        + [FieldPanel("body")]
    )

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    @property
    def shows_participation_symbol(self):
        return self.participation_open


@register_setting(icon="site")
class SiteSettings(RememberedSiteSetting, BaseSiteSetting):
    """Contact details and the legally required links in every page's footer, and the city's
    branding: brand colour, logo, participation symbol and default hero image.

    The brand colour must let white or black text reach 4.5:1 on it (WCAG 2.1 SC 1.4.3); the
    colours that follow it are `home.colours.brand_palette`, served as `brand.css`
    (`home.views.brand_css`), so no template changes with the brand.
    """

    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    accessibility_statement = optional_reference(Page, _("accessibility statement"))
    privacy_notice = optional_reference(Page, _("privacy notice"))
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        help_text=_(
            "The background of the header, buttons and current items, as #rrggbb. Text on it is "
            "white or black, whichever is readable. Leave empty for Kuulu's blue."
        ),
    )
    logo = optional_image(_("logo"))
    participation_symbol = optional_image(_("participation symbol"))
    hero_image = optional_image(_("hero image"))
    hero_image_alt = alt_text(
        _("hero image alt text"),
        _(
            "What the image shows, for people who cannot see it. Leave empty to use the image's own description."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("street_address"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contact details"),
        ),
        PageChooserPanel("accessibility_statement"),
        PageChooserPanel("privacy_notice"),
        MultiFieldPanel(
            [
                FieldPanel("brand_colour", widget=forms.TextInput(attrs={"type": "color"})),
                FieldPanel(
                    "logo",
                    help_text=_(
                        "Shown beside the site name in the header. An SVG file stays sharp at every size."
                    ),
                ),
                FieldPanel(
                    "participation_symbol",
                    help_text=_(
                        "The city's own participation symbol, an SVG file; shown beside the words "
                        '"You can take part". Leave empty for Kuulu\'s symbol.'
                    ),
                ),
                FieldPanel(
                    "hero_image",
                    help_text=_("The home page's image when the home page has none of its own."),
                ),
                FieldPanel("hero_image_alt"),
            ],
            heading=_("Branding"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def clean(self):
        super().clean()
        colour = self.brand_colour.strip()
        if not colour:
            return
        if not colours.COLOUR_RE.match(colour):
            raise ValidationError({"brand_colour": _("Give the colour as #rrggbb, for example #0b3d91.")})
        if not colours.is_brand_colour(colour):
            raise ValidationError(
                {
                    "brand_colour": _(
                        "This colour is too light: the header and buttons would not stand out from "
                        "the white page. It reaches %(contrast)s:1 against white and needs at least "
                        "3:1. Choose a darker colour."
                    )
                    % {"contrast": number_format(colours.contrast_ratio(colour, colours.WHITE), 1)}
                }
            )
        self.brand_colour = colour.lower()

    @property
    def palette(self):
        """The brand's CSS custom properties ({name: #rrggbb}), Kuulu's own when none is set."""
        try:
            return colours.brand_palette(self.brand_colour or colours.DEFAULT_BRAND)
        except ValueError:  # saved before the check, or through code
            return colours.brand_palette(colours.DEFAULT_BRAND)

    @property
    def hero_image_alt_text(self):
        if self.hero_image_alt:
            return self.hero_image_alt
        return self.hero_image.default_alt_text if self.hero_image else ""


class Unit(models.Model):
    """A unit of the city's organisation (youth services, the library, a district office) that
    owns events (`EventPage.owner_unit`).

    A staff member who belongs to a unit is limited to that unit's events wherever residents'
    contact details are shown (sign-up lists and their exports, `home.units`); staff in no unit,
    and superusers, see every event's. Units and their members are managed by superusers only
    (*Snippets → Units*): no editorial role gets a permission on this model."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    members = models.ManyToManyField(
        "auth.User",
        verbose_name=_("staff members"),
        blank=True,
        related_name="kuulu_units",
        help_text=_("They see the sign-ups of this unit's events only."),
    )

    panels = [FieldPanel("name"), FieldPanel("members", widget=forms.CheckboxSelectMultiple)]

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]

    def __str__(self):
        return self.name
