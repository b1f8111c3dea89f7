"""Staff results in the Wagtail admin: per poll, per event, CSV exports and the feedback report."""

import functools
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth import logout
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, get_page_models

from feedback import kiosk, results
from feedback.forms import HeadcountForm, KioskStartForm, PaperFeedbackForm, PollForm
from feedback.models import (
    AnonymousAnswer,
    EventFeedback,
    EventFeedbackQuestions,
    EventHeadcount,
    Poll,
    PollAnswer,
    PollResponse,
)
from feedback.questions import QuestionKind
from home import spreadsheets
from home.admin import StaffArea
from home.i18n import default_translation
from home.inputs import parse_date
from participation_pages.models import EventPage

PERMISSION = "feedback.view_results"

area = StaffArea(
    "feedback",
    permission=PERMISSION,
    menu_label=gettext_lazy("Feedback results"),
    icon="table",
    menu_order=296,
    menu_name="feedback-results",
)


def _default_locale_events():
    return EventPage.objects.filter(locale=Locale.get_default())


@area.view("", "index")
def index(request):
    polls = list(Poll.objects.filter(locale=Locale.get_default()).order_by("-pk"))
    counts = {poll.pk: poll.responses().count() for poll in polls}
    recent = _default_locale_events().filter(start__lte=timezone.now()).order_by("-start")[:20]
    report = results.feedback_report(recent)
    return TemplateResponse(
        request,
        "feedback/admin/index.html",
        {"polls": [(poll, counts[poll.pk]) for poll in polls], "report": report},
    )


@area.view("poll/<int:poll_id>/", "poll")
def poll_detail(request, poll_id):
    poll = get_object_or_404(Poll, pk=poll_id)
    return TemplateResponse(
        request,
        "feedback/admin/poll.html",
        {
            "poll": poll,
            "results": results.poll_results(poll, with_texts=True),
            "channels": _channels(poll.responses()),
        },
    )


@area.view("poll/<int:poll_id>/csv/", "poll_csv")
def poll_csv(request, poll_id):
    poll = get_object_or_404(Poll, pk=poll_id)
    questions = poll.question_list()
    answers = {}
    for answer in PollAnswer.objects.filter(response__in=poll.responses()).order_by("pk"):
        answers.setdefault(answer.response_id, {}).setdefault(answer.question_id, []).append(answer)
    rows = []
    for response in poll.responses().order_by("pk"):
        row = [response.pk, response.submitted_on, response.language]
        for block_id, question in questions:
            given = answers.get(response.pk, {}).get(block_id, [])
            row.append("; ".join(_answer_text(question, a) for a in given))
        rows.append([*row, response.get_channel_display()])
    header = [_("answer"), _("date"), _("language")] + [q["text"] for _id, q in questions] + [_("channel")]
    return spreadsheets.csv_response(f"poll-{poll.pk}", header, rows)


def _answer_text(question, answer):
    if question["kind"] == QuestionKind.TEXT:
        return answer.text
    if question["kind"] == QuestionKind.SCALE:
        return str(answer.choice)
    options = question["options"]
    return options[answer.choice] if answer.choice < len(options) else str(answer.choice)


@area.view("event/<int:page_id>/", "event")
def event_detail(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    return TemplateResponse(
        request,
        "feedback/admin/event.html",
        {
            "event": event,
            "results": results.event_results(event),
            "poster_url": _poster_url(event, request),
            "card_url": _poster_url(event, request, "feedback_card"),
            "channels": _channels(results.event_feedback(event)),
        },
    )


def _channels(answers):
    """[(channel label, count)] of a queryset of anonymous answers, every channel listed."""
    counts = dict(answers.order_by().values_list("channel").annotate(n=Count("pk")))
    return [(label, counts.get(value, 0)) for value, label in AnonymousAnswer.Channel.choices]


@area.view("event/<int:page_id>/paper/", "event_paper")
def event_paper(request, page_id):
    """Type in paper feedback cards one after another (marked as paper), and the headcount."""
    event = default_translation(get_object_or_404(EventPage, pk=page_id))
    questions = EventFeedbackQuestions.for_language(event.locale)
    form = PaperFeedbackForm(request.POST or None, questions=questions, initial={"language": "fi"})

    def save():
        answer = form.save(commit=False)
        answer.event = event
        answer.channel = EventFeedback.Channel.PAPER
        answer.save()

    return _paper_entry(request, form, save, event.title, "event_paper", "event", event.pk)


@area.view("poll/<int:poll_id>/paper/", "poll_paper")
def poll_paper(request, poll_id):
    """Type in paper answers to a poll one after another (marked as paper)."""
    poll = get_object_or_404(Poll, pk=poll_id)
    form = PollForm(request.POST or None, poll=poll)

    def save():
        form.save(language=poll.locale.language_code, channel=PollResponse.Channel.PAPER)

    return _paper_entry(request, form, save, poll.title, "poll_paper", "poll", poll.pk)


def _paper_entry(request, form, save, title, again, back, pk):
    """Staff type in paper answers card after card: on a valid POST `save()` stores one and the
    same empty form (view `again`) comes back; otherwise the form, with its errors (400)."""
    if request.method == "POST" and form.is_valid():
        save()
        messages.success(request, _("Paper answer saved. Type in the next card."))
        return redirect(f"feedback_admin:{again}", pk)
    return TemplateResponse(
        request,
        "feedback/admin/paper.html",
        {"form": form, "title": title, "back_url": reverse(f"feedback_admin:{back}", args=[pk])},
        status=400 if form.errors else 200,
    )


@area.view("event/<int:page_id>/headcount/", "headcount")
def headcount(request, page_id):
    """The attendee headcount of an event, entered by staff."""
    event = default_translation(get_object_or_404(EventPage, pk=page_id))
    existing = EventHeadcount.objects.filter(event=event).first()
    form = HeadcountForm(
        request.POST or None, initial={"attendees": existing.attendees if existing else None}
    )
    if request.method == "POST" and form.is_valid():
        EventHeadcount.objects.update_or_create(
            event=event, defaults={"attendees": form.cleaned_data["attendees"]}
        )
        messages.success(request, _("Headcount saved."))
        return redirect("feedback_admin:event", page_id=event.pk)
    return TemplateResponse(
        request,
        "feedback/admin/paper.html",
        {"form": form, "title": event.title, "back_url": reverse("feedback_admin:event", args=[event.pk])},
        status=400 if form.errors else 200,
    )


def holds_idea_box(page):
    """Whether a StreamField of `page` (any depth: sections, topic ways) has an idea box block."""

    def found(data):
        if isinstance(data, dict):
            return data.get("type") == "idea_box" or any(found(value) for value in data.values())
        if isinstance(data, list):
            return any(found(item) for item in data)
        return False

    return any(
        found(list(getattr(page, field.name).raw_data))
        for field in page._meta.get_fields()
        if isinstance(field, StreamField)
    )


@functools.cache
def _idea_box_page_types():
    """Page models whose StreamFields offer the idea box block (where the start button shows).
    Called only once the admin runs: building a StreamField's blocks during the search for
    hooks would leave out the blocks that later hooks add."""

    def offers(block):
        children = getattr(block, "child_blocks", None) or {}
        if hasattr(block, "child_block"):
            children = {"item": block.child_block}
        return "idea_box" in children or any(offers(child) for child in children.values())

    return tuple(
        model
        for model in get_page_models()
        if any(
            offers(field.stream_block) for field in model._meta.get_fields() if isinstance(field, StreamField)
        )
    )


@area.view("idea-kiosk/<int:pk>/", "idea_kiosk_start")
def idea_kiosk_start(request, pk):
    """Start a kiosk for the idea box on page `pk` (the page listing's "More" menu)."""
    return kiosk_start(request, kiosk.IDEA, pk)


@hooks.register("register_page_listing_more_buttons")
def idea_kiosk_button(page, user, next_url=None):
    """*Idea kiosk* in the page listing's "More" menu of page types that can hold an idea box."""
    if isinstance(page.specific_deferred, _idea_box_page_types()) and user.has_perm(PERMISSION):
        url = reverse("feedback_admin:idea_kiosk_start", args=[page.pk])
        yield Button(gettext_lazy("Idea kiosk"), url, priority=62, icon_name="pick")


@area.view("kiosk/<str:kind>/<int:pk>/", "kiosk_start")
def kiosk_start(request, kind, pk):
    """Start a kiosk on this device for a poll, an event's feedback or a page's idea box
    (feedback.kiosk): asks for a PIN, logs the staff member out here and opens the form."""
    if kind == kiosk.IDEA:
        target = default_translation(get_object_or_404(Page, pk=pk).specific)
        if not holds_idea_box(target):
            messages.error(request, _("This page has no idea box. Add one to the page first."))
            return redirect("wagtailadmin_pages:edit", target.pk)
        title = target.title
        url = reverse("feedback:idea_kiosk") if target.live else None
    elif kind == kiosk.POLL:
        target = default_translation(get_object_or_404(Poll, pk=pk))
        title = target.title
        url = reverse("feedback:poll", args=[target.pk])
    elif kind == kiosk.EVENT:
        target = default_translation(get_object_or_404(EventPage, pk=pk))
        title = target.title
        url = target.url + target.reverse_subpage("feedback") if target.url else None
    else:
        raise Http404
    form = KioskStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and url:
        logout(request)
        kiosk.start(request, kind, target.pk, form.cleaned_data["pin"])
        return redirect(url)
    return TemplateResponse(
        request,
        "feedback/admin/kiosk_start.html",
        {"form": form, "title": title},
        status=400 if form.errors else 200,
    )


def _poster_url(event, request, route="feedback_poster"):
    url = event.get_url(request)
    return url + event.reverse_subpage(route) if url else None


@area.view("event/<int:page_id>/csv/", "event_csv")
def event_csv(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    rows = [
        [a.pk, a.submitted_on, a.language, a.rating, a.good, a.develop, a.get_channel_display()]
        for a in results.event_feedback(event).order_by("pk")
    ]
    header = [
        _("answer"),
        _("date"),
        _("language"),
        _("score (1–5)"),
        _("what was good"),
        _("what to develop"),
        _("channel"),
    ]
    return spreadsheets.csv_response(f"event-feedback-{event.pk}", header, rows)


@area.view("report/", "report")
def report(request):
    today = timezone.localdate()
    start = parse_date(request.GET.get("start")) or date(today.year, 1, 1)
    end = parse_date(request.GET.get("end")) or today
    for name in ("start", "end"):
        if request.GET.get(name) and not parse_date(request.GET.get(name)):
            messages.error(
                request,
                _("“%(value)s” is not a date: give it as YYYY-MM-DD, for example 2026-03-31.")
                % {"value": request.GET[name][:40]},
            )
    if end < start:
        start, end = end, start
    events = (
        _default_locale_events()
        .filter(start__date__gte=start, start__date__lt=end + timedelta(days=1))
        .order_by("start", "pk")
    )
    return TemplateResponse(
        request,
        "feedback/admin/report.html",
        {"report": results.feedback_report(events), "start": start, "end": end},
    )
