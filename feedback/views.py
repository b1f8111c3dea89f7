"""Public views: answering a poll, its results, the event feedback survey and poster, ideas."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from wagtail.models import Site

from feedback import kiosk, qr, results
from feedback.forms import EventFeedbackForm, IdeaForm, KioskEndForm, PollForm
from feedback.models import (
    EventFeedback,
    EventFeedbackQuestions,
    Idea,
    Poll,
    PollResponse,
    feedback_is_open,
    feedback_window,
)
from home.csrf import public_form
from home.i18n import default_translation, localized
from home.inputs import public_page_or_404, public_translation

COOKIE_AGE = 365 * 24 * 60 * 60


def _language():
    return translation.get_language() or "fi"


def _remember(response, name, request):
    # A plain marker against answering twice by accident; it identifies nobody.
    response.set_cookie(
        name, "1", max_age=COOKIE_AGE, samesite="Lax", httponly=True, secure=request.is_secure()
    )
    return response


def _localized_poll(pk):
    return localized(get_object_or_404(Poll, pk=pk))


def results_visible(poll, answered):
    return not poll.is_open or (answered and poll.show_results_after_answering)


def poll_block_context(request, poll, form=None):
    poll = localized(poll)
    answered = bool(request and request.COOKIES.get(poll.cookie_name))
    return {
        "poll": poll,
        "poll_form": form or PollForm(poll=poll, auto_id=f"poll{poll.pk}_%s"),
        "answered": answered,
        "results_visible": results_visible(poll, answered),
        "answer_url": reverse("feedback:poll", args=[poll.pk]),
        "results_url": reverse("feedback:poll_results", args=[poll.pk]),
    }


def poll_page(page, request):
    """A quick poll page (`PollPage`): the poll's form, or its results once answered."""
    return page.render(request, context_overrides=poll_block_context(request, page.poll))


@public_form
def poll_answer(request, pk):
    poll = _localized_poll(pk)
    form = None
    status = 200
    in_kiosk = kiosk.active_for(request, kiosk.POLL, default_translation(poll).pk)
    if request.method == "POST" and poll.is_open and (in_kiosk or not request.COOKIES.get(poll.cookie_name)):
        form = PollForm(request.POST, poll=poll, auto_id=f"poll{poll.pk}_%s")
        if form.is_valid() and (in_kiosk or form.check_rate_limit(request, poll)):
            if in_kiosk:  # saved; the empty form again for the next person
                form.save(language=_language(), channel=PollResponse.Channel.KIOSK)
                return redirect(reverse("feedback:poll", args=[poll.pk]) + "?saved=1")
            form.save(language=_language())
            target = "feedback:poll_results" if poll.show_results_after_answering else "feedback:poll_thanks"
            return _remember(redirect(target, pk=poll.pk), poll.cookie_name, request)
        status = 400
    context = poll_block_context(request, poll, form)
    context["form"] = context["poll_form"]
    if in_kiosk:
        context.update(_kiosk_context(request))
        context["answered"] = False
    return TemplateResponse(request, "feedback/poll.html", context, status=status)


def _kiosk_context(request):
    return {"kiosk": True, "kiosk_saved": request.GET.get("saved") == "1"}


def kiosk_end(request):
    """The PIN form that ends a kiosk session (feedback.kiosk)."""
    target = kiosk.current(request)
    if target is None:
        return redirect("/")
    form = KioskEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if kiosk.end(request, form.cleaned_data["pin"]):
            return TemplateResponse(request, "feedback/kiosk_ended.html", {})
        form.add_error("pin", gettext("Wrong PIN. The kiosk is still on."))
    return TemplateResponse(
        request, "feedback/kiosk_end.html", {"form": form}, status=400 if form.errors else 200
    )


def poll_thanks(request, pk):
    poll = _localized_poll(pk)
    return TemplateResponse(request, "feedback/poll_thanks.html", {"poll": poll})


def poll_results(request, pk):
    poll = _localized_poll(pk)
    answered = bool(request.COOKIES.get(poll.cookie_name))
    if not results_visible(poll, answered):
        return TemplateResponse(request, "feedback/poll_results_later.html", {"poll": poll}, status=403)
    return TemplateResponse(
        request,
        "feedback/poll_results.html",
        {"poll": poll, "results": results.poll_results(poll), "answered": answered},
    )


def feedback_url(event, request=None):
    """The survey's path, e.g. /fi/kalenteri/ilta/feedback/ (a route of `feedback.routes`)."""
    return event.get_url(request) + event.reverse_subpage("feedback")


def feedback_full_url(event, request=None):
    """The survey's absolute address (for the poster and its QR code)."""
    return event.get_full_url(request) + event.reverse_subpage("feedback")


def _event_cookie(event):
    return f"kuulu_feedback_{event.translation_key.hex[:16]}"


def event_feedback(request, event):
    opens, closes = feedback_window(event, request=request)
    context = {"page": event, "self": event, "opens": opens, "closes": closes}
    if not feedback_is_open(event, window=(opens, closes)):
        return TemplateResponse(request, "feedback/event_feedback_closed.html", context)
    in_kiosk = kiosk.active_for(request, kiosk.EVENT, default_translation(event).pk)
    if request.COOKIES.get(_event_cookie(event)) and not in_kiosk:
        return TemplateResponse(request, "feedback/event_feedback_thanks.html", {**context, "again": True})
    if in_kiosk:
        context.update(_kiosk_context(request))
    questions = EventFeedbackQuestions.for_language(event.locale)
    form = EventFeedbackForm(request.POST or None, questions=questions)
    if request.method == "POST" and form.is_valid() and (in_kiosk or form.check_rate_limit(request, event)):
        answer = form.save(commit=False)
        answer.event = event
        answer.language = _language()
        if in_kiosk:
            answer.channel = EventFeedback.Channel.KIOSK
            answer.save()
            return redirect(feedback_url(event) + "?saved=1")
        answer.save()
        return _remember(
            redirect(event.url + event.reverse_subpage("feedback_thanks")), _event_cookie(event), request
        )
    context["form"] = form
    return TemplateResponse(
        request, "feedback/event_feedback.html", context, status=400 if form.errors else 200
    )


def event_feedback_thanks(request, event):
    return TemplateResponse(request, "feedback/event_feedback_thanks.html", {"page": event, "self": event})


def event_feedback_poster(request, event):
    url = feedback_full_url(event, request)
    return TemplateResponse(
        request,
        "feedback/event_feedback_poster.html",
        {
            "page": event,
            "self": event,
            "feedback_url": url,
            "qr_svg": qr.svg(url),
            "qr_png_url": event.url + event.reverse_subpage("feedback_qr_png"),
        },
    )


def event_feedback_card(request, event):
    """A printable paper answer card: the three questions with boxes and lines, and the QR code
    for answering online instead. Four A6 cards or two A5 cards print on one A4 sheet
    (`?size=a5` for A5); staff type the filled-in cards in from the admin."""
    url = feedback_full_url(event, request)
    size = "a5" if request.GET.get("size") == "a5" else "a6"
    return TemplateResponse(
        request,
        "feedback/event_feedback_card.html",
        {
            "page": event,
            "self": event,
            "questions": EventFeedbackQuestions.for_language(event.locale),
            "feedback_url": url,
            "qr_svg": qr.svg(url),
            "size": size,
            "cards": range(4 if size == "a6" else 2),
            "scale": range(1, 6),
        },
    )


def event_feedback_qr_png(request, event):
    response = HttpResponse(qr.png(feedback_full_url(event, request)), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="feedback-qr-{event.pk}.png"'
    return response


@public_form
@require_POST
def idea_submit(request):
    form = IdeaForm(request.POST)
    page = public_page_or_404(request.POST.get("page"), request=request)
    if form.is_valid() and form.check_rate_limit(request, page):
        idea = form.save(commit=False)
        idea.page = page
        idea.language = _language()
        idea.save()
        thanks = reverse("feedback:idea_thanks")
        return redirect(f"{thanks}?page={page.pk}" if page else thanks)
    return TemplateResponse(
        request,
        "feedback/idea_form.html",
        # The language links lead to the page the idea box is on (else the home page): this
        # address answers only POST.
        {"idea_form": form, "from_page": page, "language_page": page or _home_page(request)},
        status=400,
    )


@public_form
def idea_kiosk(request):
    """The idea box of a kiosk session (feedback.kiosk, kind IDEA) on a page of its own: the page
    that holds the box is served from the shared page cache, the same to everyone. Each idea is
    saved marked `channel="kiosk"`, without the per-address limit, and the empty form comes back
    for the next person. Any other session gets 404."""
    target = kiosk.current(request)
    if not target or target["kind"] != kiosk.IDEA:
        raise Http404
    page = public_page_or_404(str(target["pk"]), required=True, request=request)
    page = public_translation(page, request)
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        idea = form.save(commit=False)
        idea.page, idea.language, idea.channel = page, _language(), Idea.Channel.KIOSK
        idea.save()
        return redirect(reverse("feedback:idea_kiosk") + "?saved=1")
    context = {
        "idea_form": form,
        "from_page": page,
        "language_page": page,
        "idea_action": reverse("feedback:idea_kiosk"),
        **_kiosk_context(request),
    }
    return TemplateResponse(request, "feedback/idea_form.html", context, status=400 if form.errors else 200)


def _home_page(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


def idea_thanks(request):
    page = public_page_or_404(request.GET.get("page"), request=request)
    if page is not None:
        page = public_translation(page, request)
    return TemplateResponse(request, "feedback/idea_thanks.html", {"from_page": page})
