"""The home page's "latest news" section (see home.sections)."""

from django.utils.formats import date_format
from wagtail.models import Locale

from home.sections import Card


def latest_news_cards(request, count):
    from directory.models import ArticlePage

    articles = (
        ArticlePage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .order_by("-date", "-pk")[:count]
    )
    return [
        Card(
            title=article.title,
            url=article.get_url(request),
            summary=article.summary,
            meta=[date_format(article.date, "DATE_FORMAT"), *([article.author] if article.author else [])],
        )
        for article in articles
    ]
