"""Organisers' views in the Wagtail admin: counts, the sign-up list with answers, CSV and XLSX
export, attendance, adding a sign-up taken by phone and cancelling one for the person."""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from wagtail.models import Locale

from home import emails, spreadsheets, units
from home.admin import StaffArea
from home.i18n import default_translation
from participation_pages.models import EventPage
from registrations import services
from registrations.forms import CHOICE_TYPES, StaffMessageForm, StaffSignupForm, question_options
from registrations.models import Registration, StaffMessage

MANAGE = "registrations.manage_registrations"
S = Registration.Status

area = StaffArea(
    "registrations",
    permission=MANAGE,
    menu_label=gettext_lazy("Event sign-ups"),
    icon="list-ul",
    menu_order=290,
    menu_name="signups",
)


def _event(request, page_id):
    """The event (default language); 403 when it belongs to a unit outside the user's scope."""
    event = default_translation(get_object_or_404(EventPage, pk=page_id))
    units.require_in_scope(request.user, event.owner_unit_id)
    return event


def _seat_sum(status):
    return Sum("registrations__group_size", filter=Q(registrations__status=status))


@area.view("", "index")
def index(request):
    events = (
        units.in_scope(
            request.user, EventPage.objects.filter(locale=Locale.get_default(), registration_enabled=True)
        )
        .annotate(
            confirmed_seats=_seat_sum(S.CONFIRMED),
            waitlisted_seats=_seat_sum(S.WAITLISTED),
            cancelled_count=Count("registrations", filter=Q(registrations__status=S.CANCELLED)),
        )
        .order_by("-start")
    )
    return TemplateResponse(request, "registrations/admin/index.html", {"events": events})


def _columns(event):
    """[(key, header, {option key: option label})] of the extra questions, in the event's default
    language (`event` is the default-language page)."""
    questions = list(event.registration_questions.all())
    return [
        (q.clean_name, q.label, dict(question_options(q, q)) if q.field_type in CHOICE_TYPES else {})
        for q in questions
    ]


def _answer_text(value, options):
    """An answer as text in the event's default language: option keys become the options'
    labels (a key whose option was since removed or renamed is shown as it is)."""
    if isinstance(value, list):
        return ", ".join(options.get(str(v), str(v)) for v in value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return "" if value is None else options.get(str(value), str(value))


def _answers(registration, columns):
    return [_answer_text(registration.answers.get(key), options) for key, _label, options in columns]


@area.view("<int:page_id>/", "event")
def event_registrations(request, page_id):
    event = _event(request, page_id)
    columns = _columns(event)
    registrations = list(Registration.objects.filter(event=event).order_by("status", "pk"))
    for registration in registrations:
        registration.answer_list = _answers(registration, columns)
    groups = [
        (_("Confirmed"), [r for r in registrations if r.status == S.CONFIRMED]),
        (_("Waiting list"), [r for r in registrations if r.status == S.WAITLISTED]),
        (pgettext("sign-up", "Cancelled"), [r for r in registrations if r.status == S.CANCELLED]),
    ]
    return TemplateResponse(
        request,
        "registrations/admin/event.html",
        {
            "event": event,
            "figures": services.availability(event),
            "cancelled_count": len(groups[2][1]),
            "columns": [label for _key, label, _options in columns],
            "groups": groups,
        },
    )


@area.view("<int:page_id>/attendance/", "attendance", post_only=True)
def attendance(request, page_id):
    event = _event(request, page_id)
    present = {int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()}
    rows = Registration.objects.filter(event=event).exclude(status=S.CANCELLED)
    rows.filter(pk__in=present).update(attended=True)
    rows.exclude(pk__in=present).update(attended=False)
    messages.success(request, _("Attendance saved."))
    return redirect("registrations_admin:event", page_id=event.pk)


@area.view("<int:page_id>/<int:registration_id>/cancel/", "cancel")
def cancel_registration(request, page_id, registration_id):
    """Cancel a confirmed or waiting sign-up for the person (who asked by phone, say): a page that
    says whom and what follows, then POST. The freed seats go to the waiting list by the
    waiting-list rule (`services.cancel`), and the person gets the cancellation receipt."""
    event = _event(request, page_id)
    registration = get_object_or_404(Registration.objects.active(), pk=registration_id, event=event)
    if request.method == "POST":
        promoted = services.cancel(registration)
        message = _("The sign-up of %(name)s was cancelled.") % {"name": registration.name}
        if promoted:
            message += " " + ngettext(
                "%(count)d sign-up moved from the waiting list to the seats freed: %(names)s.",
                "%(count)d sign-ups moved from the waiting list to the seats freed: %(names)s.",
                len(promoted),
            ) % {"count": len(promoted), "names": ", ".join(r.name for r in promoted)}
        messages.success(request, message)
        return redirect("registrations_admin:event", page_id=event.pk)
    return TemplateResponse(
        request, "registrations/admin/cancel.html", {"event": event, "registration": registration}
    )


@area.view("<int:page_id>/add/", "add")
def add_registration(request, page_id):
    event = _event(request, page_id)
    form = StaffSignupForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            registration = form.sign_up(
                language=form.cleaned_data["language"],
                consent=True,
                channel=Registration.Channel.STAFF,
                check_open=False,
            )
        except services.SignupError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            if registration.status == S.CONFIRMED:
                messages.success(request, _("%(name)s was signed up.") % {"name": registration.name})
            else:
                messages.warning(
                    request,
                    _("The event is full: %(name)s was put on the waiting list.")
                    % {"name": registration.name},
                )
            return redirect("registrations_admin:event", page_id=event.pk)
    return TemplateResponse(
        request,
        "registrations/admin/add.html",
        {"event": event, "form": form},
        status=400 if form.errors else 200,
    )


@area.view("<int:page_id>/message/", "message")
def message(request, page_id):
    """Write to everyone confirmed and/or waiting: the form, then a preview with the number of
    recipients, then sending (one e-mail each through the task queue; logged with the count)."""
    event = _event(request, page_id)
    form = StaffMessageForm(request.POST or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        draft = form.save(commit=False)
        draft.event = event
        draft.sent_by = request.user.get_username()
        count = draft.registrations().count()
        if "send" in request.POST and count:
            with transaction.atomic():
                draft.recipient_count = count
                draft.save()
                for pk in draft.registrations().values_list("pk", flat=True):
                    emails.queue("registrations.emails.staff_message_email", pk, draft.pk)
            messages.success(
                request,
                ngettext(
                    "The message was sent to %(count)d person.",
                    "The message was sent to %(count)d people.",
                    count,
                )
                % {"count": count},
            )
            return redirect("registrations_admin:event", page_id=event.pk)
        preview = {"message": draft, "count": count}
    return TemplateResponse(
        request,
        "registrations/admin/message.html",
        {
            "event": event,
            "form": form,
            "preview": preview,
            "sent": StaffMessage.objects.filter(event=event),
        },
        status=400 if form.errors else 200,
    )


def _export_rows(event):
    columns = _columns(event)
    header = [
        _("Status"),
        _("Name"),
        _("E-mail"),
        _("Phone"),
        _("People"),
        _("Language"),
        _("Signed up"),
        _("Attended"),
        _("Wants the follow-up report"),
    ] + [label for _key, label, _options in columns]
    rows = []
    for r in Registration.objects.filter(event=event).exclude(status=S.CANCELLED).order_by("status", "pk"):
        rows.append(
            [
                r.get_status_display(),
                r.name,
                r.email,
                r.phone,
                r.group_size,
                r.language,
                r.created_at,
                _("yes") if r.attended else _("no"),
                _("yes") if r.follow_up_opt_in else _("no"),
            ]
            + _answers(r, columns)
        )
    return header, rows


def _export_name(event):
    return f"signups-{event.slug}"


@area.view("<int:page_id>/export.csv", "export_csv")
def export_csv(request, page_id):
    event = _event(request, page_id)
    header, rows = _export_rows(event)
    return spreadsheets.csv_response(_export_name(event), header, rows)


@area.view("<int:page_id>/export.xlsx", "export_xlsx")
def export_xlsx(request, page_id):
    event = _event(request, page_id)
    header, rows = _export_rows(event)
    return spreadsheets.xlsx_response(_export_name(event), header, rows, sheet_title=_("Sign-ups"))
