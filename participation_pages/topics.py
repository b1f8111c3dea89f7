"""Participation topics: matters residents can influence, and their index ("Take part")."""

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import RICH_TEXT_FEATURES, ExtensibleStreamBlock
from home.images import with_card_images
from home.models import ImageWithAltMixin
from taxonomy.models import (
    AreaLink,
    FiledUnderAreasAndThemes,
    ThemeLink,
    area_links_panel,
    theme_links_panel,
)

__all__ = [
    "ParticipationTopicIndexPage",
    "ParticipationTopicPage",
    "ParticipationTopicPageArea",
    "ParticipationTopicPageTheme",
]


class WayToTakePartBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=600)
    page = blocks.PageChooserBlock(
        label=_("Link to page"), required=False, help_text=_("An event, poll, panel or idea form.")
    )
    url = blocks.URLBlock(label=_("…or to an address"), required=False)
    deadline = blocks.DateBlock(label=_("Deadline"), required=False)

    class Meta:
        icon = "link"
        label = _("Way to take part")
        template = "participation_pages/blocks/way_to_take_part.html"


class DecisionStepBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=600)

    class Meta:
        icon = "date"
        label = _("Step")


class InputChangedBlock(ExtensibleStreamBlock):
    """What residents' input changed: text, and what other apps add (`kuulu_topic_outcome_blocks`:
    an event's feedback summary)."""

    extension_hook = "kuulu_topic_outcome_blocks"
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="home/blocks/paragraph.html"
    )


class HowToTakePartBlock(ExtensibleStreamBlock):
    """Ways to take part: links, and what other apps add (`kuulu_topic_ways_blocks`: a quick poll,
    an idea box)."""

    extension_hook = "kuulu_topic_ways_blocks"
    way = WayToTakePartBlock()


class ParticipationTopicPage(ImageWithAltMixin, FiledUnderAreasAndThemes, Page):
    class Status(models.TextChoices):
        UPCOMING = "upcoming", pgettext_lazy("status", "Upcoming")
        OPEN = "open", _("Open for participation")
        UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
        DECIDED = "decided", _("Decided")

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for listings.")
    )
    responsible_unit = models.CharField(_("responsible city unit"), max_length=200)
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.UPCOMING)
    open_from = models.DateField(_("open from"), null=True, blank=True)
    open_until = models.DateField(_("open until"), null=True, blank=True)
    how_to_take_part = StreamField(HowToTakePartBlock, verbose_name=_("how to take part"), blank=True)
    decision_timeline = StreamField(
        [("step", DecisionStepBlock())], verbose_name=_("decision timeline"), blank=True
    )
    input_changed = StreamField(
        InputChangedBlock,
        verbose_name=_("what your input changed"),
        blank=True,
        help_text=_("Once decided: what residents' input changed. You can cite an event's feedback summary."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("responsible_unit"),
        index.SearchField("how_to_take_part"),
        index.SearchField("input_changed"),
        index.FilterField("status"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("responsible_unit"),
        MultiFieldPanel(
            [FieldPanel("status"), FieldRowPanel([FieldPanel("open_from"), FieldPanel("open_until")])],
            heading=_("Status"),
        ),
        area_links_panel(),
        theme_links_panel(),
        *ImageWithAltMixin.image_panels,
        FieldPanel("how_to_take_part"),
        FieldPanel("decision_timeline"),
        FieldPanel("input_changed"),
    ]

    parent_page_types = ["participation_pages.ParticipationTopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("participation topic")
        verbose_name_plural = _("participation topics")

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.open_from and self.open_until and self.open_until < self.open_from:
            raise ValidationError({"open_until": _("The topic must close after it opens.")})

    @property
    def is_open(self):
        today = timezone.localdate()
        return (
            self.status == self.Status.OPEN
            and (self.open_from is None or self.open_from <= today)
            and (self.open_until is None or today <= self.open_until)
        )

    @property
    def shows_participation_symbol(self):
        return self.is_open

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["index_page"] = self.get_parent().specific
        return context

    def timeline(self):
        """Steps in date order, each marked done when its date has passed."""
        today = timezone.localdate()
        steps = sorted((block.value for block in self.decision_timeline), key=lambda v: v["date"])
        return [{**dict(step), "done": step["date"] <= today} for step in steps]


class ParticipationTopicPageArea(AreaLink):
    page = ParentalKey(ParticipationTopicPage, related_name="area_links", on_delete=models.CASCADE)


class ParticipationTopicPageTheme(ThemeLink):
    page = ParentalKey(ParticipationTopicPage, related_name="theme_links", on_delete=models.CASCADE)


STATUS_ORDER = [
    ParticipationTopicPage.Status.OPEN,
    ParticipationTopicPage.Status.UPCOMING,
    ParticipationTopicPage.Status.UNDER_CONSIDERATION,
    ParticipationTopicPage.Status.DECIDED,
]


def open_first(queryset):
    return queryset.annotate(
        status_rank=Case(
            *[When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)],
            output_field=IntegerField(),
        )
    ).order_by("status_rank", "open_until", "title", "pk")


class ParticipationTopicIndexPage(Page):
    """ "Take part": every topic, open ones first, filterable by area, theme and status."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["participation_pages.ParticipationTopicPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("participation topic index (Take part)")
        verbose_name_plural = _("participation topic indexes")

    def topics(self):
        return open_first(
            with_card_images(ParticipationTopicPage.objects.live())
            .public()
            .child_of(self)
            .prefetch_related("area_links__area", "theme_links__theme")
        )

    def get_context(self, request, *args, **kwargs):
        from participation_pages.filters import TopicFilterSet

        context = super().get_context(request, *args, **kwargs)
        filters = TopicFilterSet(request.GET, self.topics(), locale=self.locale)
        topics = list(filters.qs)
        context.update(
            topics=topics,
            cards=[topic_card(topic, request) for topic in topics],
            form=filters.form,
            active_filters=filters.descriptions(),
        )
        return context


def topic_card(topic, request):
    """The topic's card in the "Take part" listing: status, closing date, areas and themes."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext

    from home.sections import Card

    meta = []
    if topic.open_until:
        meta.append(gettext("Open until %(date)s") % {"date": date_format(topic.open_until, "DATE_FORMAT")})
    for terms in (topic.areas, topic.themes):
        if terms:
            meta.append(", ".join(term.name for term in terms))
    return Card.for_page(
        topic,
        request,
        meta=meta,
        badge=str(topic.get_status_display()),
        participation=topic.shows_participation_symbol,
        kind="topic",
    )
