"""Sign-ups for events.

Registrations, seat counts and the questions' answers always belong to the event page in the
default language (`home.i18n.default_translation`), so a Swedish and a Finnish resident compete for the same
seats. The settings are fields of the event page (`participation_pages.signup_settings`),
synchronised to translations by wagtail-localize like other non-text fields; the questions are translatable child rows whose `clean_name` is synchronised, so an
answer given in any language lands in the same column.
"""

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractFormField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from home.fields import TranslatableLinesField


def new_token():
    return secrets.token_urlsafe(32)


class RegistrationQuestion(TranslatableMixin, AbstractFormField):
    """An extra question on an event's sign-up form, built with Wagtail's form builder.

    `choices` and `default_value` hold one item a line and are translated item by item
    (`home.fields.TranslatableLinesField`), so a translated question has the same options in
    the same order. An answer to a choice question is stored as the option's key
    (`registrations.forms.option_key` of the option in the event's default language), whatever
    language the form was in."""

    page = ParentalKey(
        "participation_pages.EventPage", related_name="registration_questions", on_delete=models.CASCADE
    )
    choices = TranslatableLinesField(
        verbose_name=_("choices"),
        blank=True,
        help_text=_("One option a line. Only for checkboxes, radio buttons and drop-down lists."),
    )
    default_value = TranslatableLinesField(
        verbose_name=_("default value"),
        blank=True,
        help_text=_("For checkboxes, one option a line."),
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
    # What people signed up were last told about the event (`services.announced_details`), and how
    # many change notices have gone out; a publish that changes the details adds one.
    announced_details = models.JSONField(default=dict, blank=True)
    change_number = models.PositiveIntegerField(default=0)

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
        CANCELLED = "cancelled", pgettext_lazy("sign-up", "Cancelled")

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
    group_size = models.PositiveSmallIntegerField(_("number of people"), default=1)
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
    feedback_invitation_sent_at = models.DateTimeField(null=True, blank=True)
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


class StaffMessage(models.Model):
    """A message staff sent to the people signed up for an event (the log: who, when, how many)."""

    class Recipients(models.TextChoices):
        ALL = "all", _("Everyone confirmed or waiting")
        CONFIRMED = "confirmed", _("Only confirmed participants")
        WAITLISTED = "waitlisted", _("Only the waiting list")

    event = models.ForeignKey(
        "participation_pages.EventPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("event")
    )
    recipients = models.CharField(_("recipients"), max_length=12, choices=Recipients.choices)
    subject = models.CharField(_("subject"), max_length=150)
    body = models.TextField(_("message"), max_length=5000)
    sent_by = models.CharField(_("sent by"), max_length=150)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("message to sign-ups")
        ordering = ["-sent_at"]

    def registrations(self):
        """The active sign-ups with an e-mail address this message is for."""
        rows = (
            Registration.objects.filter(event=self.event, anonymised_at__isnull=True)
            .active()
            .exclude(email="")
        )
        if self.recipients != self.Recipients.ALL:
            rows = rows.filter(status=self.recipients)
        return rows
