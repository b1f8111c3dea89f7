"""Subscriptions without an account, the deliveries of each mailing, and composed newsletters.

A `Subscription` is one e-mail address with its choices, stored as the language-independent
slugs the calendar's filters use (areas, themes, event formats), the content kinds and the named
lists (a `NewsletterArchivePage`'s `list_slug`, e.g. "associations"). It receives nothing but the
confirmation until `confirmed_at` is set (double opt-in). Its `token` (256 bits,
`secrets.token_urlsafe`) is the secret of the preferences, confirmation and unsubscribe links.

A `Mailing` is one digest run or one send of a composed newsletter; it has one `Delivery` per
recipient (unique per mailing, so a recipient never gets the same mailing twice), in numbered
batches that tasks send (`newsletters.sending`).
"""

import secrets

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail_localize.fields import SynchronizedField

from home.blocks import RICH_TEXT_FEATURES


def new_token():
    """A 256-bit URL-safe secret (43 characters)."""
    return secrets.token_urlsafe(32)


class ContentKind(models.TextChoices):
    EVENTS = "events", _("New events")
    PARTICIPATION = "participation", _("Open topics, polls and panels")
    FOLLOW_UPS = "follow_ups", _("Follow-up reports")
    NEWS = "news", _("News")


class Subscription(models.Model):
    """One address and what it wants. Empty `areas`, `themes` or `formats` mean "all"; empty
    `kinds` means every kind. Consent: `consent_source` (the form: "home", "calendar", "topic",
    "preferences", "admin"), `consent_language` and `created_at`; `confirmed_at` records the
    confirmation (GDPR art. 7(1): the controller must be able to show consent)."""

    email = models.EmailField(_("e-mail"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    areas = models.JSONField(_("areas"), default=list, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    formats = models.JSONField(_("event formats"), default=list, blank=True)
    kinds = models.JSONField(_("content kinds"), default=list, blank=True)
    lists = models.JSONField(_("newsletters"), default=list, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("subscribed"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True, db_index=True)
    consent_source = models.CharField(_("form"), max_length=20, blank=True)
    consent_language = models.CharField(max_length=8, blank=True)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)
    hard_bounces = models.PositiveSmallIntegerField(default=0)
    deactivated_at = models.DateTimeField(_("deactivated"), null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        permissions = [("manage_newsletters", "Can send newsletters and see subscribers")]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.deactivated_at is None


class Mailing(models.Model):
    """One digest run or one send of a newsletter page."""

    class Kind(models.TextChoices):
        DIGEST = "digest", _("Digest")
        NEWSLETTER = "newsletter", _("Newsletter")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    newsletter = models.ForeignKey(
        "newsletters.NewsletterPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    period_start = models.DateTimeField(null=True, blank=True)
    paused = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class Delivery(models.Model):
    """One message of a mailing to one subscriber: its state, attempts and the SMTP reply code
    of a failure. `items` are the `[kind, default-language page id]` pairs a digest lists
    (chosen when the run was built, so a retry sends the same message)."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    mailing = models.ForeignKey(Mailing, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, null=True, on_delete=models.SET_NULL, related_name="+")
    batch = models.PositiveIntegerField(default=0)
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    items = models.JSONField(default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    smtp_code = models.PositiveSmallIntegerField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailing", "subscription"], name="one_delivery_per_recipient")
        ]
        indexes = [models.Index(fields=["mailing", "batch", "state"])]


class NewsletterArchivePage(Page):
    """A named list (`list_slug`, the same in every language, e.g. "associations") and the
    public archive of its published newsletters (children)."""

    introduction = models.TextField(_("introduction"), blank=True)
    list_slug = models.SlugField(
        _("list"), max_length=50, help_text=_("The same in every language, e.g. “associations”.")
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("list_slug")]
    override_translatable_fields = [SynchronizedField("list_slug")]
    subpage_types = ["newsletters.NewsletterPage"]

    class Meta:
        verbose_name = _("newsletter archive")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["issues"] = (
            NewsletterPage.objects.child_of(self).live().public().order_by("-first_published_at")
        )
        return context


class PickedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(
            page_type=[
                "participation_pages.EventPage",
                "participation_pages.ParticipationTopicPage",
                "panels.ResidentPanelPage",
                "directory.ArticlePage",
                "directory.PracticeModelPage",
            ]
        ),
        label=_("Pages"),
    )

    class Meta:
        icon = "list-ul"
        label = _("Events, topics, panels, news or practice models")


class NewsletterImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(label=_("Alternative text"), max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")


class NewsletterPage(Page):
    """One issue of a newsletter: text, images and picked pages. Staff preview it in the admin
    and as a test e-mail, then send it to the archive's list (Newsletters in the admin menu)."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)),
            ("image", NewsletterImageBlock()),
            ("pages", PickedPagesBlock()),
        ],
        verbose_name=_("body"),
        blank=True,
    )
    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["newsletters.NewsletterArchivePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("newsletter")


@register_setting(icon="mail")
class NewsletterSettings(BaseGenericSetting):
    """The city's choices for digests and sending (Settings → Newsletter settings)."""

    digest_days = models.PositiveSmallIntegerField(
        _("days between digests"),
        default=7,
        validators=[MinValueValidator(1)],
        help_text=_("Each subscriber gets at most one digest in this many days (7: weekly)."),
    )
    batch_size = models.PositiveSmallIntegerField(
        _("messages per batch"), default=100, validators=[MinValueValidator(1)]
    )
    batches_per_minute = models.PositiveSmallIntegerField(
        _("batches per minute"),
        default=10,
        validators=[MinValueValidator(1)],
        help_text=_("The sending rate: batches are spread out so the mail server is not flooded."),
    )
    bounce_limit = models.PositiveSmallIntegerField(
        _("permanent failures before an address is deactivated"), default=3, validators=[MinValueValidator(1)]
    )
    inactive_months = models.PositiveSmallIntegerField(
        _("months before an inactive subscription is deleted"),
        default=24,
        validators=[MinValueValidator(1)],
        help_text=_("Deactivated subscriptions are deleted after this time; state it in the privacy notice."),
    )

    class Meta:
        verbose_name = _("newsletter settings")


class FollowUpSeen(models.Model):
    """When the digest first found an event's follow-up report public (`EventPage.shows_follow_up`
    on the live default-language page). A follow-up is *new* from this moment, not from its
    publication date: an editor who publishes a follow-up dated today after the day's digests,
    or dated back to the evening itself, would otherwise have it fall before every subscriber's
    last digest and never be announced. Written by `newsletters.digest.note_follow_ups`."""

    event = models.OneToOneField(
        "participation_pages.EventPage", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    seen_at = models.DateTimeField(db_index=True)
