"""RSS feed of a news index (Django syndication); honours the same ?tag= filter as the page."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext

from home.conditional import conditional_response
from home.site_url import absolute_url
from home.syndication import Rss201rev2Feed

FEED_ITEMS = 30


class ArticlesFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        # Like every feed, a tag that does not exist is a 400, never an empty feed.
        slug = request.GET.get("tag", "")
        if slug and self.index.tag_filter(request) is None:
            message = gettext("The address has a filter value that does not exist: %(problems)s") % {
                "problems": f"tag: {slug}"
            }
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        # Feed readers poll: an ETag and Last-Modified, and 304 to a reader that has the feed.
        return conditional_response(request, super().__call__(request, *args, **kwargs))

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.tag = self.index.tag_filter(request)
        return self.index

    def title(self, index):
        return f"{index.title} – {self.tag.name}" if self.tag else index.title

    def link(self, index):
        return index.get_full_url(self.request)

    def description(self, index):
        return index.introduction or index.title

    def feed_url(self, index):
        return absolute_url(self.request.get_full_path())

    def items(self, index):
        return index.articles(self.tag.slug if self.tag else None)[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return article.summary

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return f"{article.translation_key}:{article.locale_id}"

    item_guid_is_permalink = False

    def item_author_name(self, article):
        return article.author or None

    def item_pubdate(self, article):
        return timezone.make_aware(datetime.combine(article.date, time(9)))

    def item_updateddate(self, article):
        return article.last_published_at

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = self.index.locale.language_code
        return feed
