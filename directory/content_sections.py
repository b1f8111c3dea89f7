"""The home page's "latest news" section (see home.sections)."""

from django.utils.formats import date_format

from home.sections import Card, live_pages


def latest_news_cards(request, count):
    from directory.models import ArticlePage

    articles = live_pages(ArticlePage).order_by("-date", "-pk")[:count]
    return [
        Card.for_page(
            article,
            request,
            meta=[date_format(article.date, "DATE_FORMAT"), *([article.author] if article.author else [])],
        )
        for article in articles
    ]
