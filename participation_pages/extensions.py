"""Extension points other apps use to add to event pages without this app knowing them.

Other apps register Wagtail hooks in their `wagtail_hooks.py` (names and signatures are listed
in the README, "Extension points"):

- `kuulu_event_panel` `(request, event) -> HTML or ""`: a section of the event page (sign-up
  form, feedback link…), rendered by `{% event_panels page %}` in hook order;
- `kuulu_event_follow_up` `(request, event) -> HTML or ""`: more of the published follow-up
  report (the feedback summary), rendered by `{% event_follow_up page %}`;
- `kuulu_event_badges` `(events, request) -> {event.id: text}`: short texts for listings
  ("3 seats left"), computed for a whole list at once so listings stay at a fixed number of
  queries; `collect_badges()` gathers them (the calendar's list through
  `participation_pages.listing.months`, templates through `{% event_badges events as badges %}`).
  The calendar's events carry only `listing.LISTED_FIELDS` (among them the sign-up settings and
  `translation_key`): a provider that reads another column costs a query an event, so add it
  there;
- `kuulu_event_routes` `() -> [django.urls.path(...)]`: sub-pages of every event page (e.g.
  `feedback/`); each view is called as `view(event, request, **kwargs)` (see `home.routes`);
- `kuulu_event_edit_tabs` `() -> [ObjectList]`: tabs of the event editor, shown after
  *Follow-up* (e.g. *Sign-up*);
- `kuulu_event_checks` `(event) -> {field name: message}`: more validation of an event an
  editor saves (`EventPageForm.clean()`, on what was typed), e.g. seats not below the seats
  already taken; not run when a scheduled revision goes live.
- `kuulu_event_availability` `(event) -> schema.org ItemAvailability URL or None`: whether
  one can still get a place (sign-ups); the first answer that is not None is the event's
  JSON-LD `offers.availability`, and with none the event needs no sign-up (`InStock`).
- `kuulu_event_feedback_url` `(event) -> absolute URL or None`: the event's feedback survey
  in the active language while it is open (e.g. for the invitation e-mailed to attendees);
  None when the event has no open survey.
"""

from wagtail import hooks

PANEL_HOOK = "kuulu_event_panel"
FOLLOW_UP_HOOK = "kuulu_event_follow_up"
BADGES_HOOK = "kuulu_event_badges"
ROUTES_HOOK = "kuulu_event_routes"
EDIT_TABS_HOOK = "kuulu_event_edit_tabs"
CHECKS_HOOK = "kuulu_event_checks"
AVAILABILITY_HOOK = "kuulu_event_availability"
FEEDBACK_URL_HOOK = "kuulu_event_feedback_url"
SCHEMA_IN_STOCK = "https://schema.org/InStock"


def availability(event):
    """schema.org ItemAvailability of a place at `event` (see AVAILABILITY_HOOK)."""
    for provider in hooks.get_hooks(AVAILABILITY_HOOK):
        answer = provider(event)
        if answer is not None:
            return answer
    return SCHEMA_IN_STOCK


def feedback_url(event):
    """The first `kuulu_event_feedback_url` answer for `event` that is not None, else None."""
    for provider in hooks.get_hooks(FEEDBACK_URL_HOOK):
        url = provider(event)
        if url is not None:
            return url
    return None


def render_parts(hook_name, request, event):
    """The HTML parts every `hook_name` hook gives for `event`, in hook order, empty ones left out."""
    return [part for part in (render(request, event) for render in hooks.get_hooks(hook_name)) if part]


def collect_badges(events, request):
    """{event.id: [text, …]} for a list of events, from every `kuulu_event_badges` hook."""
    events = list(events)
    badges = {event.id: [] for event in events}
    for provider in hooks.get_hooks(BADGES_HOOK):
        for event_id, text in provider(events, request).items():
            if text:
                badges.setdefault(event_id, []).append(text)
    return badges


def extra_edit_tabs():
    """Editor tabs (`ObjectList`s) of every `kuulu_event_edit_tabs` hook."""
    return [tab for declare in hooks.get_hooks(EDIT_TABS_HOOK) for tab in declare()]


def check_event(event):
    """{field name: message} of every `kuulu_event_checks` hook for an event being saved."""
    errors = {}
    for check in hooks.get_hooks(CHECKS_HOOK):
        errors.update(check(event) or {})
    return errors
