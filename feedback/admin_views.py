"""Staff results in the Wagtail admin: per poll, per event, CSV exports and the feedback report."""

from datetime import date, timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from feedback import results
from feedback.models import Poll, PollAnswer
from feedback.questions import QuestionKind
from home import spreadsheets
from home.admin import StaffArea
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
        {"poll": poll, "results": results.poll_results(poll, with_texts=True)},
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
        rows.append(row)
    header = [_("answer"), _("date"), _("language")] + [q["text"] for _id, q in questions]
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
        {"event": event, "results": results.event_results(event), "poster_url": _poster_url(event, request)},
    )


def _poster_url(event, request):
    url = event.get_url(request)
    return url + event.reverse_subpage("feedback_poster") if url else None


@area.view("event/<int:page_id>/csv/", "event_csv")
def event_csv(request, page_id):
    event = get_object_or_404(EventPage, pk=page_id)
    rows = [
        [a.pk, a.submitted_on, a.language, a.rating, a.good, a.develop]
        for a in results.event_feedback(event).order_by("pk")
    ]
    header = [
        _("answer"),
        _("date"),
        _("language"),
        _("score (1–5)"),
        _("what was good"),
        _("what to develop"),
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
