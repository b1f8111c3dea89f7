"""Home-page sections that other apps fill, through Wagtail hooks.

The home page knows three listings (upcoming events, open participation, latest news) but not
the apps behind them. An app fills one in its `wagtail_hooks.py`:

    @hooks.register("kuulu_section_upcoming_events")
    def upcoming_event_cards(request, count): ...

A provider takes (request, count) and returns a list of `Card`s in the request's language.
Several apps may fill the same section (topics and panels both offer "open participation"):
their cards are taken in turn, one from each provider in hook order, up to `count`.
With no provider registered, the section renders nothing. The hook names are listed in the
README ("Extension points").
"""

from dataclasses import dataclass, field
from itertools import chain, zip_longest

from wagtail import hooks
from wagtail.models import Locale

SECTIONS = ("upcoming_events", "open_participation", "latest_news")


@dataclass
class Card:
    title: str
    url: str
    summary: str = ""
    meta: list[str] = field(default_factory=list)  # short facts: date, place, status
    participation: bool = False  # carries the participation symbol
    badge: str = ""  # e.g. "Cancelled", "3 seats left"
    image: object = None  # a Wagtail image, shown as home.images.CARD_FILTER
    image_alt: str = ""  # its alternative text ("" when the picture only decorates)
    kind: str = "page"  # the fallback picture without an image: event, topic, panel, news, page

    @classmethod
    def for_page(cls, page, request, **details):
        """A card linking to `page` with its title, `summary` field and image (with the page's
        alt text) when it has one; `details` are the other fields (meta, participation, badge,
        kind). Prefetch the images with `home.images.with_card_images`."""
        image = getattr(page, "image", None)
        return cls(
            title=page.title,
            url=page.get_url(request),
            summary=page.summary,
            image=image,
            image_alt=page.image_alt_text if image else "",
            **details,
        )


def live_pages(model):
    """Live, public pages of the Page subclass `model` in the request's language: the pages a
    section may show."""
    return model.objects.live().public().filter(locale=Locale.get_active())


def hook_name(section):
    """The hook that fills `section`: "upcoming_events" -> "kuulu_section_upcoming_events"."""
    return f"kuulu_section_{section}"


def items(section, request, count):
    """Up to `count` cards for `section`, taken in turn from every provider."""
    lists = [list(provider(request, count)) for provider in hooks.get_hooks(hook_name(section))]
    merged = (card for card in chain.from_iterable(zip_longest(*lists)) if card is not None)
    return list(merged)[:count]
