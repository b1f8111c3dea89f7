"""Reference data for the directory: municipalities, regions, wellbeing services counties, the
ICNPO field-of-activity classification, target groups and languages of activity.

These are official classifications with official names in Finnish and Swedish, so their names
live in fi/sv/en columns loaded from `directory/data/` (see `directory.reference_data`) rather
than being translated page by page. Codes and slugs are the same in every language, which keeps
filter addresses (`?municipality=091`) language-independent.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from taxonomy.fields import LANGUAGE_CHOICES


class LocalisedNameMixin(models.Model):
    name_fi = models.CharField(_("name in Finnish"), max_length=150)
    name_sv = models.CharField(_("name in Swedish"), max_length=150, blank=True)
    name_en = models.CharField(_("name in English"), max_length=150, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def name(self):
        language = (translation.get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fi


class Region(LocalisedNameMixin):
    """A region (maakunta)."""

    code = models.CharField(_("code"), max_length=2, unique=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name_fi"]


class WellbeingServicesCounty(LocalisedNameMixin):
    code = models.CharField(_("code"), max_length=2, unique=True)

    class Meta:
        verbose_name = _("wellbeing services county")
        verbose_name_plural = _("wellbeing services counties")
        ordering = ["name_fi"]


class Municipality(LocalisedNameMixin):
    code = models.CharField(_("code"), max_length=3, unique=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="municipalities"
    )
    wellbeing_services_county = models.ForeignKey(
        WellbeingServicesCounty,
        verbose_name=_("wellbeing services county"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="municipalities",
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("False once the municipality has merged into another.")
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_fi"]


class FieldOfActivity(LocalisedNameMixin):
    """An ICNPO group (no parent) or one of its subgroups."""

    code = models.CharField(_("ICNPO code"), max_length=10, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subgroups",
    )
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id else self.name


class TargetGroup(LocalisedNameMixin):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["sort_order", "name_fi"]


LANGUAGE_LABELS = dict(LANGUAGE_CHOICES)


class ActivityLanguage(models.Model):
    """A language an association works in; the codes and labels are taxonomy.LANGUAGE_CHOICES.

    A table (not a JSON list) so that the language filter is an indexed join on every database.
    """

    code = models.CharField(_("code"), max_length=10, unique=True)
    sort_order = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("language of activity")
        verbose_name_plural = _("languages of activity")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return str(LANGUAGE_LABELS.get(self.code, self.code))
