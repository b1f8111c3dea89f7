"""Quick polls, event feedback and the idea box.

Answers are anonymous: no account, IP address, user agent or time of day is stored, only the
answer itself, its language and the day it was given. Polls and event feedback are counted over
every language version (rows point at the version that was answered; results group by
`translation_key`).
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, Site, TranslatableMixin

from feedback.questions import MAX_QUESTIONS, QuestionStreamBlock
from home.fields import optional_reference
from home.page_cache import RememberedSiteSetting
from home.routes import HookRoutesMixin

TEXT_ANSWER_MAX = 500
IDEA_MAX = 2000


class Poll(TranslatableMixin, models.Model):
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    questions = StreamField(
        QuestionStreamBlock(),
        verbose_name=_("questions"),
        help_text=_("At most four questions: a quick poll takes a minute to answer."),
    )
    show_results_after_answering = models.BooleanField(
        _("show results after answering"),
        default=True,
        help_text=_("Otherwise results are public only when the poll has closed."),
    )
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    closed = models.BooleanField(_("closed now"), default=False)

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("show_results_after_answering"),
                FieldRowPanel([FieldPanel("closes_at"), FieldPanel("closed")]),
            ],
            heading=_("Answering and results"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quick poll")
        verbose_name_plural = _("quick polls")
        ordering = ["-id"]
        permissions = [("view_results", _("Can view feedback and poll results"))]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        count = len(self.questions or [])
        if count > MAX_QUESTIONS:
            raise ValidationError(
                {
                    "questions": ngettext(
                        "A quick poll can have at most four questions. You have %(count)d: remove %(extra)d.",
                        "A quick poll can have at most four questions. You have %(count)d: remove %(extra)d.",
                        count - MAX_QUESTIONS,
                    )
                    % {"count": count, "extra": count - MAX_QUESTIONS}
                }
            )

    @property
    def is_open(self):
        return not self.closed and (self.closes_at is None or timezone.now() < self.closes_at)

    def question_list(self):
        """[(block_id, value)] in order."""
        return [(block.id, block.value) for block in self.questions]

    def responses(self):
        return PollResponse.objects.filter(poll__translation_key=self.translation_key)

    @property
    def cookie_name(self):
        return f"kuulu_poll_{self.translation_key.hex[:16]}"


class AnonymousAnswer(models.Model):
    """What poll responses and event feedback keep besides the answers: the language the form was
    in and the day (not the time) it was sent, never who sent it."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online form")
        KIOSK = "kiosk", _("Kiosk")
        PAPER = "paper", _("Paper, typed in by staff")

    language = models.CharField(_("language"), max_length=8)
    submitted_on = models.DateField(_("answered on"), default=timezone.localdate)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)

    class Meta:
        abstract = True


class PollResponse(AnonymousAnswer):
    poll = models.ForeignKey(Poll, verbose_name=_("poll"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")


class PollAnswer(models.Model):
    response = models.ForeignKey(PollResponse, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=64)  # the StreamField block id, same in every language
    choice = models.PositiveSmallIntegerField(null=True, blank=True)  # option index, or 1–5 on a scale
    text = models.CharField(max_length=TEXT_ANSWER_MAX, blank=True)

    class Meta:
        indexes = [models.Index(fields=["question_id"])]


class EventFeedbackQuestions(TranslatableMixin, models.Model):
    """The wording of the standard three-question survey, one per language (translate it)."""

    rating_question = models.CharField(_("rating question (1–5)"), max_length=200)
    good_question = models.CharField(_("first open question"), max_length=200)
    develop_question = models.CharField(_("second open question"), max_length=200)

    panels = [FieldPanel("rating_question"), FieldPanel("good_question"), FieldPanel("develop_question")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event feedback questions")
        verbose_name_plural = _("event feedback questions")

    def __str__(self):
        return self.rating_question

    @classmethod
    def for_language(cls, locale):
        """The questions in `locale`, else the built-in defaults in the active language."""
        found = cls.objects.filter(locale=locale).order_by("pk").first()
        return found or cls(
            rating_question=_("How well did the event work for you?"),
            good_question=_("What was good?"),
            develop_question=_("What should we develop?"),
        )


@register_setting(icon="comment")
class FeedbackSettings(RememberedSiteSetting, BaseSiteSetting):
    feedback_open_days = models.PositiveSmallIntegerField(
        _("event feedback stays open (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Feedback opens when an event starts and closes this many days after it ends."),
    )

    panels = [FieldPanel("feedback_open_days")]

    class Meta:
        verbose_name = _("feedback settings")


def feedback_window(event, site=None, request=None):
    """(opens, closes), aware datetimes: feedback opens when the event starts and closes some
    days after it ends (the event's `feedback_open_days`, else the site's `FeedbackSettings`).

    With `request`, the request's site and its settings are read once per request (Wagtail's
    `Site.find_for_request` and `for_request` keep them on the request), not queried for every
    event a page shows; else `site`, else the default site."""
    days = event.feedback_open_days
    if not days:
        if request is not None and Site.find_for_request(request) is not None:
            days = FeedbackSettings.for_request(request).feedback_open_days
        else:
            site = site or Site.objects.filter(is_default_site=True).first()
            days = FeedbackSettings.for_site(site).feedback_open_days if site else 14
    return event.start, event.end + timedelta(days=days)


def feedback_is_open(event, site=None, request=None, window=None):
    """Whether `event` takes feedback now: not cancelled, and inside its `feedback_window`
    (`window` when the caller has it already; `site` and `request` as for feedback_window)."""
    if event.status == event.Status.CANCELLED:
        return False
    opens, closes = window or feedback_window(event, site, request)
    return opens <= timezone.now() < closes


class EventFeedback(AnonymousAnswer):
    event = models.ForeignKey(
        "participation_pages.EventPage", verbose_name=_("event"), on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    good = models.CharField(_("what was good"), max_length=TEXT_ANSWER_MAX, blank=True)
    develop = models.CharField(_("what to develop"), max_length=TEXT_ANSWER_MAX, blank=True)

    class Meta:
        verbose_name = _("event feedback")
        verbose_name_plural = _("event feedback")


class Idea(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        FORWARDED = "forwarded", _("Forwarded")
        ANSWERED = "answered", _("Answered")

    text = models.TextField(_("idea"), max_length=IDEA_MAX)
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    page = optional_reference(Page, _("left on page"))
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    staff_note = models.TextField(_("note for staff"), blank=True)
    Channel = AnonymousAnswer.Channel  # online, or a pop-up's kiosk (feedback.kiosk)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    contact_erased_at = models.DateTimeField(_("contact details deleted"), null=True, blank=True)

    panels = [
        FieldPanel("text", read_only=True),
        FieldRowPanel([FieldPanel("name", read_only=True), FieldPanel("email", read_only=True)]),
        FieldRowPanel([FieldPanel("page", read_only=True), FieldPanel("channel", read_only=True)]),
        FieldPanel("status"),
        FieldPanel("staff_note"),
    ]

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]


class PollPage(HookRoutesMixin, Page):
    """A page of its own for one poll: for pop-ups, posters and QR codes. Served by
    `feedback.views.poll_page` (hook `kuulu_poll_page_routes`)."""

    routes_hook = "kuulu_poll_page_routes"

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    poll = models.ForeignKey(Poll, verbose_name=_("poll"), on_delete=models.PROTECT, related_name="+")

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("poll")]
    subpage_types = []

    class Meta:
        verbose_name = _("quick poll page")
        verbose_name_plural = _("quick poll pages")

    @property
    def shows_participation_symbol(self):
        return self.poll.is_open


class EventHeadcount(models.Model):
    """How many people attended an event, counted by staff (drop-in events have no sign-ups to
    count). The feedback report's response rate divides by it when it is given."""

    event = models.OneToOneField(
        "participation_pages.EventPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("event")
    )
    attendees = models.PositiveIntegerField(_("attendees (headcount)"))

    class Meta:
        verbose_name = _("attendee headcount")
