"""Issue 13: the fair waiting list as a stated rule, and seats never lowered below those taken.

The rule (README "Sign-ups", `registrations.services`): strict order. While anyone is waiting, a
newcomer joins the end of the queue; whenever seats free up or the queue's head changes, people
are promoted from the head for as long as the head's group fits."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from wagtail.test.utils.form_data import inline_formset

from participation_pages.models import EventPage
from registrations import services
from registrations.models import Registration
from tests.fixtures_registrations import signup
from tests.test_events_pages import _admin_form

S = Registration.Status


def _statuses(event):
    return {r.name: r.status for r in Registration.objects.filter(event=event)}


def test_fanni_is_promoted_when_the_group_ahead_leaves_the_queue(signup_event):
    """The case from the issue: 3 seats, a group of 3 first in the queue, Fanni (1) second."""
    event = signup_event(capacity=3, max_group_size=3, questions=False)
    seated = [signup(event, f"s{i}@example.org", name=f"Seated {i}") for i in range(3)]
    group = signup(event, "group@example.org", name="Group", group_size=3)
    fanni = signup(event, "fanni@example.org", name="Fanni")
    assert (group.status, fanni.status) == (S.WAITLISTED, S.WAITLISTED)
    services.cancel(seated[0])  # one seat free: the group of 3 at the head does not fit
    assert _statuses(event)["Fanni"] == S.WAITLISTED  # nobody jumps the head of the queue
    # A newcomer does not take the free seat while people are waiting.
    newcomer = signup(event, "new@example.org", name="Newcomer")
    assert newcomer.status == S.WAITLISTED
    # The group leaves the queue: Fanni is now at its head and fits.
    assert [r.name for r in services.cancel(group)] == ["Fanni"]
    statuses = _statuses(event)
    assert (statuses["Fanni"], statuses["Newcomer"]) == (S.CONFIRMED, S.WAITLISTED)
    assert Registration.objects.get(name="Newcomer").waitlist_position() == 1


def test_a_smaller_group_at_the_head_is_promoted(signup_event):
    event = signup_event(capacity=2, max_group_size=3, questions=False)
    first = signup(event, "a@example.org", name="A")
    signup(event, "b@example.org", name="B")
    group = signup(event, "g@example.org", name="G", group_size=3)
    services.cancel(first)
    assert _statuses(event)["G"] == S.WAITLISTED
    assert [r.name for r in services.change_group_size(group, 1)] == ["G"]


def test_a_confirmed_group_cannot_grow_past_people_waiting(signup_event):
    event = signup_event(capacity=3, max_group_size=3, questions=False)
    first = signup(event, "a@example.org", name="A", group_size=2)
    signup(event, "b@example.org", name="B", group_size=2)  # waits: 1 seat left
    try:
        services.change_group_size(first, 3)
    except services.SignupError as error:
        assert error.code == "no_seats"
    else:
        raise AssertionError("a confirmed group grew over the head of the queue")


def test_more_seats_promote_from_the_head_in_order(signup_event):
    event = signup_event(capacity=1, questions=False)
    for name in ("A", "B", "C", "D"):
        signup(event, f"{name}@example.org", name=name)
    event.capacity = 3
    event.save_revision().publish()
    statuses = _statuses(event)
    assert [statuses[n] for n in "ABCD"] == [S.CONFIRMED, S.CONFIRMED, S.CONFIRMED, S.WAITLISTED]


def _edit(admin_client, event, event_refs, capacity):
    data = _admin_form(
        None,
        event_refs,
        title=event.title,
        slug=event.slug,
        start=timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M"),
        end=timezone.localtime(event.end).strftime("%Y-%m-%d %H:%M"),
        registration_enabled="on",
        capacity=str(capacity),
        registration_questions=inline_formset([]),
        **{"action-publish": "1"},
    )
    return admin_client.post(reverse("wagtailadmin_pages:edit", args=[event.pk]), data)


def test_seats_cannot_be_lowered_below_those_taken(admin_client, signup_event, event_refs):
    event = signup_event(capacity=5, questions=False)
    for i in range(4):
        signup(event, f"p{i}@example.org")
    response = _edit(admin_client, event, event_refs, 2)
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 paikkaa on varattu; jotta paikkoja olisi 2, peru ensin 2 henkilön ilmoittautumiset." in html
    event.refresh_from_db()
    assert event.capacity == 5
    # Down to exactly the seats taken is fine.
    assert _edit(admin_client, event, event_refs, 4).status_code == 302
    event.refresh_from_db()
    assert event.capacity == 4 and Registration.objects.confirmed().count() == 4


# --- The rule as a state machine -----------------------------------------------------------------

MAX_GROUP = 3


class WaitingListMachine(RuleBasedStateMachine):
    """Sign up / cancel / leave the queue / change seats / change a group, in any order; after
    every step: confirmed seats ≤ seats, the head of the queue does not fit, the queue keeps its
    order, nobody was confirmed past someone waiting ahead of them, and the seat figures the site
    shows (`services.availability`) are those of the rows.

    Each sequence runs in a savepoint that its teardown rolls back, so the next one starts from
    the event with no sign-ups without deleting rows; the rows are read once after each step
    and the invariants check what was read."""

    event = None  # set by the test
    runs = 0  # sequences started, counted so the test can show it ran the examples it claims

    @initialize(capacity=st.integers(min_value=1, max_value=6))
    def start(self, capacity):
        WaitingListMachine.runs += 1
        self.savepoint = transaction.savepoint()
        assert not Registration.objects.filter(event=self.event).exists()
        EventPage.objects.filter(pk=self.event.pk).update(capacity=capacity)
        self.event.capacity = capacity
        self.count = 0
        self.step = 0
        self.snapshot = {}
        self._after()

    def teardown(self):
        transaction.savepoint_rollback(self.savepoint)

    def _rows(self):
        return list(Registration.objects.filter(event=self.event).active().order_by("pk"))

    def _after(self):
        """Read the rows; check that everyone newly confirmed was ahead of all who were already
        waiting, and that the site's seat figures are those of the rows."""
        self.step += 1
        rows = self._rows()
        before = self.snapshot
        newly_confirmed = [r for r in rows if r.status == S.CONFIRMED and before.get(r.pk) != S.CONFIRMED]
        still_waiting = [r for r in rows if r.status == S.WAITLISTED and before.get(r.pk) == S.WAITLISTED]
        for confirmed in newly_confirmed:
            for waiting in still_waiting:
                assert confirmed.pk < waiting.pk, (
                    f"{confirmed.name} was confirmed while {waiting.name}, ahead of them, waited"
                )
        self.snapshot = {r.pk: r.status for r in rows}
        self.rows = rows
        self.confirmed_seats = sum(r.group_size for r in rows if r.status == S.CONFIRMED)
        self.queue = [r for r in rows if r.status == S.WAITLISTED]  # in order (pk)
        self.figures = services.availability(self.event)
        assert (
            self.figures.confirmed_seats,
            self.figures.waitlisted_seats,
            self.figures.waitlisted_count,
        ) == (self.confirmed_seats, sum(r.group_size for r in self.queue), len(self.queue))

    @rule(size=st.integers(min_value=1, max_value=MAX_GROUP))
    def sign_up(self, size):
        self.count += 1
        services.sign_up(
            self.event,
            name=f"P{self.count}",
            email=f"p{self.count}@example.org",
            group_size=size,
            check_open=False,
            notify=False,
        )
        self._after()

    def _pick(self, status, data):
        rows = [r for r in self.rows if r.status == status]
        return data.draw(st.sampled_from(rows)) if rows else None

    @rule(data=st.data())
    def cancel(self, data):
        if registration := self._pick(S.CONFIRMED, data):
            services.cancel(registration)
        self._after()

    @rule(data=st.data())
    def leave_the_queue(self, data):
        if registration := self._pick(S.WAITLISTED, data):
            services.cancel(registration)
        self._after()

    @rule(change=st.integers(min_value=-3, max_value=3))
    def change_seats(self, change):
        taken = self.confirmed_seats
        capacity = max(1, self.event.capacity + change)
        if services.capacity_error(self.event, capacity):
            assert capacity < taken
            return self._after()
        EventPage.objects.filter(pk=self.event.pk).update(capacity=capacity)
        self.event.capacity = capacity
        services.promote_waitlist(self.event)
        self._after()

    @rule(data=st.data(), size=st.integers(min_value=1, max_value=MAX_GROUP))
    def change_group(self, data, size):
        if self.rows:
            registration = data.draw(st.sampled_from(self.rows))
            try:
                services.change_group_size(registration, size)
            except services.SignupError as error:
                assert error.code == "no_seats"
        self._after()

    @invariant()
    def seats_are_never_overbooked(self):
        assert self.confirmed_seats <= self.event.capacity

    @invariant()
    def the_head_of_the_queue_does_not_fit(self):
        if self.queue:
            assert self.queue[0].group_size > self.figures.seats_left, "someone waits although they fit"


def test_waiting_list_rule_holds_in_every_order(signup_event):
    """≥ 500 sequences of steps (HYPOTHESIS_PROFILE is not needed: the count is fixed here)."""
    WaitingListMachine.event = signup_event(capacity=3, max_group_size=MAX_GROUP, questions=False)
    WaitingListMachine.runs = 0
    run_state_machine_as_test(
        WaitingListMachine,
        settings=settings(
            max_examples=500,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    assert WaitingListMachine.runs >= 500


def test_while_people_wait_listings_and_the_form_offer_the_waiting_list(client, signup_event):
    """A free seat the head of the queue does not fit is not offered to newcomers."""
    event = signup_event(capacity=3, max_group_size=3, questions=False, title="Jonoilta")
    signup(event, "a@example.org", name="A")
    signup(event, "b@example.org", name="B")
    signup(event, "g@example.org", name="G", group_size=3)  # waits: 1 seat free
    page = client.get(event.url).content.decode()
    assert "Ilmoittaudu jonoon" in page and "1 paikka jäljellä" not in page
    listing = client.get(event.get_parent().url + "upcoming/").content.decode()
    assert "Jonoon mahtuu" in listing and "paikka jäljellä" not in listing


def test_a_group_made_smaller_through_its_link_gives_the_seat_to_the_head_of_the_queue(client, signup_event):
    """Issue 13: a group size change is one of the changes the rule runs on, and the person can
    make it behind their secret link; a larger group only into seats nobody waits for."""
    event = signup_event(capacity=3, max_group_size=3, questions=False)
    family = signup(event, "perhe@example.org", name="Perhe", group_size=3, notify=False)
    fanni = signup(event, "fanni@example.org", name="Fanni", notify=False)
    url = reverse("registrations:manage", args=[family.token])
    page = client.get(url).content.decode()
    assert 'name="group_size"' in page and 'value="3"' in page
    response = client.post(reverse("registrations:group_size", args=[family.token]), {"group_size": "2"})
    assert response.status_code == 302 and response["Location"] == url + "?changed=1"
    assert "Henkilömäärä muutettiin." in client.get(response["Location"]).content.decode()
    assert _statuses(event) == {"Perhe": S.CONFIRMED, "Fanni": S.CONFIRMED}
    assert Registration.objects.get(pk=fanni.pk).status == S.CONFIRMED

    # Back to three: no free seat. The error summary, and the number typed is kept.
    refused = client.post(reverse("registrations:group_size", args=[family.token]), {"group_size": "3"})
    html = refused.content.decode()
    assert refused.status_code == 400 and 'id="error-summary"' in html
    assert "Vapaita paikkoja ei ole tarpeeksi isommalle ryhmälle." in html and 'value="3"' in html
    too_many = client.post(reverse("registrations:group_size", args=[family.token]), {"group_size": "4"})
    assert (
        too_many.status_code == 400
        and "Voit ilmoittaa kerralla enintään 3 henkilöä." in too_many.content.decode()
    )
    for bad in ("", "0", "-1", "kolme", "1e30", "9" * 40):
        response = client.post(reverse("registrations:group_size", args=[family.token]), {"group_size": bad})
        assert response.status_code == 400 and 'id="error-summary"' in response.content.decode(), bad
    assert Registration.objects.get(pk=family.pk).group_size == 2


def test_a_scheduled_revision_with_fewer_seats_goes_live_with_the_seats_taken(admin_client, signup_event):
    """Seats never below those taken, also when the editor's check ran before the sign-ups came:
    a revision scheduled with 2 seats while nobody had signed up goes live after 4 have."""
    from datetime import timedelta

    import time_machine
    from django.core.management import call_command

    event = signup_event(capacity=5, questions=False)
    go_live = timezone.now() + timedelta(hours=1)
    scheduled = EventPage.objects.get(pk=event.pk)
    scheduled.capacity = 2
    scheduled.go_live_at = go_live
    scheduled.save_revision(approved_go_live_at=go_live)
    for i in range(4):
        signup(event, f"p{i}@example.org", notify=False)
    with time_machine.travel(go_live + timedelta(minutes=1)):
        call_command("publish_scheduled")
    event.refresh_from_db()
    assert event.capacity == 4
    assert Registration.objects.filter(event=event).confirmed().seats() == 4
    html = admin_client.get(reverse("registrations_admin:event", args=[event.pk])).content.decode()
    assert 'id="count-capacity">4<' in html and 'id="count-free">0<' in html
