"""Public views of a resident panel page: the application form and the transparency page."""

from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation

from home import emails
from home.i18n import default_translation
from panels import charts
from panels.forms import ApplicationForm
from panels.models import Application, Draw


def apply(request, page):
    """The application form. A valid application and one from an address that already applied get
    the same answer (the thanks page): the second only e-mails the address that it has applied
    already, so the form never tells a stranger whether someone's address is on a panel's list."""
    panel = default_translation(page)
    context = {"page": page, "self": page}
    if not page.accepting_applications:
        return TemplateResponse(request, "panels/apply_closed.html", context)
    form = ApplicationForm(request.POST or None, panel=panel)
    if request.method == "POST" and form.is_valid() and form.check_rate_limit(request, panel):
        earlier = _earlier_application(panel, form.cleaned_data["email"])
        if earlier is None:
            try:
                with transaction.atomic():
                    application = form.save(language=translation.get_language() or "fi")
            except IntegrityError:  # the same address, applying twice at the same moment
                earlier = _earlier_application(panel, form.cleaned_data["email"])
            else:
                emails.queue("panels.emails.confirmation_email", application.id)
        if earlier is not None:
            emails.queue("panels.emails.already_applied_email", earlier.id)
        return redirect(page.url + page.reverse_subpage("apply_thanks"))
    context["form"] = form
    status = 400 if form.errors else 200
    return TemplateResponse(request, "panels/apply.html", context, status=status)


def _earlier_application(panel, email):
    return Application.objects.filter(panel=panel, email__iexact=email).first()


def transparency(request, page):
    draw = page.published_draw()
    if draw is None:
        raise Http404
    return TemplateResponse(
        request,
        "panels/transparency.html",
        {
            "page": page,
            "self": page,
            "draw": draw,
            "charts": charts.feature_charts(draw),
            "algorithm_description": ALGORITHM_TEXTS.get(draw.algorithm),
            "minimum_percent": 100 * (draw.minimum_probability or 0),
            "even_percent": 100 * draw.number_wanted / max(1, draw.statistics.get("applicants", 0)),
        },
    )


ALGORITHM_TEXTS = dict(Draw.Algorithm.choices)
