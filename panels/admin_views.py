"""Staff views: quotas, the feasibility check, draws and their progress, members and replacements."""

from django.contrib import messages
from django.db.models import Count, Q
from django.db.models import F as DbF
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from home import spreadsheets
from home.admin import StaffArea
from home.i18n import default_translation
from panels import draw_results, draws, quota_rules
from panels import features as F
from panels.forms import DrawForm, ProportionalForm, QuotaForm
from panels.models import Application, Draw, ResidentPanelPage

RUN_DRAW = "panels.run_draw"
VIEW_CONTACTS = "panels.view_member_contacts"

area = StaffArea(
    "panels",
    permission=RUN_DRAW,
    menu_label=gettext_lazy("Resident panels"),
    icon="group",
    menu_order=295,
    menu_name="resident-panels",
)


def _panel(page_id):
    return default_translation(get_object_or_404(ResidentPanelPage, pk=page_id))


def _selection_url(panel):
    return reverse("panels_admin:selection", args=[panel.pk])


@area.view("", "index")
def index(request):
    panels = (
        ResidentPanelPage.objects.filter(locale=Locale.get_default())
        .annotate(
            applicant_count=Count("applications", distinct=True),
            member_count=Count(
                "applications", filter=Q(applications__outcome=Application.Outcome.SELECTED), distinct=True
            ),
        )
        .order_by("-term_start")
    )
    return TemplateResponse(request, "panels/admin/index.html", {"panels": panels})


@area.view("<int:page_id>/", "selection")
def panel_selection(request, page_id):
    panel = _panel(page_id)
    recent = list(Draw.objects.filter(panel=panel).order_by("-created_at")[:10])
    active = Draw.objects.active().filter(panel=panel).first()
    outcomes = dict(
        Application.objects.filter(panel=panel).values_list("outcome").annotate(n=Count("id")).order_by()
    )
    context = {
        "panel": panel,
        "draws": recent,
        "active_draw": active,
        "published_draw": next((d for d in recent if d.published), None),
        "applicant_count": sum(outcomes.values()),
        "outcome_counts": [
            (label, outcomes.get(code, 0))
            for code, label in Application.Outcome.choices
            if outcomes.get(code)
        ],
        "quota_form": QuotaForm(panel=panel, quotas=quota_rules.quotas_for(panel)),
        "proportional_form": ProportionalForm(),
        "draw_form": DrawForm(
            algorithms=draws.available_algorithms(),
            initial={"one_per_household": panel.one_per_household},
        ),
        "feasibility": None,
        "pending_emails": Application.objects.with_personal_data()
        .filter(panel=panel)
        .exclude(outcome__in=[Application.Outcome.PENDING, Application.Outcome.DROPPED_OUT])
        .exclude(notified_outcome=DbF("outcome"))
        .count(),
        "can_view_contacts": request.user.has_perm(VIEW_CONTACTS),
    }
    if request.GET.get("check"):
        context["feasibility"] = draws.check_feasibility(panel)
    return TemplateResponse(request, "panels/admin/selection.html", context)


def _rerender(request, panel, **forms):
    """Show the selection page again with a bound form and its errors."""
    response = panel_selection(request, panel.pk)
    response.context_data.update(forms)
    response.status_code = 400
    return response


@area.view("<int:page_id>/quotas/", "save_quotas", post_only=True)
def save_quotas(request, page_id):
    panel = _panel(page_id)
    form = QuotaForm(request.POST, panel=panel, quotas=quota_rules.quotas_for(panel))
    if not form.is_valid():
        messages.error(request, _("The quotas were not saved. Please correct the errors below."))
        return _rerender(request, panel, quota_form=form)
    quota_rules.save_quotas(panel, form.quotas)
    messages.success(request, _("Quotas saved."))
    return redirect(_selection_url(panel) + "?check=1#feasibility")


@area.view("<int:page_id>/proportional/", "fill_proportional", post_only=True)
def fill_proportional(request, page_id):
    panel = _panel(page_id)
    form = ProportionalForm(request.POST)
    if not form.is_valid():
        return _rerender(request, panel, proportional_form=form)
    quotas = quota_rules.proportional_quotas(panel, form.cleaned_data["profile"], form.cleaned_data["slack"])
    if not quotas:
        messages.warning(request, _("The population profile has no figures for this panel's features."))
        return redirect(_selection_url(panel))
    current = quota_rules.quotas_for(panel)
    quota_rules.save_quotas(panel, {**current, **quotas})
    labels = ", ".join(str(F.feature_label(f)) for f in quotas)
    messages.success(
        request, _("Quotas filled in proportion to the population for: %(features)s.") % {"features": labels}
    )
    return redirect(_selection_url(panel) + "?check=1#feasibility")


@area.view("<int:page_id>/draw/", "start_draw", post_only=True)
def start_draw(request, page_id):
    panel = _panel(page_id)
    form = DrawForm(request.POST, algorithms=draws.available_algorithms())
    if Draw.objects.active().filter(panel=panel).exists():
        messages.error(request, _("A draw is already running for this panel. Wait for it to finish."))
        return redirect(_selection_url(panel))
    if not form.is_valid():
        return _rerender(request, panel, draw_form=form)
    feasibility = draws.check_feasibility(panel)
    if not feasibility.feasible:
        response = _rerender(request, panel, draw_form=form, feasibility=feasibility)
        return response
    try:
        draws.start_draw(
            panel,
            algorithm=form.cleaned_data["algorithm"],
            seed=form.cleaned_data["seed"],
            one_per_household=form.cleaned_data["one_per_household"],
            user=request.user,
        )
    except draws.DrawAlreadyRunning:  # started by someone else since the check above
        messages.error(request, _("A draw is already running for this panel. Wait for it to finish."))
        return redirect(_selection_url(panel))
    messages.success(
        request, _("The draw has started. You can leave this page; its progress and result are kept here.")
    )
    return redirect(_selection_url(panel) + "#draws")


@area.view("<int:page_id>/draws/<int:draw_id>/adopt/", "adopt_draw", post_only=True)
def adopt_draw(request, page_id, draw_id):
    panel = _panel(page_id)
    draw = get_object_or_404(Draw, pk=draw_id, panel=panel, status=Draw.Status.SUCCEEDED)
    draw_results.adopt(draw)
    messages.success(request, _("The draw is now the panel's result, and its transparency page is public."))
    return redirect(_selection_url(panel) + "#draws")


@area.view("<int:page_id>/emails/", "send_result_emails", post_only=True)
def send_result_emails(request, page_id):
    panel = _panel(page_id)
    count = draw_results.queue_result_emails(panel)
    messages.success(request, _("%(count)s result e-mails were queued.") % {"count": count})
    return redirect(_selection_url(panel))


@area.view("<int:page_id>/members/", "members", permissions=[VIEW_CONTACTS])
def members(request, page_id):
    panel = _panel(page_id)
    applications = Application.objects.filter(
        panel=panel,
        outcome__in=[
            Application.Outcome.SELECTED,
            Application.Outcome.RESERVE,
            Application.Outcome.DROPPED_OUT,
        ],
    ).select_related("replaced_by")
    labels = F.value_labels(F.panel_features(panel))
    groups = {
        code: []
        for code in (
            Application.Outcome.SELECTED,
            Application.Outcome.RESERVE,
            Application.Outcome.DROPPED_OUT,
        )
    }
    for application in applications:
        application.feature_labels = [
            labels[feature].get(application.feature_value(feature), application.feature_value(feature))
            for feature in F.panel_features(panel)
        ]
        groups[application.outcome].append(application)
    groups[Application.Outcome.RESERVE].sort(key=lambda a: a.reserve_rank or 0)
    return TemplateResponse(
        request,
        "panels/admin/members.html",
        {
            "panel": panel,
            "feature_headers": [F.feature_label(f) for f in F.panel_features(panel)],
            "selected": groups[Application.Outcome.SELECTED],
            "reserves": groups[Application.Outcome.RESERVE],
            "dropped": groups[Application.Outcome.DROPPED_OUT],
            "can_replace": request.user.has_perm(RUN_DRAW),
        },
    )


@area.view("<int:page_id>/members.csv", "members_csv", permissions=[VIEW_CONTACTS])
def members_csv(request, page_id):
    panel = _panel(page_id)
    features = F.panel_features(panel)
    labels = F.value_labels(features)
    header = [_("Outcome"), _("Reserve number"), _("Name"), _("E-mail"), _("Phone"), _("Language")] + [
        F.feature_label(f) for f in features
    ]
    members = Application.objects.with_personal_data().filter(
        panel=panel, outcome__in=[Application.Outcome.SELECTED, Application.Outcome.RESERVE]
    )
    rows = [
        [a.get_outcome_display(), a.reserve_rank or "", a.name, a.email, a.phone, a.language]
        + [labels[f].get(a.feature_value(f), a.feature_value(f)) for f in features]
        for a in sorted(
            members, key=lambda a: (a.outcome != Application.Outcome.SELECTED, a.reserve_rank or 0, a.name)
        )
    ]
    return spreadsheets.csv_response(f"panel-{panel.pk}-members", header, rows)


@area.view(
    "<int:page_id>/members/<int:application_id>/replace/",
    "replace_member",
    permissions=[RUN_DRAW, VIEW_CONTACTS],
    post_only=True,
)
def replace_member(request, page_id, application_id):
    panel = _panel(page_id)
    member = get_object_or_404(
        Application, pk=application_id, panel=panel, outcome=Application.Outcome.SELECTED
    )
    result = draw_results.replace_member(member)
    if result.reserve is None:
        messages.warning(
            request, _("%(name)s was marked as dropped out. No reserves are left.") % {"name": member.name}
        )
    else:
        if member.notified_outcome:
            draw_results.queue_result_emails(panel)
        if result.quotas_kept:
            messages.success(
                request,
                _("%(name)s was replaced by %(reserve)s, who keeps every quota.")
                % {"name": member.name, "reserve": result.reserve.name},
            )
        else:
            broken = "; ".join(
                f"{F.feature_label(f)} “{F.value_label(f, v)}”: {count} ({lo}–{hi})"
                for f, v, count, lo, hi in result.broken
            )
            messages.warning(
                request,
                _(
                    "%(name)s was replaced by %(reserve)s. No reserve keeps every quota; these are now off: %(broken)s"
                )
                % {"name": member.name, "reserve": result.reserve.name, "broken": broken},
            )
    return redirect(reverse("panels_admin:members", args=[panel.pk]))
