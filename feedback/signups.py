"""Sign-up counts for the response rate in the feedback report.

The sign-up app provides them through the `kuulu_signup_counts` hook (`func(events) ->
{event.pk: count}`); without one the report leaves the response rate out.
"""

from wagtail import hooks

HOOK = "kuulu_signup_counts"


def signup_counts(events):
    """{event.pk: number of sign-ups}; an event missing from the dict has no count available."""
    counts = {}
    for func in hooks.get_hooks(HOOK):
        counts.update({pk: n for pk, n in (func(events) or {}).items() if n is not None})
    return counts


def signup_count(event):
    """The number of sign-ups for one event, or None when no counts are available."""
    return signup_counts([event]).get(event.pk)
