"""Public views: the sign-up panel on an event page, the sign-up form, and the secret-link page
where a resident sees and cancels their own sign-up."""

from django.conf import settings
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_supported_language_variant, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from home import emails, page_cache
from home.csrf import public_form
from home.i18n import default_translation, localized
from home.inputs import public_page_or_404
from participation_pages.models import EventPage
from registrations import services
from registrations.forms import GroupSizeForm, SignupForm
from registrations.models import Registration


def _form_context(page, form):
    source = default_translation(page)
    figures = services.availability(source)
    return {
        "page": page,
        "self": page,
        "form": form,
        "figures": figures,
        "is_open": source.registration_is_open(),
        "opens_later": bool(source.registration_opens_at and timezone.now() < source.registration_opens_at),
        "opens_at": source.registration_opens_at,
        "closes_at": source.registration_closes_at,
        "action": reverse("registrations:signup", args=[page.pk]),
    }


SCHEMA = "https://schema.org/"


def schema_availability(event):
    """The sign-up state as schema.org ItemAvailability, as the sign-up panel shows it: seats
    left → InStock, only the waiting list → BackOrder, full → SoldOut, opens later → PreOrder,
    closed → SoldOut; None when the event takes no sign-ups (participation_pages.extensions)."""
    if not event.registration_enabled or event.is_cancelled:
        return None
    source = default_translation(event)
    if source.registration_is_open():
        figures = services.availability(source)
        if figures.capacity is None or figures.seats_left:
            return SCHEMA + "InStock"
        return SCHEMA + ("BackOrder" if figures.waitlist_open else "SoldOut")
    if source.registration_opens_at and timezone.now() < source.registration_opens_at:
        return SCHEMA + "PreOrder"
    return SCHEMA + "SoldOut"


def signup_panel(request, event):
    """The sign-up section of an event page (participation_pages.extensions)."""
    if not event.registration_enabled or event.is_past or event.is_cancelled:
        return ""
    page_cache.shows_live_figures(request)
    context = _form_context(event, SignupForm(event=event, request=request))
    return render_to_string("registrations/includes/signup_panel.html", context, request=request)


def _event_or_404(request, page_id):
    """The live, public `EventPage` `page_id` (`home.inputs.public_page_or_404`; else `Http404`),
    read once per process and content generation (`home.page_cache.remember`: saving, publishing,
    unpublishing or restricting a page starts a new one; a sign-up does not). A burst of sign-ups
    for one event then costs no page query each: the page is the largest row a sign-up reads. The
    instance is shared by the process's requests until then: read it, never change it."""
    return page_cache.remember(
        ("registrations.event", page_id),
        lambda: public_page_or_404(str(page_id), required=True, request=request, model=EventPage),
        request,
    )


@public_form
@require_http_methods(["GET", "POST"])
def signup(request, page_id):
    page = _event_or_404(request, page_id)
    if request.method == "GET" or not page.registration_enabled:
        return redirect(page.url + "#signup-heading")
    form = SignupForm(request.POST, event=page, request=request)
    if form.is_valid() and form.check_rate_limit(request, default_translation(page)):
        try:
            form.sign_up(
                language=translation.get_language() or settings.LANGUAGE_CODE,
                consent=form.cleaned_data["consent"],
            )
        except services.SignupError as error:
            if error.code != "duplicate":
                form.add_error(error.field, error.message)
                return TemplateResponse(request, "registrations/signup.html", _form_context(page, form))
            # Already signed up: answer as for a new sign-up and send that address its link.
            earlier = services.active_registration(page, form.cleaned_data["email"])
            if earlier is not None:
                emails.queue("registrations.emails.already_signed_up_email", earlier.pk)
            group_size = form.cleaned_data.get("group_size") or 1
            if services.availability(default_translation(page)).newcomer_status(group_size) is None:
                # A newcomer would be refused as full: so is this address, or the answer would
                # tell a stranger that it is on the list.
                form.add_error(None, services.FULL_MESSAGE)
                return TemplateResponse(request, "registrations/signup.html", _form_context(page, form))
        return redirect("registrations:signup_sent", page_id=page.pk)
    return TemplateResponse(request, "registrations/signup.html", _form_context(page, form))


def signup_sent(request, page_id):
    """What every accepted sign-up form gets, new or from an address already signed up: "check
    your e-mail". The status and the link to the sign-up come only by e-mail, so the page never
    tells a stranger whether someone's address is on an event's list."""
    page = _event_or_404(request, page_id)
    return TemplateResponse(
        request,
        "registrations/signup_sent.html",
        {"page": page, "event": localized(page)},
        headers={"X-Robots-Tag": "noindex"},
    )


def _registration(token):
    registration = (
        Registration.objects.filter(token=token, anonymised_at__isnull=True).select_related("event").first()
    )
    if registration is None:
        raise Http404
    return registration


def manage(request, token, group_form=None):
    """The page behind the secret link: this one sign-up, nothing else."""
    registration = _registration(token)
    event = localized(registration.event)
    can_change = registration.is_active and not event.is_past
    if group_form is None and can_change and registration.event.max_group_size > 1:
        group_form = GroupSizeForm(initial={"group_size": registration.group_size}, event=registration.event)
    return TemplateResponse(
        request,
        "registrations/manage.html",
        {
            "registration": registration,
            "event": event,
            "page": event,
            "position": registration.waitlist_position(),
            "can_cancel": can_change,
            "form": group_form if can_change else None,
            "group_size_changed": request.GET.get("changed") == "1",
        },
        status=400 if group_form is not None and group_form.errors else 200,
        headers={"Cache-Control": "no-store", "X-Robots-Tag": "noindex"},
    )


@require_POST
def change_group_size(request, token):
    """Change how many people the sign-up is for (`services.change_group_size`: a confirmed group
    grows only into free seats nobody waits for; a smaller one frees seats for the queue). An
    error shows on the sign-up's page with the number typed."""
    registration = _registration(token)
    if not registration.is_active or registration.event.is_past or registration.event.max_group_size <= 1:
        return redirect("registrations:manage", token=token)
    form = GroupSizeForm(request.POST, event=registration.event)
    if form.is_valid():
        try:
            services.change_group_size(registration, form.cleaned_data["group_size"])
        except services.SignupError as error:
            form.add_error("group_size", error.message)
        else:
            return redirect(reverse("registrations:manage", args=[token]) + "?changed=1")
    return manage(request, token, group_form=form)


@require_POST
def cancel(request, token):
    registration = _registration(token)
    if not registration.event.is_past:
        services.cancel(registration)
    return redirect("registrations:manage", token=token)


def availability_badges(events, request):
    """{event.id: "3 seats left" | "Waiting list open" | "Full"} in one query for a whole listing."""
    shown = [e for e in events if e.registration_enabled and e.capacity and e.registration_is_open()]
    if not shown:
        return {}
    default_language = get_supported_language_variant(settings.LANGUAGE_CODE)
    seats = {}
    rows = (
        Registration.objects.filter(
            event__translation_key__in={e.translation_key for e in shown},
            event__locale__language_code=default_language,
        )
        .active()
        .values("event__translation_key", "status")
        .annotate(seats=Sum("group_size"))
        .order_by()
    )
    for row in rows:
        seats[(row["event__translation_key"], row["status"])] = row["seats"] or 0
    badges = {}
    for event in shown:
        figures = services.Availability(
            capacity=event.capacity,
            confirmed_seats=seats.get((event.translation_key, Registration.Status.CONFIRMED), 0),
            waitlist_capacity=event.waitlist_capacity,
            waitlisted_seats=seats.get((event.translation_key, Registration.Status.WAITLISTED), 0),
            waitlisted_count=0,
        )
        badges[event.id] = badge_text(figures)
    return badges


def badge_text(figures):
    """ "3 seats left" while a newcomer gets a seat, "Waiting list open" while a newcomer would
    wait, else "Full"."""
    if figures.open_seats:
        return ngettext("%(count)d seat left", "%(count)d seats left", figures.open_seats) % {
            "count": figures.open_seats
        }
    if figures.waitlist_open:
        return translation.gettext("Waiting list open")
    return translation.gettext("Full")
