"""E-mail builders (see home.emails): ids in, a message in the applicant's language out."""

from home.emails import render_email
from home.i18n import in_language
from panels.models import Application


def _context(application):
    page = in_language(application.panel, application.language)
    return {"application": application, "page": page, "page_url": page.full_url}


def confirmation_email(application_id):
    application = Application.objects.with_personal_data().filter(pk=application_id).first()
    if application is None:
        return None
    return render_email(
        "panels/emails/confirmation",
        _context(application),
        to=[application.email],
        language=application.language,
    )


def already_applied_email(application_id):
    """To the address of an application when the form is sent again with it: the earlier
    application stands (one per person). The page showed the same thanks as for a new one."""
    application = Application.objects.with_personal_data().filter(pk=application_id).first()
    if application is None:
        return None
    return render_email(
        "panels/emails/already_applied",
        _context(application),
        to=[application.email],
        language=application.language,
    )


def outcome_email(application_id):
    application = Application.objects.with_personal_data().filter(pk=application_id).first()
    if application is None or application.outcome not in (
        Application.Outcome.SELECTED,
        Application.Outcome.RESERVE,
        Application.Outcome.NOT_SELECTED,
    ):
        return None
    return render_email(
        f"panels/emails/outcome_{application.outcome}",
        _context(application),
        to=[application.email],
        language=application.language,
    )
