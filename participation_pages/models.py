import copy

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import construct_instance
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.utils.decorators import cached_classmethod
from wagtail_localize.fields import SynchronizedField

from home.colours import COLOUR_RE, contrast_ratio
from home.fields import optional_reference
from home.models import ImageWithAltMixin
from home.routes import HookRoutesMixin
from participation_pages import extensions
from participation_pages.blocks import ProgrammeBlock
from participation_pages.serializers import (
    AreaSerializer,
    EventFormatSerializer,
    EventSeriesSerializer,
    ThemeSerializer,
    VenueSerializer,
)
from participation_pages.signup_settings import SignUpSettings
from participation_pages.wheel import SECTOR_TINT
from taxonomy.fields import LANGUAGE_CHOICES, ChoiceListField
from taxonomy.models import (
    AreaLink,
    FiledUnderAreasAndThemes,
    ThemeLink,
    TranslatableLink,
    area_links_panel,
    theme_links_panel,
)

FOLLOW_UP_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]


class EventFormat(TranslatableMixin, models.Model):
    """Resident evening, theme evening, co-development workshop, pop-up… (editable list)."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("The same in every language."))
    description = models.TextField(_("description"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#0b3d91",
        help_text=_("Used in the annual clock, always together with the name. Choose a dark colour."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("colour", widget=forms.TextInput(attrs={"type": "color"})),
        FieldPanel("sort_order"),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("colour")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event format")
        verbose_name_plural = _("event formats")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not COLOUR_RE.match(self.colour or ""):
            raise ValidationError({"colour": _("Give the colour as #rrggbb, for example #0b3d91.")})
        if contrast_ratio(self.colour, SECTOR_TINT) < 3:  # WCAG 1.4.11 non-text contrast
            raise ValidationError(
                {"colour": _("This colour is too light to see in the annual clock. Choose a darker one.")}
            )


class Venue(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    city = models.CharField(_("city"), max_length=100)
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    induction_loop = models.BooleanField(_("induction loop"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    accessibility_notes = models.TextField(
        _("accessibility notes"), blank=True, help_text=_("Entrances, parking, lighting, how to get there.")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("street_address"), FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")])],
            heading=_("Address"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("induction_loop"),
                FieldPanel("accessible_toilet"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        ),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
    ]
    override_translatable_fields = [SynchronizedField("street_address"), SynchronizedField("postcode")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.street_address}"

    def clean(self):
        super().clean()
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))

    @property
    def accessibility_features(self):
        features = []
        if self.step_free_access:
            features.append(_("Step-free access"))
        if self.induction_loop:
            features.append(_("Induction loop"))
        if self.accessible_toilet:
            features.append(_("Accessible toilet"))
        return features


class EventSeries(TranslatableMixin, models.Model):
    """Events that belong together, e.g. 'association meet-ups twice a year'."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("The same in every language."))
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class CalendarPage(HookRoutesMixin, Page):
    """The annual clock: all events of one year, filterable. Events are its children.

    Routes (all honour the same filter parameters, see participation_pages.filters; declared in
    `wagtail_hooks.calendar_routes`): ``/`` this year, ``/<year>/`` another year, ``upcoming/``,
    ``past/``, ``ical/`` (iCalendar subscription), ``rss/`` and ``atom/`` (upcoming events),
    ``screen/`` (digital signage).
    """

    routes_hook = "kuulu_calendar_routes"

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    subpage_types = ["participation_pages.EventPage"]

    class Meta:
        verbose_name = _("calendar (annual clock)")
        verbose_name_plural = _("calendars")

    def events(self):
        """Live, public events of this calendar (its language) with what listings show."""
        return (
            EventPage.objects.live()
            .public()
            .child_of(self)
            .select_related("event_format", "venue")
            .order_by("start", "pk")
        )


class EventPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "participation_pages.EventPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class EventPageForm(WagtailAdminPageForm):
    """The event editor's form. The `kuulu_event_checks` hooks run here, on what the editor typed
    (e.g. seats not below those taken), not in `EventPage.clean()`: a revision scheduled earlier
    must still go live when its time comes (`publish_scheduled` saves with full_clean), and the
    app that declared the check handles what happened meanwhile (registrations raises the seats to
    those taken)."""

    def clean(self):
        cleaned = super().clean()
        event = construct_instance(self, copy.copy(self.instance))
        for field, message in extensions.check_event(event).items():
            self.add_error(field if field in self.fields else None, message)
        return cleaned


class EventPage(HookRoutesMixin, ImageWithAltMixin, FiledUnderAreasAndThemes, SignUpSettings, Page):
    """One event. Its sub-pages (``ics/``, and what other apps add such as ``feedback/``) come from
    the `kuulu_event_routes` hooks."""

    routes_hook = extensions.ROUTES_HOOK
    base_form_class = EventPageForm

    class Status(models.TextChoices):
        # schema.org EventStatusType
        SCHEDULED = "EventScheduled", _("Scheduled")
        CANCELLED = "EventCancelled", _("Cancelled")
        POSTPONED = "EventPostponed", _("Postponed")
        RESCHEDULED = "EventRescheduled", _("Rescheduled")

    class AttendanceMode(models.TextChoices):
        # schema.org EventAttendanceModeEnumeration
        OFFLINE = "OfflineEventAttendanceMode", _("In person")
        ONLINE = "OnlineEventAttendanceMode", _("Online")
        MIXED = "MixedEventAttendanceMode", _("Hybrid: in person and online")

    ACCESSIBILITY_SERVICE_CHOICES = [
        ("sign_language", _("Sign language interpretation")),
        ("speech_to_text", _("Speech-to-text interpretation")),
        ("interpretation", _("Interpretation into other languages")),
        ("plain_language", _("Plain language")),
        ("childcare", _("Childcare")),
        ("assistance", _("Personal assistance on request")),
        ("remote", _("Remote participation")),
    ]

    event_format = models.ForeignKey(
        EventFormat, verbose_name=_("format"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    series = optional_reference(EventSeries, _("series"))
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for listings.")
    )
    description = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    attendance_mode = models.CharField(
        _("attendance"), max_length=30, choices=AttendanceMode.choices, default=AttendanceMode.OFFLINE
    )
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    online_url = models.URLField(_("online link"), blank=True)
    online_instructions = models.TextField(_("how to join online"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    organiser_url = models.URLField(
        _("organiser's website"),
        blank=True,
        help_text=_("The event page and search engines link the organiser's name to this address."),
    )
    contact_person = optional_reference("directory.Person", _("contact person"))
    owner_unit = optional_reference(
        "home.Unit",
        _("owner unit"),
        help_text=_(
            "Staff limited to this unit see the event's sign-ups; when empty, only staff who see "
            "every unit's events do."
        ),
    )
    languages = ChoiceListField(_("languages used"), choices_list=LANGUAGE_CHOICES)
    accessibility_services = ChoiceListField(
        _("accessibility services"), choices_list=ACCESSIBILITY_SERVICE_CHOICES
    )
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    participation_symbol = models.BooleanField(
        _("participation symbol"),
        default=True,
        help_text=_("Residents can take part and influence at this event."),
    )
    programme = StreamField(ProgrammeBlock(), verbose_name=_("programme"), blank=True)
    tags = ClusterTaggableManager(through=EventPageTag, blank=True, verbose_name=_("tags"))

    follow_up_what_happened = RichTextField(_("what happened"), blank=True, features=FOLLOW_UP_FEATURES)
    follow_up_take_along = RichTextField(_("what we take along"), blank=True, features=FOLLOW_UP_FEATURES)
    follow_up_still_develop = RichTextField(
        _("what we still develop"), blank=True, features=FOLLOW_UP_FEATURES
    )
    follow_up_published_at = models.DateField(
        _("follow-up published"), null=True, blank=True, help_text=_("Shown with the follow-up report.")
    )
    # Read by the feedback app (the survey's closing time and the summary in the follow-up).
    feedback_open_days = models.PositiveSmallIntegerField(
        _("feedback stays open (days)"),
        null=True,
        blank=True,
        help_text=_("Days after the event ends. Leave empty to use the site-wide setting."),
    )
    follow_up_feedback_summary = models.BooleanField(
        _("show the feedback summary"),
        default=False,
        help_text=_("Cites the residents' feedback (number of answers, average score) in the follow-up."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("programme"),
        index.SearchField("organiser"),
        index.SearchField("follow_up_what_happened"),
        index.FilterField("start"),
        index.FilterField("status"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("event_format"),
        FieldPanel("series"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("status")],
            heading=_("Time and status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldPanel("online_instructions"),
            ],
            heading=_("Place"),
        ),
        FieldPanel("participation_symbol"),
        area_links_panel(),
        theme_links_panel(),
        FieldPanel("tags"),
        FieldPanel("description"),
        FieldPanel("programme"),
        *ImageWithAltMixin.image_panels,
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("organiser_url"),
                FieldPanel("owner_unit"),
                FieldPanel("contact_person"),
                FieldPanel("languages"),
            ],
            heading=_("Organiser and languages"),
        ),
        MultiFieldPanel(
            [FieldPanel("accessibility_services"), FieldPanel("accessibility_notes")],
            heading=_("Accessibility"),
        ),
    ]
    follow_up_panels = [
        FieldPanel("follow_up_what_happened"),
        FieldPanel("follow_up_take_along"),
        FieldPanel("follow_up_still_develop"),
        FieldPanel("follow_up_published_at"),
        FieldPanel("follow_up_feedback_summary"),
        FieldPanel("feedback_open_days"),
    ]

    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("status"),
        APIField("attendance_mode"),
        APIField("summary"),
        APIField("participation_symbol"),
        APIField("online_url"),
        APIField("languages"),
        APIField("accessibility_services"),
        APIField("event_format", serializer=EventFormatSerializer()),
        APIField("series", serializer=EventSeriesSerializer()),
        APIField("venue", serializer=VenueSerializer()),
        APIField("areas", serializer=AreaSerializer(many=True, read_only=True)),
        APIField("themes", serializer=ThemeSerializer(many=True, read_only=True)),
        APIField("programme"),
    ]

    parent_page_types = ["participation_pages.CalendarPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["end"])]

    @cached_classmethod
    def get_edit_handler(cls):
        """Event, Follow-up, the tabs other apps add (`kuulu_event_edit_tabs`), Promote, Settings."""
        tabs = [
            ObjectList(cls.content_panels, heading=_("Event")),
            ObjectList(cls.follow_up_panels, heading=_("Follow-up")),
            *extensions.extra_edit_tabs(),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
        return TabbedInterface(tabs, base_form_class=cls.base_form_class).bind_to_model(cls)

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if (
            self.attendance_mode in (self.AttendanceMode.OFFLINE, self.AttendanceMode.MIXED)
            and not self.venue_id
        ):
            errors["venue"] = _("Choose a venue for an event people attend in person.")
        if (
            self.attendance_mode in (self.AttendanceMode.ONLINE, self.AttendanceMode.MIXED)
            and not self.online_url
        ):
            errors["online_url"] = _("Give the online link for an online or hybrid event.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def shows_participation_symbol(self):
        return self.participation_symbol and not self.is_cancelled and not self.is_past

    @property
    def has_follow_up(self):
        return bool(
            self.follow_up_published_at
            and (self.follow_up_what_happened or self.follow_up_take_along or self.follow_up_still_develop)
        )

    @property
    def shows_follow_up(self):
        """The follow-up is public from its publication date on."""
        return self.has_follow_up and self.follow_up_published_at <= timezone.localdate()

    def programme_parts(self):
        """The programme as runs of items: [("common", [item]), ("parallel", [item, item]), …],
        so that parallel options that follow each other read as one choice."""
        parts = []
        for block in self.programme:
            kind = block.value.get("kind", "common")
            if parts and parts[-1][0] == kind == "parallel":
                parts[-1][1].append(block)
            else:
                parts.append((kind, [block]))
        return parts

    def language_labels(self):
        return self._meta.get_field("languages").labels(self.languages)

    def accessibility_service_labels(self):
        return self._meta.get_field("accessibility_services").labels(self.accessibility_services)

    def get_context(self, request, *args, **kwargs):
        from participation_pages import jsonld

        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = jsonld.event_json_ld(self, request)
        context["calendar"] = self.get_parent().specific
        if self.series_id:
            context["series_events"] = (
                EventPage.objects.live()
                .public()
                .filter(series_id=self.series_id)
                .exclude(pk=self.pk)
                .filter(locale_id=self.locale_id)
                .order_by("start")
            )
        return context


class EventPageArea(AreaLink):
    page = ParentalKey(EventPage, related_name="area_links", on_delete=models.CASCADE)


class EventPageTheme(ThemeLink):
    page = ParentalKey(EventPage, related_name="theme_links", on_delete=models.CASCADE)


class EventSchedule(models.Model):
    """The published time, place and status of one event in all its languages (keyed by the
    translation key), and how many published changes to them there have been: the iCalendar
    `SEQUENCE` (RFC 5545 §3.8.7.4) of the event in the feeds, each `.ics` and the change notices'
    attachments (`participation_pages.schedule`). Draft saves and edits to other fields leave it."""

    translation_key = models.UUIDField(unique=True)
    details = models.JSONField(default=dict)
    sequence = models.PositiveIntegerField(default=0)


class EventLink(TranslatableLink):
    """A row tying its owner to one event page, e.g. a network's or a resident panel's meetings.
    Subclasses add the owner: `page = ParentalKey(OwnerPage, related_name="meeting_links", ...)`."""

    event = models.ForeignKey(EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("event")]

    class Meta(TranslatableLink.Meta):
        abstract = True
        verbose_name = _("meeting")


from participation_pages.topics import *  # noqa: E402,F401,F403  (topic pages live in their own module)
