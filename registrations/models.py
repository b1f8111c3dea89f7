"""Sign-ups for events.

Registrations, seat counts and the questions' answers always belong to the event page in the
default language (`source_event()`), so a Swedish and a Finnish resident compete for the same
seats. The settings are synchronised to translations by wagtail-localize like other non-text
fields; the questions are translatable child rows whose `clean_name` is synchronised, so an
answer given in any language lands in the same column.
"""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

MAX_REMINDER_HOURS = 24 * 14


def new_token():
    return secrets.token_urlsafe(32)


class RegistrationSettings(models.Model):
    """Sign-up settings an event page inherits (see participation_pages.EventPage)."""

    registration_enabled = models.BooleanField(_("residents can sign up"), default=False)
    registration_opens_at = models.DateTimeField(
        _("sign-up opens"), null=True, blank=True, help_text=_("Empty: open as soon as the page is published.")
    )
    registration_closes_at = models.DateTimeField(
        _("sign-up closes"), null=True, blank=True, help_text=_("Empty: open until the event starts.")
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    waitlist_capacity = models.PositiveIntegerField(
        _("places on the waiting list"),
        null=True,
        blank=True,
        help_text=_("Empty: no limit. 0: no waiting list."),
    )
    max_group_size = models.PositiveSmallIntegerField(
        _("largest group"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many people one person can sign up at once (themselves included)."),
    )
    reminder_enabled = models.BooleanField(_("send a reminder"), default=True)
    reminder_hours_before = models.PositiveSmallIntegerField(
        _("reminder hours before the start"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_REMINDER_HOURS)],
    )
    retention_days = models.PositiveSmallIntegerField(
        _("keep sign-ups for (days after the event)"),
        default=30,
        validators=[MaxValueValidator(365)],
        help_text=_("Names and contact details are then deleted; the counts stay."),
    )
    registration_alert_email = models.EmailField(
        _("organiser's e-mail for alerts"),
        blank=True,
        help_text=_("Told when the event is 80 % and 100 % full. Empty: the contact person's e-mail."),
    )

    registration_panels = [
        FieldPanel("registration_enabled"),
        FieldRowPanel([FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_capacity"), FieldPanel("max_group_size")]),
        MultiFieldPanel(
            [
                FieldPanel("reminder_enabled"),
                FieldPanel("reminder_hours_before"),
                FieldPanel("registration_alert_email"),
                FieldPanel("retention_days"),
            ],
            heading=_("Reminder, alerts and personal data"),
        ),
        InlinePanel("registration_questions", label=_("Extra question"), heading=_("Extra questions")),
    ]
    panels_heading = _("Sign-up")
    override_translatable_fields = [SynchronizedField("registration_alert_email")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Sign-up must close after it opens.")
        if self.registration_enabled and self.capacity == 0:
            errors["capacity"] = _("Give at least one seat, or leave the field empty for no limit.")
        if errors:
            raise ValidationError(errors)

    def source_event(self):
        """The default-language page that owns the registrations."""
        default = Locale.get_default()
        if self.locale_id == default.id:
            return self
        return type(self).objects.filter(translation_key=self.translation_key, locale=default).first() or self

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if not self.registration_enabled or self.status == "EventCancelled" or self.start <= now:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)


class RegistrationQuestion(TranslatableMixin, AbstractFormField):
    """An extra question on an event's sign-up form, built with Wagtail's form builder."""

    page = ParentalKey(
        "participation_pages.EventPage", related_name="registration_questions", on_delete=models.CASCADE
    )
    override_translatable_fields = [SynchronizedField("clean_name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("sign-up question")
        verbose_name_plural = _("sign-up questions")
        ordering = ["sort_order"]


class EventSeats(models.Model):
    """One row per event, locked (SELECT … FOR UPDATE) while seats are counted and changed."""

    event = models.OneToOneField(
        "participation_pages.EventPage", on_delete=models.CASCADE, related_name="seat_lock"
    )
    alert_80_sent_at = models.DateTimeField(null=True, blank=True)
    alert_100_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("seat lock")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("pk")

    def seats(self):
        return self.aggregate(total=models.Sum("group_size"))["total"] or 0


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online form")
        STAFF = "staff", _("Added by staff")

    event = models.ForeignKey(
        "participation_pages.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    group_size = models.PositiveSmallIntegerField(_("people"), default=1)
    language = models.CharField(_("language"), max_length=10, default="fi")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    consent = models.BooleanField(_("agreed to the privacy notice"), default=False)
    follow_up_opt_in = models.BooleanField(_("wants the follow-up report"), default=False)
    attended = models.BooleanField(_("attended"), default=False)
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    event_cancelled_notice_sent_at = models.DateTimeField(null=True, blank=True)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        ordering = ["pk"]
        permissions = [("manage_registrations", _("Can see, export and manage event sign-ups"))]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled") & ~models.Q(email=""),
                name="registrations_one_active_per_email",
            )
        ]
        indexes = [models.Index(fields=["event", "status"]), models.Index(fields=["email"])]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    def waitlist_position(self):
        if self.status != self.Status.WAITLISTED:
            return None
        return Registration.objects.filter(
            event_id=self.event_id, status=self.Status.WAITLISTED, pk__lte=self.pk
        ).count()
