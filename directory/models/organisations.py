"""The directory of associations: `DirectoryPage` lists `OrganisationPage`s.

Fields of activity, target groups, languages and municipalities served are many-to-many links
to the reference tables (not translated per page: their names come in fi/sv/en), synchronised to
every translation of a page; filters on them are indexed joins on the link tables.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from directory.panels import ProposalsPanel
from home.fields import TranslatableLinesField, alt_text, optional_image
from home.routes import HookRoutesMixin
from taxonomy.models import AreaLink

REGISTER_NUMBER_RE = re.compile(r"^\d{1,3}(\.\d{3})*$")
REGISTER_NUMBER_HELP = _(
    "The number in the Finnish Register of Associations, for example 123.456 (digits, with a dot "
    "before the last three)."
)


def normalise_register_number(value):
    """'123456', '123 456' and '123.456' all become '123.456'; anything else is an error."""
    value = re.sub(r"\s+", "", value or "")
    if not value:
        return ""
    if value.isdigit():
        value = f"{int(value):,}".replace(",", ".")
    if not REGISTER_NUMBER_RE.match(value) or int(value.replace(".", "")) == 0:
        raise ValidationError(
            _("Write the register number as digits, for example 123.456. “%(value)s” is not one."),
            code="register_number",
            params={"value": value},
        )
    return value


def validate_register_number(value):
    normalise_register_number(value)


class DirectoryPage(HookRoutesMixin, Page):
    """The directory of associations with filters, search, open-data export and self-service.

    Routes (declared in `directory.wagtail_hooks`, hook `kuulu_directory_routes`): ``/`` the
    listing, ``export/csv/`` and ``export/json/`` (the same filters), ``propose/`` the public form
    for a new entry or an update, ``propose/thanks/``.
    """

    routes_hook = "kuulu_directory_routes"

    introduction = models.TextField(_("introduction"), blank=True)
    propose_introduction = models.TextField(
        _("introduction to the proposal form"),
        blank=True,
        help_text=_("Shown above the form where associations propose a new entry or an update."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("propose_introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    subpage_types = ["directory.OrganisationPage"]

    class Meta:
        verbose_name = _("directory of associations")
        verbose_name_plural = _("directories of associations")

    def organisations(self):
        return OrganisationPage.objects.live().public().child_of(self)


class OrganisationPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "directory.OrganisationPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class OrganisationPage(Page):
    """An association or other non-profit organisation in the directory."""

    # What an association says about itself in plain fields: copied as they are from an import
    # row or a proposal (directory.importer, directory.proposals) and back into the proposal form.
    SELF_DESCRIBED_FIELDS = (
        "website",
        "email",
        "phone",
        "meeting_places",
        "accessibility",
        "looking_for_volunteers",
        "looking_for_partners",
    )

    register_number = models.CharField(
        _("register number"),
        max_length=15,
        blank=True,
        db_index=True,
        validators=[validate_register_number],
        help_text=REGISTER_NUMBER_HELP,
    )
    municipality = models.ForeignKey(
        "directory.Municipality",
        verbose_name=_("home municipality"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    municipalities_served = ParentalManyToManyField(
        "directory.Municipality",
        verbose_name=_("municipalities served"),
        blank=True,
        related_name="+",
        help_text=_("Other municipalities where the association works, if any."),
    )
    fields_of_activity = ParentalManyToManyField(
        "directory.FieldOfActivity", verbose_name=_("fields of activity"), blank=True, related_name="+"
    )
    target_groups = ParentalManyToManyField(
        "directory.TargetGroup", verbose_name=_("target groups"), blank=True, related_name="+"
    )
    languages = ParentalManyToManyField(
        "directory.ActivityLanguage", verbose_name=_("languages of activity"), blank=True, related_name="+"
    )
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for listings.")
    )
    description = RichTextField(
        _("description"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("general e-mail"), blank=True)
    phone = models.CharField(_("general phone"), max_length=40, blank=True)
    # Lists, one item a line, translated item by item (home.fields.TranslatableLinesField).
    meeting_places = TranslatableLinesField(_("meeting places"), blank=True)
    accessibility = TranslatableLinesField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, induction loop, quiet space, languages, assistance…"),
    )
    logo = optional_image(_("logo"))
    logo_alt = alt_text(_("logo alt text"), _("Usually the association's name as the logo shows it."))
    looking_for_volunteers = models.BooleanField(_("looking for volunteers"), default=False, db_index=True)
    looking_for_partners = models.BooleanField(
        _("looking for co-operation partners"), default=False, db_index=True
    )
    tags = ClusterTaggableManager(through=OrganisationPageTag, blank=True, verbose_name=_("tags"))

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("meeting_places"),
        index.SearchField("register_number"),
        index.AutocompleteField("title"),
        index.FilterField("municipality"),
        index.FilterField("looking_for_volunteers"),
        index.FilterField("looking_for_partners"),
    ]

    content_panels = Page.content_panels + [
        ProposalsPanel(heading=_("Proposal from the association")),
        FieldPanel("register_number"),
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("municipality"), FieldPanel("municipalities_served")],
            heading=_("Where"),
        ),
        MultipleChooserPanel(
            "area_links",
            chooser_field_name="area",
            label=_("City areas served"),
            heading=_("City areas served"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("fields_of_activity"),
                FieldPanel("target_groups"),
                FieldPanel("languages"),
                FieldPanel("tags"),
            ],
            heading=_("Activity"),
        ),
        MultiFieldPanel(
            [FieldPanel("looking_for_volunteers"), FieldPanel("looking_for_partners")],
            heading=_("Looking for"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")
        ),
        InlinePanel("social_links", label=_("Social media")),
        InlinePanel("contacts", label=_("Contact persons")),
        FieldPanel("meeting_places"),
        FieldPanel("accessibility"),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt")], heading=_("Logo")),
    ]

    override_translatable_fields = [
        SynchronizedField("register_number"),
        SynchronizedField("phone"),
        SynchronizedField("municipalities_served"),
        SynchronizedField("fields_of_activity"),
        SynchronizedField("target_groups"),
        SynchronizedField("languages"),
    ]

    api_fields = [
        APIField("register_number"),
        APIField("summary"),
        APIField("website"),
        APIField("looking_for_volunteers"),
        APIField("looking_for_partners"),
    ]

    parent_page_types = ["directory.DirectoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        indexes = [
            models.Index(fields=["municipality", "looking_for_volunteers"], name="dir_org_muni_vol_idx"),
        ]

    def clean(self):
        super().clean()
        try:
            self.register_number = normalise_register_number(self.register_number)
        except ValidationError as error:
            raise ValidationError({"register_number": error.messages}) from error
        if self.logo_id and not self.logo_alt.strip():
            raise ValidationError({"logo_alt": _("Describe the logo for people who cannot see it.")})

    def classification_codes(self):
        """{"fields_of_activity": [slug…], "target_groups": [slug…], "languages": [code…]}: the
        page's links to the reference tables as the codes that filters, exports and forms use."""
        return {
            "fields_of_activity": [f.slug for f in self.fields_of_activity.all()],
            "target_groups": [t.slug for t in self.target_groups.all()],
            "languages": [lang.code for lang in self.languages.all()],
        }

    @property
    def region(self):
        return self.municipality.region if self.municipality_id else None

    def networks(self):
        """Live networks that list this association as a member, in this page's language where
        translated. Membership is kept on the network page only, so there is one truth."""
        from directory.models.content import NetworkPage

        candidates = (
            NetworkPage.objects.live()
            .filter(member_links__organisation__translation_key=self.translation_key)
            .distinct()
        )
        chosen = {}
        for network in candidates:
            if network.translation_key not in chosen or network.locale_id == self.locale_id:
                chosen[network.translation_key] = network
        return sorted(chosen.values(), key=lambda network: network.title)


class OrganisationArea(AreaLink):
    page = ParentalKey(OrganisationPage, related_name="area_links", on_delete=models.CASCADE)

    class Meta(AreaLink.Meta):
        verbose_name = _("city area")


class OrganisationContact(TranslatableMixin, Orderable):
    """A contact person of an association, shown with their role (translatable)."""

    page = ParentalKey(OrganisationPage, related_name="contacts", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("email"), FieldPanel("phone")]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("phone")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("contact person")
        ordering = ["sort_order"]


class OrganisationSocialLink(Orderable):
    class Service(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        INSTAGRAM = "instagram", "Instagram"
        LINKEDIN = "linkedin", "LinkedIn"
        YOUTUBE = "youtube", "YouTube"
        TIKTOK = "tiktok", "TikTok"
        BLUESKY = "bluesky", "Bluesky"
        MASTODON = "mastodon", "Mastodon"
        X = "x", "X"
        OTHER = "other", pgettext_lazy("service", "Other")

    page = ParentalKey(OrganisationPage, related_name="social_links", on_delete=models.CASCADE)
    service = models.CharField(_("service"), max_length=20, choices=Service.choices)
    url = models.URLField(_("address"))

    panels = [FieldPanel("service"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social media link")


class OrganisationProposal(models.Model):
    """Who proposed a new entry or an update through the public form, to tell them when it is
    published. Personal data: kept until the e-mail is sent plus RETENTION_DAYS."""

    RETENTION_DAYS = 90

    class Kind(models.TextChoices):
        NEW = "new", _("New entry")
        UPDATE = "update", _("Update")

    page = models.ForeignKey(
        OrganisationPage, verbose_name=_("association"), on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    submitter_name = models.CharField(_("name"), max_length=150)
    submitter_email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message to the editors"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="fi")
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    notified_at = models.DateTimeField(_("submitter notified"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at"]
        permissions = [("import_organisations", _("Can import organisations from a file"))]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page.title}"
