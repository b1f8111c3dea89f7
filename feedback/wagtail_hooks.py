from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from feedback import admin_views, routes, views
from feedback.blocks import FeedbackSummaryBlock, IdeaBoxBlock, PollBlock
from feedback.models import EventFeedbackQuestions, Idea, Poll, feedback_is_open
from feedback.personal_data import IdeaContactData, erase_expired_contact_details
from home import page_cache
from home.admin import RefusedWith403Mixin, register_staff_area
from participation_pages.models import EventPage

hooks.register("kuulu_personal_data", IdeaContactData)


@hooks.register("kuulu_body_blocks")
@hooks.register("kuulu_topic_ways_blocks")
def poll_and_idea_blocks():
    return [("poll", PollBlock()), ("idea_box", IdeaBoxBlock())]


@hooks.register("kuulu_topic_outcome_blocks")
def feedback_summary_block():
    return [("feedback_summary", FeedbackSummaryBlock())]


hooks.register("kuulu_event_routes", routes.event_routes)


@hooks.register("kuulu_poll_page_routes")
def poll_page_routes():
    return [path("", views.poll_page, name="poll_page")]


hooks.register("kuulu_event_panel", routes.feedback_panel)
hooks.register("kuulu_event_follow_up", routes.follow_up_summary)


@hooks.register("kuulu_periodic_jobs")
def periodic_jobs():
    return {"feedback.erase_expired_idea_contacts": erase_expired_contact_details}


register_staff_area(admin_views.area)
# Ideas go to staff, never onto a page.
page_cache.purge_nothing_on_change(Idea)


admin_views.area.page_button(EventPage, _("Feedback"), "event")


class PollViewSet(SnippetViewSet):
    model = Poll
    icon = "list-ul"
    menu_label = _("Quick polls")
    list_display = ["title", "closes_at", "closed"]


class EventFeedbackQuestionsViewSet(SnippetViewSet):
    model = EventFeedbackQuestions
    icon = "help"
    menu_label = _("Event feedback questions")


class IdeaViewSet(RefusedWith403Mixin, SnippetViewSet):
    model = Idea
    icon = "pick"
    menu_label = _("Ideas")
    list_display = ["__str__", "status", "created_at", "language", "channel"]
    list_filter = ["status", "language", "channel"]
    ordering = ["-created_at"]


class FeedbackGroup(SnippetViewSetGroup):
    items = (PollViewSet, EventFeedbackQuestionsViewSet, IdeaViewSet)
    menu_icon = "comment"
    menu_label = _("Polls and ideas")
    menu_name = "polls-and-ideas"
    menu_order = 297


register_snippet(FeedbackGroup)


@hooks.register("kuulu_event_feedback_url")
def open_feedback_url(event):
    """The survey's absolute address while `event`'s feedback is open, else None."""
    return views.feedback_full_url(event) if feedback_is_open(event) else None
