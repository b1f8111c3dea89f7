"""The sign-up settings every event page stores: whether residents can sign up, when, how many
seats and waiting-list places, reminders, alerts and how long sign-ups are kept.

They are columns of the event page (synchronised to its translations), so they live here; the
`registrations` app owns the sign-ups themselves and adds the *Sign-up* tab to the event editor
through the `kuulu_event_edit_tabs` hook (see `participation_pages.extensions`).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail_localize.fields import SynchronizedField

MAX_REMINDER_HOURS = 24 * 14


class SignUpSettings(models.Model):
    """The sign-up settings an event page stores (EventPage inherits them)."""

    registration_enabled = models.BooleanField(_("residents can sign up"), default=False)
    registration_opens_at = models.DateTimeField(
        _("sign-up opens"),
        null=True,
        blank=True,
        help_text=_("Empty: open as soon as the page is published."),
    )
    registration_closes_at = models.DateTimeField(
        _("sign-up closes"), null=True, blank=True, help_text=_("Empty: open until the event starts.")
    )
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Empty: no limit."))
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

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        if not self.registration_enabled or self.status == "EventCancelled" or self.start <= now:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)
