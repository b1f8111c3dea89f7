"""Home-page sections that other apps fill.

The home page knows three listings (upcoming events, open participation, latest news) but not
the apps behind them. An app registers a provider in its AppConfig.ready():

    sections.register("upcoming_events", upcoming_event_cards)

A provider takes (request, count) and returns a list of `Card`s in the request's language.
Several apps may fill the same section (topics and panels both offer "open participation"):
their cards are taken in turn, one from each provider, up to `count`.
With no provider registered, the section renders nothing.
"""

from dataclasses import dataclass, field
from itertools import chain, zip_longest

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
    providers = _providers.setdefault(name, [])
    if provider not in providers:
        providers.append(provider)


def items(name, request, count):
    lists = [list(provider(request, count)) for provider in _providers.get(name, [])]
    merged = (card for card in chain.from_iterable(zip_longest(*lists)) if card is not None)
    return list(merged)[:count]
