"""RSS 2.0 and Atom generators for every feed of the site (Django's syndication framework), with
text cleaned on the way out: Django's XML writer refuses the control characters XML 1.0 forbids
and the whole feed answered 500 for one pasted U+000B (`home.text`)."""

from django.utils import feedgenerator

from home.text import clean_deep


class CleanTextMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*clean_deep(args), **{key: clean_deep(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*clean_deep(args), **{key: clean_deep(value) for key, value in kwargs.items()})


class Rss201rev2Feed(CleanTextMixin, feedgenerator.Rss201rev2Feed):
    """Django's RSS 2.0 feed, without control characters in any text."""


class Atom1Feed(CleanTextMixin, feedgenerator.Atom1Feed):
    """Django's Atom 1.0 (RFC 4287) feed, without control characters in any text."""
