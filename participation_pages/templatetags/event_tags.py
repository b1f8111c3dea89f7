from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from participation_pages import extensions, formatting, listing

register = template.Library()


def _render(hook_name, context, event):
    parts = extensions.render_parts(hook_name, context.get("request"), event)
    return mark_safe("".join(conditional_escape(p) for p in parts))  # noqa: S308 - each part is escaped or SafeString


@register.simple_tag(takes_context=True)
def event_panels(context, event):
    """The sections other apps add to the event page (`kuulu_event_panel` hooks)."""
    return _render(extensions.PANEL_HOOK, context, event)


@register.simple_tag(takes_context=True)
def event_follow_up(context, event):
    """What other apps add to the published follow-up report (`kuulu_event_follow_up` hooks)."""
    return _render(extensions.FOLLOW_UP_HOOK, context, event)


@register.simple_tag(takes_context=True)
def event_badges(context, events):
    """{event.id: [text, …]} for a list of events, from every registered badge provider."""
    return extensions.collect_badges(events, context.get("request"))


@register.filter
def badges_for(badges, event):
    return badges.get(event.id, []) if badges else []


@register.filter
def event_when(event, weekday=True):
    """An event's time in the reader's language: 'ke 12.3.2027 klo 18.00–20.00'."""
    return formatting.when_text(event, weekday=weekday)


@register.filter
def event_place(event):
    return formatting.place_text(event)


@register.inclusion_tag(listing.FOLLOW_UP_MARK, takes_context=True)
def follow_up_mark(context, page):
    """The badge "Follow-up report published", linking to the report on the event page, for a past event
    whose follow-up is public (`EventPage.shows_follow_up`); nothing otherwise.

    `page` is an EventPage, or any page (a topic's "way to take part" link): a page of another type
    costs no query, a generic Page of an event one (`.specific`). Listings pass EventPages, whose
    own columns hold everything needed, so the mark adds no query to them."""
    from participation_pages.models import EventPage

    event = None
    if isinstance(page, EventPage):
        event = page
    elif page is not None and page.specific_class is EventPage:
        event = page.specific
    shown = event is not None and event.is_past and event.shows_follow_up
    return {"event": event if shown else None, "request": context.get("request")}
