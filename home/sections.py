"""Home-page sections that other apps fill.

The home page knows three listings (upcoming events, open participation, latest news) but not
the apps behind them. An app registers a provider in its AppConfig.ready():

    sections.register("upcoming_events", upcoming_event_cards)

A provider takes (request, count) and returns a list of `Card`s in the request's language.
With no provider registered, the section renders nothing.
"""

from dataclasses import dataclass, field

_providers = {}


@dataclass
class Card:
    title: str
    url: str
    summary: str = ""
    meta: list[str] = field(default_factory=list)  # short facts: date, place, status
    participation: bool = False  # carries the participation symbol
    badge: str = ""  # e.g. "Cancelled", "3 seats left"


def register(name, provider):
    _providers[name] = provider


def items(name, request, count):
    provider = _providers.get(name)
    if provider is None:
        return []
    return list(provider(request, count))
