"""Sign-up counts for the response rate in the feedback report.

The sign-up app registers a counter here (`register(func)`, func(events) -> {event.pk: count});
without one the report leaves the response rate out.
"""

_counters = []


def register(func):
    if func not in _counters:
        _counters.append(func)


def signup_counts(events):
    """{event.pk: number of sign-ups}; an event missing from the dict has no count available."""
    counts = {}
    for func in _counters:
        counts.update({pk: n for pk, n in (func(events) or {}).items() if n is not None})
    return counts


def signup_count(event):
    """The number of sign-ups for one event, or None when no counts are available."""
    return signup_counts([event]).get(event.pk)
