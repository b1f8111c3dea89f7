"""Extension points other apps use to add to event pages without this app knowing them.

Other apps register Wagtail hooks in their `wagtail_hooks.py` (names and signatures are listed
in the README, "Extension points"):

- `kuulu_event_panel` `(request, event) -> HTML or ""`: a section of the event page (sign-up
  form, feedback link…), rendered by `{% event_panels page %}` in hook order;
- `kuulu_event_badges` `(events, request) -> {event.id: text}`: short texts for listings
  ("3 seats left"), computed for a whole list at once so listings stay at a fixed number of
  queries; `{% event_badges events as badges %}` and `collect_badges()` gather them;
- `kuulu_event_routes` `() -> [django.urls.path(...)]`: sub-pages of every event page (e.g.
  `feedback/`); each view is called as `view(event, request, **kwargs)`;
- `kuulu_event_edit_tabs` `() -> [ObjectList]`: tabs of the event editor, shown after
  *Follow-up* (e.g. *Sign-up*).
"""

from wagtail import hooks

PANEL_HOOK = "kuulu_event_panel"
BADGES_HOOK = "kuulu_event_badges"
ROUTES_HOOK = "kuulu_event_routes"
EDIT_TABS_HOOK = "kuulu_event_edit_tabs"


def render_panels(request, event):
    """The HTML parts every `kuulu_event_panel` hook gives for `event`, empty ones left out."""
    return [part for part in (panel(request, event) for panel in hooks.get_hooks(PANEL_HOOK)) if part]


def collect_badges(events, request):
    """{event.id: [text, …]} for a list of events, from every `kuulu_event_badges` hook."""
    events = list(events)
    badges = {event.id: [] for event in events}
    for provider in hooks.get_hooks(BADGES_HOOK):
        for event_id, text in provider(events, request).items():
            if text:
                badges.setdefault(event_id, []).append(text)
    return badges


def extra_routes():
    """URL patterns of every `kuulu_event_routes` hook."""
    return [route for declare in hooks.get_hooks(ROUTES_HOOK) for route in declare()]


def extra_edit_tabs():
    """Editor tabs (`ObjectList`s) of every `kuulu_event_edit_tabs` hook."""
    return [tab for declare in hooks.get_hooks(EDIT_TABS_HOOK) for tab in declare()]
