from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from feedback import admin_urls
from feedback.admin_views import PERMISSION
from feedback.models import EventFeedbackQuestions, Idea, Poll
from feedback.panels import feedback_panel
from feedback.personal_data import IdeaContactData, erase_expired_contact_details
from participation_pages.models import EventPage

hooks.register("kuulu_personal_data", IdeaContactData)
hooks.register("kuulu_event_panel", feedback_panel)


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {"feedback.erase_expired_idea_contacts": erase_expired_contact_details}


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("feedback/", include((admin_urls.urlpatterns, "feedback_admin"), namespace="feedback_admin"))
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return ResultsMenuItem(
        _("Feedback results"),
        reverse("feedback_admin:index"),
        icon_name="table",
        order=296,
        name="feedback-results",
    )


@hooks.register("register_page_listing_more_buttons")
def page_listing_buttons(page, user, next_url=None):
    if isinstance(page.specific_deferred, EventPage) and user.has_perm(PERMISSION):
        yield Button(
            _("Feedback"), reverse("feedback_admin:event", args=[page.pk]), priority=61, icon_name="table"
        )


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = _("Quick polls")
    list_display = ["title", "closes_at", "closed"]


class EventFeedbackQuestionsViewSet(SnippetViewSet):
    model = EventFeedbackQuestions
    icon = "help"
    menu_label = _("Event feedback questions")


class IdeaViewSet(SnippetViewSet):
    model = Idea
    icon = "pick"
    menu_label = _("Ideas")
    list_display = ["__str__", "status", "created_at", "language"]
    list_filter = ["status", "language"]
    ordering = ["-created_at"]


class FeedbackGroup(SnippetViewSetGroup):
    items = (PollViewSet, EventFeedbackQuestionsViewSet, IdeaViewSet)
    menu_icon = "comment"
    menu_label = _("Polls and ideas")
    menu_name = "polls-and-ideas"
    menu_order = 297


register_snippet(FeedbackGroup)
