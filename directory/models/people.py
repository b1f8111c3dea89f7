from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.fields import alt_text, optional_image
from taxonomy.fields import LANGUAGE_CHOICES, ChoiceListField
from taxonomy.models import AreaLink, FiledUnderAreasAndThemes, area_links_panel


class Person(FiledUnderAreasAndThemes, TranslatableMixin, index.Indexed, ClusterableModel):
    """Someone residents can contact: a city area coordinator, a volunteer resident coordinator…"""

    class Kind(models.TextChoices):
        AREA_COORDINATOR = "area_coordinator", _("Area coordinator (city)")
        RESIDENT_COORDINATOR = "resident_coordinator", _("Resident coordinator (volunteer)")
        STAFF = "staff", _("City staff")
        ASSOCIATION = "association", _("Association contact")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.STAFF)
    role = models.CharField(_("role or title"), max_length=200, blank=True)
    introduction = models.TextField(_("introduction"), blank=True, max_length=1000)
    photo = optional_image(_("photo"))
    photo_alt = alt_text(
        _("photo alt text"), _("Leave empty when the photo only shows the person named next to it.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    languages = ChoiceListField(_("languages spoken"), choices_list=LANGUAGE_CHOICES)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("role"),
        FieldPanel("introduction"),
        MultiFieldPanel([FieldPanel("photo"), FieldPanel("photo_alt")], heading=_("Photo")),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        FieldPanel("languages"),
        area_links_panel(),
    ]
    override_translatable_fields = [SynchronizedField("name"), SynchronizedField("phone")]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("locale_id"),
        index.FilterField("kind"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class PersonArea(AreaLink):
    person = ParentalKey(Person, related_name="area_links", on_delete=models.CASCADE)
