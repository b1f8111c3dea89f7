"""Extension points other apps use to add to event pages without editing this app.

    # in registrations/apps.py ready():
    extensions.register_event_panel("signup", signup_panel)       # (request, event) -> HTML or ""
    extensions.register_event_badge("availability", seats_badge)  # (events, request) -> {event.id: text}

`{% event_panels page %}` renders every panel on the event page (sign-up form, feedback link…);
`{% event_badges events as badges %}` returns short texts for listings ("3 seats left"),
computed for a whole list at once so listings stay at a fixed number of queries.
"""

_panels = {}
_badges = {}


def register_event_panel(name, func):
    _panels[name] = func


def register_event_badge(name, func):
    _badges[name] = func


def panels():
    return list(_panels.items())


def badge_providers():
    return list(_badges.items())


def collect_badges(events, request):
    """{event.id: [text, …]} for a list of events, from every registered badge provider."""
    events = list(events)
    badges = {event.id: [] for event in events}
    for _name, func in badge_providers():
        for event_id, text in func(events, request).items():
            if text:
                badges.setdefault(event_id, []).append(text)
    return badges
