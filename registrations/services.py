"""Seat counting, sign-up, cancellation and waiting-list promotion.

Every change to an event's seats happens inside one `transaction.atomic()` that first locks the
event's `EventSeats` row with SELECT … FOR UPDATE (PostgreSQL). Sign-ups for the same event then
queue at that row, count the seats and insert one after another, so the event is never overbooked
and the waiting list is in the order people got the lock (their primary keys). SQLite ignores
FOR UPDATE, but Kuulu opens SQLite transactions as IMMEDIATE (settings), so every writer takes the
database's write lock at BEGIN and the same code runs serially there.

**The waiting-list rule** (strict order, README "Sign-ups"): while anyone is waiting, a newcomer
joins the end of the queue even if their group would fit the free seats; whenever seats free up or
the queue's head changes (a cancellation, someone leaving the queue, more seats, a group made
smaller or larger, staff removing a sign-up), people are promoted from the head for as long as the
head's group fits the free seats. A group that does not fit is never jumped over. `_settle()` is
the one place that applies it, always under the seat lock.

E-mails are queued with `home.emails.queue`, which sends them only after the commit.
"""

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home import emails
from home.i18n import default_translation
from home.personal_data import normalise_email
from participation_pages.schedule import changed as schedule_changed
from participation_pages.schedule import details as schedule_details
from registrations.models import EventSeats, Registration

ALERT_LEVELS = (80, 100)


logger = logging.getLogger(__name__)

FULL_MESSAGE = _("The event is full and so is its waiting list.")


class SignupError(Exception):
    """A sign-up that cannot be taken; `field` says which form field it concerns (or None)."""

    def __init__(self, message, field=None, code=""):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


@dataclass
class Availability:
    capacity: int | None
    confirmed_seats: int
    waitlist_capacity: int | None
    waitlisted_seats: int
    waitlisted_count: int
    email_signed_up: bool = False

    @property
    def seats_left(self):
        if self.capacity is None:
            return None
        return max(0, self.capacity - self.confirmed_seats)

    @property
    def open_seats(self):
        """Seats a newcomer can take now: none while anyone is waiting (the waiting-list rule);
        None when there is no limit."""
        if self.capacity is None:
            return None
        return 0 if self.waitlisted_seats else self.seats_left

    def fits(self, group_size):
        return self.capacity is None or group_size <= self.seats_left

    def waitlist_fits(self, group_size):
        if self.waitlist_capacity is None:
            return True
        return self.waitlisted_seats + group_size <= self.waitlist_capacity

    def newcomer_status(self, group_size):
        """What a new sign-up of `group_size` people gets now: CONFIRMED while it fits and nobody
        waits (the waiting-list rule), else WAITLISTED while the waiting list has room, else None
        (refused: full)."""
        if self.fits(group_size) and not self.waitlisted_count:
            return Registration.Status.CONFIRMED
        if self.waitlist_fits(group_size):
            return Registration.Status.WAITLISTED
        return None

    @property
    def is_full(self):
        return self.capacity is not None and self.seats_left == 0

    @property
    def waitlist_open(self):
        return self.waitlist_fits(1)

    @property
    def next_waitlist_position(self):
        return self.waitlisted_count + 1

    @property
    def percent_full(self):
        if not self.capacity:
            return 0
        return 100 * self.confirmed_seats // self.capacity


def availability(event, email=None):
    """Seat figures of a (default-language) event; exact only inside the lock. With `email`
    (normalised), `email_signed_up` also says whether that address has a confirmed or waiting
    sign-up (any case), from the same query."""
    counts = {"confirmed": 0, "waitlisted": 0}
    waitlisted_count = 0
    figures = {"seats": Sum("group_size"), "people": Count("pk")}
    if email:
        figures["same_email"] = Count("pk", filter=Q(email__iexact=email))
    rows = Registration.objects.filter(event=event).active().values("status").annotate(**figures).order_by()
    email_signed_up = False
    for row in rows:
        counts[row["status"]] = row["seats"] or 0
        if row["status"] == Registration.Status.WAITLISTED:
            waitlisted_count = row["people"]
        email_signed_up = email_signed_up or bool(row.get("same_email"))
    return Availability(
        capacity=event.capacity,
        confirmed_seats=counts["confirmed"],
        waitlist_capacity=event.waitlist_capacity,
        waitlisted_seats=counts["waitlisted"],
        waitlisted_count=waitlisted_count,
        email_signed_up=email_signed_up,
    )


def confirmed_seat_counts(events):
    """{event.pk: confirmed seats} for events with sign-ups on, in any language version.

    The feedback report divides its answers by these to give a response rate."""
    events = [event for event in events if event.registration_enabled]
    rows = (
        Registration.objects.confirmed()
        .filter(event__translation_key__in=[event.translation_key for event in events])
        .values("event__translation_key")
        .annotate(seats=Sum("group_size"))
        .order_by()
    )
    seats = {row["event__translation_key"]: row["seats"] for row in rows}
    return {event.pk: seats.get(event.translation_key, 0) for event in events}


def capacity_error(event, capacity):
    """The message refusing `capacity` seats for `event` (any language version) when fewer than
    the seats already confirmed, else None. Kuulu never overbooks: to lower the seats, cancel
    sign-ups first (README "Sign-ups")."""
    if capacity is None or not event.pk:
        return None
    source = default_translation(event)
    if source is None:
        return None
    taken = Registration.objects.filter(event=source).confirmed().seats()
    if capacity >= taken:
        return None
    return ngettext(
        "%(taken)d seat is taken; to lower the seats to %(capacity)d, cancel sign-ups for "
        "%(excess)d people first.",
        "%(taken)d seats are taken; to lower the seats to %(capacity)d, cancel sign-ups for "
        "%(excess)d people first.",
        taken,
    ) % {"taken": taken, "capacity": capacity, "excess": taken - capacity}


# What a change notice is about: the same time, place and status as the iCalendar SEQUENCE counts.
announced_details = schedule_details


def lock_seats(event):
    """Lock the event's seat row for the rest of the current transaction; returns the
    `EventSeats`. One SELECT … FOR UPDATE once the row exists (every sign-up, cancellation and
    promotion takes this lock); the first time it is inserted, and a row this transaction has
    just inserted is its own until the commit. Two first sign-ups at once: the second insert
    waits on the unique event and then reads the first's row, locked."""
    # By id: a row made with `event=event` would be cached on `event` (the one-to-one's reverse
    # side), and the sign-up views pass the instance every request shares (`page_cache.remember`).
    seats, _created = EventSeats.objects.select_for_update().get_or_create(
        event_id=event.pk,
        defaults={"announced_details": lambda: announced_details(event)},  # read on insert only
    )
    return seats


def notify_changes(event):
    """After a publish, or an edit of the event's venue: if the time, place (the venue or its
    address), online link or status of `event` (any language version) differs from what people
    signed up were last told, queue one change notice for each confirmed and waiting person with
    an e-mail address (a cancellation has its own notice, see
    `jobs.notify_event_cancelled`). Returns the number queued; a publish without such a change
    queues none. The comparison and the update happen under the seat lock, so two publishes at
    once announce one change once."""
    event = default_translation(event)
    with transaction.atomic():
        seats = lock_seats(event)
        current = announced_details(event)
        if seats.announced_details == current:
            return 0
        first = not seats.announced_details
        known, seats.announced_details = seats.announced_details, current
        if first or not schedule_changed(known, current):
            # A row from before notices existed, or details stored before a key was counted:
            # nothing announced to correct.
            seats.save(update_fields=["announced_details"])
            return 0
        seats.change_number += 1
        seats.save(update_fields=["announced_details", "change_number"])
        if event.is_cancelled:
            return 0
        due = Registration.objects.filter(event=event, anonymised_at__isnull=True).active().exclude(email="")
        pks = list(due.values_list("pk", flat=True))
        for pk in pks:
            emails.queue("registrations.emails.event_changed_email", pk, seats.change_number)
        return len(pks)


def active_registration(event, email):
    """The confirmed or waiting sign-up of `email` (any case) for `event` (any language), or None."""
    email = normalise_email(email)
    if not email:
        return None
    return Registration.objects.filter(event=default_translation(event), email__iexact=email).active().first()


def sign_up(
    event,
    *,
    name,
    email,
    phone="",
    group_size=1,
    language="fi",
    answers=None,
    consent=True,
    follow_up_opt_in=False,
    channel=Registration.Channel.ONLINE,
    check_open=True,
    notify=True,
):
    """Take a sign-up for `event` (any language version); returns the saved Registration.

    Raises SignupError when the sign-up is closed, the group is too large, the e-mail address
    already has a sign-up or there is no seat and no place on the waiting list."""
    event = default_translation(event)
    email = normalise_email(email)
    if check_open and not event.registration_is_open():
        raise SignupError(_("Sign-up for this event is closed."), code="closed")
    _check_group_size(event, group_size)
    with transaction.atomic():
        seats = lock_seats(event)
        # The seats and whether this address is already signed up, in one query under the lock.
        figures = availability(event, email=email)
        if figures.email_signed_up:
            raise SignupError(
                _(
                    "This e-mail address is already signed up for this event. Check your e-mail for the "
                    "confirmation and its link to change or cancel the sign-up."
                ),
                field="email",
                code="duplicate",
            )
        status = figures.newcomer_status(group_size)
        if status is None:
            raise SignupError(FULL_MESSAGE, code="full")
        registration = Registration.objects.create(
            event=event,
            name=name.strip(),
            email=email,
            phone=phone.strip(),
            group_size=group_size,
            language=language,
            status=status,
            answers=answers or {},
            consent=consent,
            follow_up_opt_in=follow_up_opt_in,
            channel=channel,
        )
        if email and notify:
            if status == Registration.Status.CONFIRMED:
                emails.queue("registrations.emails.confirmation_email", registration.pk)
            else:
                emails.queue("registrations.emails.waitlisted_email", registration.pk)
        if status == Registration.Status.CONFIRMED and notify:
            _alert_organiser(event, seats, figures.confirmed_seats + group_size)
    return registration


def cancel(registration):
    """Cancel a sign-up; a freed seat goes to the waiting list under the same lock.

    Returns the registrations promoted from the waiting list."""
    with transaction.atomic():
        lock_seats(registration.event)
        registration = Registration.objects.get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return []
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        if registration.email:
            emails.queue("registrations.emails.cancellation_email", registration.pk)
        # A freed seat, or a new head of the queue who may fit where the one leaving did not.
        return _settle(registration.event)


def _check_group_size(event, group_size):
    """SignupError (code "group_too_large") unless 1 ≤ `group_size` ≤ the event's largest group."""
    if group_size < 1 or group_size > event.max_group_size:
        raise SignupError(
            _("You can sign up at most %(count)d people at once.") % {"count": event.max_group_size},
            field="group_size",
            code="group_too_large",
        )


def change_group_size(registration, group_size):
    """Change how many people a sign-up is for; returns the registrations promoted.

    A confirmed sign-up may grow only into free seats that nobody is waiting for (else
    SignupError, code "no_seats"); a waiting one keeps its place in the queue with the new size.
    Either way the rule is applied again: a smaller group frees seats, a smaller head may fit."""
    event = registration.event
    _check_group_size(event, group_size)
    with transaction.atomic():
        lock_seats(event)
        registration = Registration.objects.get(pk=registration.pk)
        if not registration.is_active:
            return []
        growth = group_size - registration.group_size
        if registration.status == Registration.Status.CONFIRMED and growth > 0:
            figures = availability(event)
            if figures.waitlisted_count or (figures.seats_left is not None and growth > figures.seats_left):
                raise SignupError(_("There are not enough free seats for a larger group."), code="no_seats")
        registration.group_size = group_size
        registration.save(update_fields=["group_size"])
        return _settle(event)


def keep_seats_for_those_taken(event):
    """After a publish that skipped the editor's check (a scheduled revision going live, a
    publish from code): if the seats of the default-language `event` are below the seats already
    confirmed, raise them to the seats taken, in every language version, under the seat lock.
    Nobody loses a confirmed seat and the event is never shown overbooked (README "Sign-ups").
    Returns the seats it set, or None when nothing changed."""
    from participation_pages.models import EventPage

    event = default_translation(event)
    with transaction.atomic():
        lock_seats(event)
        event.refresh_from_db(fields=["capacity"])
        taken = Registration.objects.filter(event=event).confirmed().seats()
        if event.capacity is None or event.capacity >= taken:
            return None
        EventPage.objects.filter(translation_key=event.translation_key).update(capacity=taken)
        logger.warning(
            "Event %s was published with %s seats but %s are taken: seats set to %s.",
            event.pk,
            event.capacity,
            taken,
            taken,
        )
        event.capacity = taken
        return taken


def promote_waitlist(event):
    """Fill free seats from the waiting list (e.g. after the editor added seats)."""
    event = default_translation(event)
    with transaction.atomic():
        lock_seats(event)
        return _settle(event)


def _settle(event):
    """Apply the waiting-list rule (module docstring): promote from the head of the queue while
    the head's group fits the free seats; returns the promoted registrations. The caller holds
    the seat lock.

    Strictly in order: if the first group does not fit the free seats, nobody behind it jumps
    the queue."""
    event.refresh_from_db(fields=["capacity"])
    figures = availability(event)
    free = figures.seats_left
    promoted = []
    for registration in Registration.objects.filter(event=event).waitlisted():
        if free is not None and registration.group_size > free:
            break
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        if registration.email:
            emails.queue("registrations.emails.promoted_email", registration.pk)
        promoted.append(registration)
        if free is not None:
            free -= registration.group_size
    return promoted


def _alert_organiser(event, seats, confirmed_seats):
    if not event.capacity:
        return
    percent = 100 * confirmed_seats // event.capacity
    due = [
        level
        for level in ALERT_LEVELS
        if percent >= level and getattr(seats, f"alert_{level}_sent_at") is None
    ]
    if not due:
        return
    # One e-mail for the highest level reached: a group filling the event from 70 % gets "full" only.
    fields = [f"alert_{level}_sent_at" for level in due]
    for field in fields:
        setattr(seats, field, timezone.now())
    seats.save(update_fields=fields)
    emails.queue("registrations.emails.organiser_alert_email", event.pk, max(due))
