"""The directory's content pages: the area-coordinator finder, networks, practice models, news.

Organisations are pointed at lazily ("wagtailcore.Page" restricted in the chooser to
directory.OrganisationPage) so this module does not depend on the organisation models.
"""

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from directory.content_blocks import AttachmentStreamBlock, ContactStreamBlock, SubGroupBlock
from home.blocks import BodyStreamBlock
from home.fields import optional_reference
from home.images import with_card_images
from home.models import ImageWithAltMixin
from participation_pages.models import EventLink
from taxonomy.models import FiledUnderAreasAndThemes, ThemeLink, TranslatableLink, theme_links_panel

__all__ = [
    "AreaCoordinatorPage",
    "NetworkPage",
    "NetworkMember",
    "NetworkMeeting",
    "PracticeModelIndexPage",
    "PracticeModelPage",
    "PracticeModelTheme",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleOrganisation",
]

ORGANISATION_PAGE = "directory.OrganisationPage"
SECTION_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul", "document-link"]
PER_PAGE = 20


class OrganisationChooserPanel(PageChooserPanel):
    """Chooses an organisation page once that page type exists; any page until then."""

    def get_form_options(self):
        try:
            apps.get_model(self.page_type)
        except (LookupError, ValueError):
            self.page_type = "wagtailcore.Page"
        return super().get_form_options()


def organisation_chooser(field_name="organisation"):
    return OrganisationChooserPanel(field_name, page_type=ORGANISATION_PAGE)


def localized_live(model, pages, locale):
    """The live, public versions of `pages` in `locale`, in the same order.

    wagtail-localize copies links to pages unchanged into translations, so a Swedish page's link
    still points at the Finnish page; readers get the Swedish one where it exists.
    """
    keys = [page.translation_key for page in pages]
    found = {}
    for page in model.objects.live().public().filter(translation_key__in=keys).specific():
        if page.locale_id == locale.pk or page.translation_key not in found:
            found[page.translation_key] = page
    return [found[key] for key in dict.fromkeys(keys) if key in found]


def paginate(request, items, per_page=PER_PAGE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


# People ---------------------------------------------------------------------------------------


class AreaCoordinatorPage(Page):
    """ "Your area coordinator": choose an area or type a postcode, see whom to contact."""

    introduction = models.TextField(_("introduction"), blank=True)
    contact_note = RichTextField(
        _("if nobody covers your area"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown under the results, e.g. the city's general participation contact."),
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("contact_note")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    subpage_types = []

    class Meta:
        verbose_name = _("area coordinator finder")
        verbose_name_plural = _("area coordinator finders")

    def get_context(self, request, *args, **kwargs):
        from directory.content_views import coordinator_context

        context = super().get_context(request, *args, **kwargs)
        context.update(coordinator_context(self, request))
        return context


# Networks -------------------------------------------------------------------------------------


class NetworkPage(ImageWithAltMixin, Page):
    """A theme network or a co-operation platform of several associations."""

    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for listings.")
    )
    purpose = RichTextField(_("purpose"), features=SECTION_FEATURES)
    audience = RichTextField(_("who it is for"), blank=True, features=SECTION_FEATURES)
    how_to_join = RichTextField(_("how to join"), blank=True, features=SECTION_FEATURES)
    contact_person = optional_reference("directory.Person", _("contact person"))
    sub_groups = StreamField([("group", SubGroupBlock())], verbose_name=_("theme groups"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("purpose"),
        FieldPanel("audience"),
        FieldPanel("how_to_join"),
        FieldPanel("contact_person"),
        *ImageWithAltMixin.image_panels,
        InlinePanel("member_links", label=_("Member organisations"), heading=_("Member organisations")),
        MultipleChooserPanel(
            "meeting_links", chooser_field_name="event", label=_("Meetings"), heading=_("Meetings")
        ),
        FieldPanel("sub_groups"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("audience"),
    ]
    subpage_types = []

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def members(self):
        links = self.member_links.select_related("organisation")
        return localized_live(Page, [link.organisation for link in links], self.locale)

    def meetings(self):
        """Live meetings, split into (upcoming, past)."""
        from participation_pages.models import EventPage

        links = self.meeting_links.select_related("event")
        events = localized_live(EventPage, [link.event for link in links], self.locale)
        now = timezone.now()
        upcoming = sorted((e for e in events if e.end >= now), key=lambda e: e.start)
        past = sorted((e for e in events if e.end < now), key=lambda e: e.start, reverse=True)
        return upcoming, past

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_meetings"], context["past_meetings"] = self.meetings()
        return context


class NetworkMember(TranslatableLink):
    page = ParentalKey(NetworkPage, related_name="member_links", on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("association"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [organisation_chooser()]

    class Meta(TranslatableLink.Meta):
        verbose_name = _("member organisation")


class NetworkMeeting(EventLink):
    page = ParentalKey(NetworkPage, related_name="meeting_links", on_delete=models.CASCADE)


# Practice models ------------------------------------------------------------------------------


class PracticeModelIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["directory.PracticeModelPage"]

    class Meta:
        verbose_name = _("practice model library")
        verbose_name_plural = _("practice model libraries")

    def practice_models(self):
        return (
            PracticeModelPage.objects.live()
            .public()
            .child_of(self)
            .prefetch_related("theme_links__theme")
            .order_by("title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        from directory.filters import PracticeModelFilterSet

        context = super().get_context(request, *args, **kwargs)
        filters = PracticeModelFilterSet(request.GET, self.practice_models(), index=self)
        page_obj = paginate(request, filters.qs)
        context.update(
            form=filters.form,
            active_filters=filters.descriptions(),
            page_obj=page_obj,
            cards=[practice_model_card(item, request) for item in page_obj],
        )
        return context


def practice_model_card(item, request):
    """A practice model's card in the library: stage, region and themes (no image: the
    drawn fallback)."""
    from home.sections import Card

    meta = [str(item.get_stage_display())]
    if item.region:
        meta.append(item.region)
    if themes := item.themes:
        meta.append(", ".join(theme.name for theme in themes))
    return Card.for_page(item, request, meta=meta)


class PracticeModelPage(FiledUnderAreasAndThemes, Page):
    """A practice model written up as practice-model libraries do."""

    class Stage(models.TextChoices):
        IN_DEVELOPMENT = "in_development", _("In development")
        READY = "ready", _("Ready")

    summary = models.TextField(_("short description"), max_length=500)
    implementation_place = models.CharField(
        _("where it was carried out"), max_length=200, blank=True, help_text=_("Organisation or place.")
    )
    # Plain text until the directory's municipality reference data is linked here.
    region = models.CharField(
        _("municipality or region"),
        max_length=120,
        blank=True,
        db_index=True,
        help_text=_("Write it the same way on every practice model: the listing filters by it."),
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    stage = models.CharField(
        _("development stage"),
        max_length=20,
        choices=Stage.choices,
        default=Stage.IN_DEVELOPMENT,
        db_index=True,
    )
    need_and_goals = RichTextField(_("need and goals"), blank=True, features=SECTION_FEATURES)
    solution = RichTextField(_("solution and basic idea"), blank=True, features=SECTION_FEATURES)
    operating_environment = RichTextField(_("operating environment"), blank=True, features=SECTION_FEATURES)
    conditions_for_success = RichTextField(_("conditions for success"), blank=True, features=SECTION_FEATURES)
    evaluation_results = RichTextField(_("evaluation and results"), blank=True, features=SECTION_FEATURES)
    tips_for_adopters = RichTextField(_("tips for adopters"), blank=True, features=SECTION_FEATURES)
    contacts = StreamField(ContactStreamBlock(), verbose_name=_("contacts"), blank=True)
    attachments = StreamField(AttachmentStreamBlock(), verbose_name=_("attachments and links"), blank=True)

    SECTIONS = [
        ("need_and_goals", _("Need and goals")),
        ("solution", _("Solution and basic idea")),
        ("operating_environment", _("Operating environment")),
        ("conditions_for_success", _("Conditions for success")),
        ("evaluation_results", _("Evaluation and results")),
        ("tips_for_adopters", _("Tips for adopters")),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("implementation_place"),
                FieldPanel("region"),
                FieldPanel("funder"),
                FieldPanel("author"),
                FieldPanel("stage"),
            ],
            heading=_("Facts"),
        ),
        theme_links_panel(),
        *[FieldPanel(name) for name, _label in SECTIONS],
        FieldPanel("contacts"),
        FieldPanel("attachments"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("need_and_goals"),
        index.SearchField("solution"),
        index.FilterField("stage"),
        index.FilterField("region"),
    ]
    parent_page_types = ["directory.PracticeModelIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice model")
        verbose_name_plural = _("practice models")

    def sections(self):
        return [(label, getattr(self, name)) for name, label in self.SECTIONS if getattr(self, name)]


class PracticeModelTheme(ThemeLink):
    page = ParentalKey(PracticeModelPage, related_name="theme_links", on_delete=models.CASCADE)


# News -----------------------------------------------------------------------------------------


class ArticleIndexPage(RoutablePageMixin, Page):
    """News and blog: articles are its children. Routes: ``/`` (``?tag=``) and ``rss/``."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    subpage_types = ["directory.ArticlePage"]

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def articles(self, tag=None):
        articles = ArticlePage.objects.live().public().child_of(self).order_by("-date", "-pk")
        if tag:
            articles = articles.filter(tags__slug=tag)
        return with_card_images(articles).prefetch_related("tags")

    def tag_filter(self, request):
        from taggit.models import Tag

        slug = request.GET.get("tag", "")
        return Tag.objects.filter(slug=slug).first() if slug else None

    @path("", name="index")
    def index_route(self, request):
        tag = self.tag_filter(request)
        if request.GET.get("tag") and tag is None:
            articles = ArticlePage.objects.none()
        else:
            articles = self.articles(tag.slug if tag else None)
        return self.render(
            request, context_overrides={"tag": tag, "page_obj": paginate(request, articles, per_page=10)}
        )

    @path("rss/", name="rss")
    def rss(self, request):
        from directory.content_feeds import ArticlesFeed

        return ArticlesFeed(self)(request)


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "directory.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(ImageWithAltMixin, Page):
    author = models.CharField(_("author"), max_length=200, blank=True)
    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for listings.")
    )
    body = StreamField(BodyStreamBlock, verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("author"), FieldPanel("date")], heading=_("Author and date")),
        FieldPanel("summary"),
        *ImageWithAltMixin.image_panels,
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel(
            "organisation_links", label=_("Related organisations"), heading=_("Related organisations")
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("author"),
        index.FilterField("date"),
    ]
    parent_page_types = ["directory.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def related_organisations(self):
        links = self.organisation_links.select_related("organisation")
        return localized_live(Page, [link.organisation for link in links], self.locale)


class ArticleOrganisation(TranslatableLink):
    page = ParentalKey(ArticlePage, related_name="organisation_links", on_delete=models.CASCADE)
    organisation = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("association"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [organisation_chooser()]

    class Meta(TranslatableLink.Meta):
        verbose_name = _("related organisation")
