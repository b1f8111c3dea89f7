"""Resident panels: the page residents read and apply on, and the selection behind it.

A panel is one `ResidentPanelPage` (translated into sv and en). Everything that belongs to the
panel rather than to one language version (quotas, applications, draws) points at the page in
the default language, `default_translation(page)`, so a Swedish and a Finnish applicant end up in the
same pool.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.i18n import default_translation
from home.models import ImageWithAltMixin
from home.routes import HookRoutesMixin
from panels import features as F
from panels.problems import describe_failure, describe_problem
from participation_pages.models import EventLink
from taxonomy.fields import ChoiceListField
from taxonomy.models import (
    AreaLink,
    FiledUnderAreasAndThemes,
    ThemeLink,
    area_links_panel,
    theme_links_panel,
)

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class ResidentPanelPage(HookRoutesMixin, ImageWithAltMixin, FiledUnderAreasAndThemes, Page):
    """A resident panel. Sub-pages ``apply/`` and ``selection/`` (the transparency page) are
    declared in `panels.wagtail_hooks` (hook `kuulu_panel_routes`)."""

    routes_hook = "kuulu_panel_routes"

    class Status(models.TextChoices):
        UPCOMING = "upcoming", pgettext_lazy("status", "Upcoming")
        APPLICATIONS_OPEN = "applications_open", _("Applications open")
        SELECTING = "selecting", _("Selecting the members")
        WORKING = "working", _("Panel at work")
        FINISHED = "finished", _("Finished")

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("The panel's topic in one or two sentences, for listings.")
    )
    description = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    responsible_unit_email = models.EmailField(
        _("responsible unit's e-mail"),
        blank=True,
        help_text=_(
            "Applicants' replies to the panel's e-mails go here. Empty: the site's contact e-mail "
            "(Settings → Site settings)."
        ),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.UPCOMING)

    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"), help_text=_("Every panel has a fixed term."))
    target_size = models.PositiveSmallIntegerField(
        _("number of members"), default=30, validators=[MinValueValidator(2), MaxValueValidator(500)]
    )
    reserves = models.PositiveSmallIntegerField(
        _("number of reserves"),
        default=10,
        validators=[MaxValueValidator(500)],
        help_text=_("Reserves step in, in order, when a member drops out."),
    )

    applications_open = models.DateTimeField(_("applications open"))
    applications_close = models.DateTimeField(_("applications close"))
    eligibility = models.TextField(
        _("who can apply"), help_text=_("For example: lives in the city and is at least 15 years old.")
    )
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age"),
        default=15,
        validators=[MinValueValidator(F.YOUNGEST_AGE), MaxValueValidator(120)],
        help_text=_("Applicants must reach this age during the year the term starts."),
    )
    background_questions = ChoiceListField(
        _("background questions"),
        choices_list=F.BACKGROUND_CHOICES,
        help_text=_("Asked on the application form in addition to age and home area; quotas can use them."),
    )
    one_per_household = models.BooleanField(
        _("one member per household"),
        default=False,
        help_text=_("Asks for the street address and selects at most one person per address."),
    )
    meeting_plan = RichTextField(
        _("meeting plan"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("How often and where the panel meets; the meetings themselves are linked below."),
    )

    results = RichTextField(_("what the panel produced"), blank=True, features=RICH_TEXT_FEATURES)
    follow_up = RichTextField(_("what the city did with it"), blank=True, features=RICH_TEXT_FEATURES)

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("results"),
        index.FilterField("status"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("responsible_unit"),
        FieldPanel("responsible_unit_email"),
        FieldPanel("status"),
        FieldPanel("description"),
        area_links_panel(),
        theme_links_panel(),
        *ImageWithAltMixin.image_panels,
    ]
    selection_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("term_start"), FieldPanel("term_end")])],
            heading=_("Term"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("target_size"), FieldPanel("reserves")])],
            heading=_("Size"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("applications_open"), FieldPanel("applications_close")]),
                FieldPanel("eligibility"),
                FieldPanel("minimum_age"),
                FieldPanel("background_questions"),
                FieldPanel("one_per_household"),
            ],
            heading=_("Applications"),
        ),
        FieldPanel("meeting_plan"),
        InlinePanel("meeting_links", label=_("Meetings"), heading=_("Meetings (events)")),
    ]
    results_panels = [FieldPanel("results"), FieldPanel("follow_up")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Panel")),
            ObjectList(selection_panels, heading=_("Term and applications")),
            ObjectList(results_panels, heading=_("Results and follow-up")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    subpage_types = []

    class Meta:
        verbose_name = _("resident panel")
        verbose_name_plural = _("resident panels")

    def clean(self):
        super().clean()
        errors = {}
        if self.term_start and self.term_end and self.term_end <= self.term_start:
            errors["term_end"] = _("The term must end after it starts.")
        if self.applications_open and self.applications_close:
            if self.applications_close <= self.applications_open:
                errors["applications_close"] = _("Applications must close after they open.")
            elif self.term_start and timezone.localdate(self.applications_close) >= self.term_start:
                errors["applications_close"] = _("Applications must close before the term starts.")
        if errors:
            raise ValidationError(errors)

    # --- state --------------------------------------------------------------------------------

    @property
    def accepting_applications(self):
        """Open status, inside the application period, and no draw published yet (in any
        language: an application after the draw would stay pending for ever)."""
        now = timezone.now()
        return (
            self.status == self.Status.APPLICATIONS_OPEN
            and self.applications_open <= now < self.applications_close
            and self.published_draw() is None
        )

    @property
    def shows_participation_symbol(self):
        return self.accepting_applications

    @property
    def meetings(self):
        return [link.event for link in self.meeting_links.select_related("event") if link.event.live]

    @property
    def selection_features(self):
        return F.panel_features(self)

    def published_draw(self):
        return (
            Draw.objects.filter(panel=default_translation(self), status=Draw.Status.SUCCEEDED, published=True)
            .order_by("-finished_at")
            .first()
        )

    # --- public routes ------------------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["draw"] = self.published_draw()
        return context

    @path("")
    def panel(self, request):
        return self.render(request)

    @path("apply/thanks/")
    def apply_thanks(self, request):
        return TemplateResponse(request, "panels/apply_thanks.html", {"page": self})

    def apply_url(self):
        return self.url + self.reverse_subpage("apply")

    def transparency_url(self):
        return self.url + self.reverse_subpage("transparency")


class ResidentPanelArea(AreaLink):
    page = ParentalKey(ResidentPanelPage, related_name="area_links", on_delete=models.CASCADE)


class ResidentPanelTheme(ThemeLink):
    page = ParentalKey(ResidentPanelPage, related_name="theme_links", on_delete=models.CASCADE)


class ResidentPanelMeeting(EventLink):
    """A meeting of the panel is an ordinary event page; the panel links to it."""

    page = ParentalKey(ResidentPanelPage, related_name="meeting_links", on_delete=models.CASCADE)


# --- population figures (for proportional quotas) -------------------------------------------------


class PopulationProfile(ClusterableModel):
    """The city's population by age group, area and background, entered once from statistics."""

    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(
        _("source"), max_length=300, blank=True, help_text=_("Where the figures come from, and their date.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("source"),
        InlinePanel("figures", label=_("Figures"), heading=_("Residents per value")),
    ]

    class Meta:
        verbose_name = _("population profile")
        verbose_name_plural = _("population profiles")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def shares(self, feature):
        """{value: share 0..1} for one feature, or {} when no figures were entered for it."""
        rows = {f.value: f.residents for f in self.figures.all() if f.feature == feature}
        total = sum(rows.values())
        if not total:
            return {}
        return {value: residents / total for value, residents in rows.items()}


class PopulationFigure(Orderable):
    profile = ParentalKey(PopulationProfile, related_name="figures", on_delete=models.CASCADE)
    feature = models.CharField(
        _("feature"), max_length=30, choices=[(code, F.FEATURE_LABELS[code]) for code in F.ALL_FEATURES]
    )
    value = models.CharField(
        _("value"),
        max_length=60,
        help_text=_(
            "The value's code: an age group such as 25-39, a major area's slug, or a code such as female or sv."
        ),
    )
    residents = models.PositiveIntegerField(_("residents"))

    panels = [FieldRowPanel([FieldPanel("feature"), FieldPanel("value"), FieldPanel("residents")])]

    class Meta(Orderable.Meta):
        verbose_name = _("figure")

    def clean(self):
        super().clean()
        if not self.feature:
            return
        codes = [code for code, _label in F.feature_values(self.feature)]
        if self.value not in codes:
            raise ValidationError(
                {
                    "value": _("“%(value)s” is not a value of %(feature)s. Use one of: %(codes)s.")
                    % {
                        "value": self.value,
                        "feature": F.feature_label(self.feature),
                        "codes": ", ".join(codes),
                    }
                }
            )


# --- quotas -------------------------------------------------------------------------------------


class Quota(models.Model):
    """How many members (at least `minimum`, at most `maximum`) the panel takes with one value of
    one feature, e.g. 2–6 members aged 15–24. The minimum is never above the maximum: `clean()`
    says so in words, and a database constraint refuses such a row however it is saved."""

    panel = models.ForeignKey(ResidentPanelPage, on_delete=models.CASCADE, related_name="quotas")
    feature = models.CharField(_("feature"), max_length=30)
    value = models.CharField(_("value"), max_length=60)
    minimum = models.PositiveSmallIntegerField(_("minimum"))
    maximum = models.PositiveSmallIntegerField(_("maximum"))

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [
            models.UniqueConstraint(fields=["panel", "feature", "value"], name="panels_quota_unique_value"),
            models.CheckConstraint(
                condition=Q(minimum__lte=models.F("maximum")), name="panels_quota_minimum_not_above_maximum"
            ),
        ]

    def __str__(self):
        return f"{self.feature}={self.value}: {self.minimum}–{self.maximum}"

    def clean(self):
        super().clean()
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            problem = {
                "kind": "min_above_max",
                "feature": self.feature,
                "value": self.value,
                "minimum": self.minimum,
                "maximum": self.maximum,
            }
            raise ValidationError({"maximum": describe_problem(problem)})


# --- applications -------------------------------------------------------------------------------


class ApplicationQuerySet(models.QuerySet):
    def with_personal_data(self):
        return self.filter(anonymised_at__isnull=True)


class Application(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting for the draw")
        SELECTED = "selected", _("Selected")
        RESERVE = "reserve", _("Reserve")
        NOT_SELECTED = "not_selected", _("Not selected")
        DROPPED_OUT = "dropped_out", _("Dropped out")

    panel = models.ForeignKey(ResidentPanelPage, on_delete=models.CASCADE, related_name="applications")
    created_at = models.DateTimeField(_("applied"), default=timezone.now)
    language = models.CharField(_("language"), max_length=10, default="fi")

    # Personal data: emptied by the retention job (see personal_data.py).
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)
    consent_contact = models.BooleanField(_("may be contacted"), default=False)
    household = models.CharField(
        _("household"),
        max_length=64,
        blank=True,
        help_text=_("A digest of the normalised address, so a draw can keep one member per household."),
    )

    # Selection features: kept after anonymisation, for the published statistics.
    age_group = models.CharField(_("age group"), max_length=20)
    area = models.CharField(_("home area"), max_length=100)
    gender = models.CharField(_("gender"), max_length=20, blank=True)
    mother_tongue = models.CharField(_("mother tongue"), max_length=20, blank=True)
    main_activity = models.CharField(_("main activity"), max_length=20, blank=True)
    housing = models.CharField(_("housing"), max_length=30, blank=True)

    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    reserve_rank = models.PositiveSmallIntegerField(_("place on the reserve list"), null=True, blank=True)
    notified_outcome = models.CharField(max_length=20, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("replaced by"),
    )
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("panel application")
        verbose_name_plural = _("panel applications")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "email"], condition=~Q(email=""), name="panels_one_application_per_email"
            )
        ]
        permissions = [
            ("run_draw", _("Can set quotas and run panel draws")),
            ("view_member_contacts", _("Can see and export panel members' contact details")),
        ]

    def __str__(self):
        return self.name or f"#{self.pk}"

    @property
    def pseudonym(self):
        """The id used in draws and snapshots: no name, no e-mail."""
        return f"A{self.pk}"

    def feature_value(self, feature):
        return getattr(self, feature)

    @staticmethod
    def household_key(street_address, postcode):
        normalised = " ".join(street_address.lower().replace(",", " ").split()) + "|" + postcode.strip()
        return hashlib.sha256(f"{settings.SECRET_KEY}:{normalised}".encode()).hexdigest()


# --- draws ----------------------------------------------------------------------------------------


class DrawQuerySet(models.QuerySet):
    def active(self):
        """Queued or running, and not abandoned (a worker that died leaves a draw behind)."""
        from datetime import timedelta

        limit = getattr(settings, "PANELS_DRAW_TIMEOUT", 3600) + 600
        return self.filter(
            status__in=[Draw.Status.QUEUED, Draw.Status.RUNNING],
            created_at__gte=timezone.now() - timedelta(seconds=limit),
        )


class Draw(models.Model):
    class Algorithm(models.TextChoices):
        MAXIMIN = "maximin", _("Maximin: raises the lowest chance of selection as high as the quotas allow")
        NASH = "nash", _("Nash welfare: balances everyone's chances (product of probabilities)")
        LEXIMIN = "leximin", _("Leximin: maximin, then the next-lowest chances (needs Gurobi)")
        LEGACY = "legacy", _("Legacy (emergency only): a greedy lottery with no selection probabilities")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Completed")
        FAILED = "failed", _("Failed")

    panel = models.ForeignKey(ResidentPanelPage, on_delete=models.CASCADE, related_name="draws")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    algorithm = models.CharField(_("algorithm"), max_length=20, choices=Algorithm.choices)
    solver_backend = models.CharField(_("solver"), max_length=20)
    library_version = models.CharField(_("library version"), max_length=40)
    seed = models.BigIntegerField(_("random seed"))
    one_per_household = models.BooleanField(_("one per household"), default=False)
    number_wanted = models.PositiveSmallIntegerField(_("members"))
    reserves_wanted = models.PositiveSmallIntegerField(_("reserves"))
    snapshot = models.JSONField(_("input snapshot"), default=dict)
    snapshot_digest = models.CharField(_("input fingerprint (SHA-256)"), max_length=64)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.CharField(max_length=300, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.JSONField(default=dict, blank=True, help_text="Why the draw failed, as data.")
    log = models.TextField(blank=True)
    minimum_probability = models.FloatField(null=True, blank=True)
    statistics = models.JSONField(default=dict, help_text="Published counts per feature value.")
    published = models.BooleanField(_("published"), default=False)

    objects = DrawQuerySet.as_manager()

    class Meta:
        verbose_name = _("draw")
        verbose_name_plural = _("draws")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.panel} – {self.get_algorithm_display()} – {self.seed}"

    @staticmethod
    def digest(snapshot):
        canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    @property
    def is_active(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def gives_probabilities(self):
        return self.algorithm != self.Algorithm.LEGACY

    def failure_messages(self):
        return describe_failure(self.failure) if self.failure else []


class DrawEntry(models.Model):
    """One applicant's result in one draw. Holds no personal data: the application may be anonymised."""

    draw = models.ForeignKey(Draw, on_delete=models.CASCADE, related_name="entries")
    application = models.ForeignKey(
        Application, null=True, on_delete=models.SET_NULL, related_name="draw_entries"
    )
    person = models.CharField(max_length=20)
    probability = models.FloatField(null=True, blank=True)
    selected = models.BooleanField(default=False)
    reserve_rank = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["draw", "person"]
        constraints = [models.UniqueConstraint(fields=["draw", "person"], name="panels_entry_unique_person")]
