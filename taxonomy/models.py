"""Reference data every other app files things under: the city's areas and its themes.

Both are translatable snippets. Their slugs are the same in every language, so a filtered URL
or calendar subscription (`?area=keskusta`) means the same in Finnish, Swedish and English.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, MultipleChooserPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

POSTCODE_RE = re.compile(r"^\d{5}$")


class AreaQuerySet(models.QuerySet):
    def major(self):
        return self.filter(parent__isnull=True)

    def for_postcode(self, postcode):
        postcode = (postcode or "").strip()
        if not POSTCODE_RE.match(postcode):
            return self.none()
        return self.filter(postcodes__contains=postcode)


class TaxonomyTerm(TranslatableMixin, index.Indexed, models.Model):
    """What areas and themes share: a translatable name and description, and a slug that is the
    same in every language (addresses and filters use it), unique per language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, help_text=_("Used in addresses and filters; the same in every language.")
    )
    description = models.TextField(_("description"), blank=True)

    override_translatable_fields = [SynchronizedField("slug")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Area(TaxonomyTerm):
    """A major area of the city (parent empty) or a district within one."""

    parent = models.ForeignKey(
        "self",
        verbose_name=_("major area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="districts",
        help_text=_("Leave empty for a major area; choose one for a district."),
    )
    postcodes = models.CharField(
        _("postcodes"),
        max_length=500,
        blank=True,
        help_text=_("Postcodes in this area, separated by spaces, e.g. 00100 00120."),
    )

    objects = AreaQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("postcodes"),
        FieldPanel("description"),
    ]
    override_translatable_fields = [
        *TaxonomyTerm.override_translatable_fields,
        SynchronizedField("postcodes"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name} › {self.name}"
        return self.name

    def clean(self):
        super().clean()
        codes = self.postcodes.split()
        bad = [c for c in codes if not POSTCODE_RE.match(c)]
        if bad:
            raise ValidationError(
                {"postcodes": _("Postcodes are five digits: %(codes)s") % {"codes": ", ".join(bad)}}
            )
        self.postcodes = " ".join(sorted(set(codes)))
        if self.parent_id and self.parent.parent_id:
            raise ValidationError(
                {"parent": _("A district must belong to a major area, not to another district.")}
            )
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An area cannot contain itself.")})

    @property
    def is_major(self):
        return self.parent_id is None


class Theme(TaxonomyTerm):
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class TranslatableLink(TranslatableMixin, Orderable):
    """Base for the rows that tie a page or snippet to areas, themes and other snippets.

    wagtail-localize does not translate many-to-many fields, but it does translate child rows
    that are TranslatableMixin: a Swedish copy of a page then points at the Swedish area.
    Subclasses add a ParentalKey to their owner and a ForeignKey to the snippet.
    """

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["sort_order"]

    def get_default_locale(self):
        """The `Locale` of a new row: its owner's, taken from the owner in memory when the row
        holds it (as rows saved with their page or snippet do). Wagtail's own reads the owner
        again from the database for each new row: a join over the page tables per area and
        theme link of every page saved, translated or copied."""
        for field in self._meta.get_fields():
            if isinstance(field, ParentalKey) and issubclass(field.related_model, TranslatableMixin):
                owner = field.get_cached_value(self, None)
                if owner is not None and owner.pk == field.value_from_object(self) and owner.locale_id:
                    return owner.locale
                break
        return super().get_default_locale()


class AreaLink(TranslatableLink):
    """A row tying its owner to one area. Subclasses add the owner:
    `page = ParentalKey(OwnerPage, related_name="area_links", on_delete=models.CASCADE)`."""

    area = models.ForeignKey(
        "taxonomy.Area", verbose_name=_("area"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(TranslatableLink.Meta):
        abstract = True
        verbose_name = _("area")


class ThemeLink(TranslatableLink):
    """A row tying its owner to one theme (owner as in `AreaLink`, related_name="theme_links")."""

    theme = models.ForeignKey(
        "taxonomy.Theme", verbose_name=_("theme"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta(TranslatableLink.Meta):
        abstract = True
        verbose_name = _("theme")


class FiledUnderAreasAndThemes:
    """For an owner of `AreaLink` rows (`area_links`) and/or `ThemeLink` rows (`theme_links`):
    the areas and themes themselves in the editor's order, and their editor panels."""

    @property
    def areas(self):
        return [link.area for link in self.area_links.all()]

    @property
    def themes(self):
        return [link.theme for link in self.theme_links.all()]


def area_links_panel():
    """The editor's chooser for `area_links` (pick several areas at once)."""
    return MultipleChooserPanel("area_links", chooser_field_name="area", label=_("Areas"), heading=_("Areas"))


def theme_links_panel():
    """The editor's chooser for `theme_links`."""
    return MultipleChooserPanel(
        "theme_links", chooser_field_name="theme", label=_("Themes"), heading=_("Themes")
    )
