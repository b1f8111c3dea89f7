"""The home page's "latest news" section (see home.sections)."""

from django.utils.formats import date_format

from home.images import with_card_images
from home.sections import Card, live_pages


def latest_news_cards(request, count):
    from directory.models import ArticlePage

    articles = with_card_images(live_pages(ArticlePage)).order_by("-date", "-pk")[:count]
    return [
        Card.for_page(
            article,
            request,
            meta=[date_format(article.date, "DATE_FORMAT"), *([article.author] if article.author else [])],
            kind="news",
        )
        for article in articles
    ]
