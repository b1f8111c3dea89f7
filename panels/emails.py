"""E-mail builders (see home.emails): ids in, a message in the applicant's language out."""

from home.emails import render_email
from home.i18n import default_translation, in_language
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


def reply_address(panel):
    """Where replies to the panel's e-mails go (the Reply-To, RFC 5322 §3.6.2): the responsible
    unit's address on the panel page in the default language, else the site's contact e-mail
    (home.SiteSettings); None when neither is set (replies then go to DEFAULT_FROM_EMAIL)."""
    from home.models import SiteSettings

    panel = default_translation(panel)
    if panel.responsible_unit_email:
        return panel.responsible_unit_email
    site = panel.get_site()
    return (SiteSettings.for_site(site).email if site else "") or None


def outcome_email(application_id):
    application = Application.objects.with_personal_data().filter(pk=application_id).first()
    if application is None or application.outcome not in (
        Application.Outcome.SELECTED,
        Application.Outcome.RESERVE,
        Application.Outcome.NOT_SELECTED,
    ):
        return None
    reply_to = reply_address(application.panel)
    return render_email(
        f"panels/emails/outcome_{application.outcome}",
        _context(application),
        to=[application.email],
        language=application.language,
        # The selected are asked to reply if they cannot take part; the others may ask.
        reply_to=[reply_to] if reply_to else None,
    )
