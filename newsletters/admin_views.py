"""Staff views (permission *Can send newsletters and see subscribers*): mailings with their
progress, pause and resume, the digest preview, and a newsletter's preview, test e-mail and send."""

from datetime import timedelta

from django.contrib import messages
from django.core.mail import get_connection
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.admin import StaffArea
from home.i18n import default_translation
from newsletters import audience, digest, sending
from newsletters.forms import AudienceForm
from newsletters.models import Mailing, NewsletterPage, Subscription

area = StaffArea(
    "newsletters",
    permission="newsletters.manage_newsletters",
    menu_label=gettext_lazy("Newsletters"),
    icon="mail",
    menu_order=297,
    menu_name="newsletters",
)


@area.view("", "index")
def index(request):
    mailings = Mailing.objects.select_related("newsletter").annotate(
        queued=Count("deliveries", filter=Q(deliveries__state__in=["queued", "sending"])),
        sent=Count("deliveries", filter=Q(deliveries__state="sent")),
        failed=Count("deliveries", filter=Q(deliveries__state="failed")),
    )[:50]
    subscribers = Subscription.objects.aggregate(
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False, deactivated_at__isnull=True)),
        unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        deactivated=Count("pk", filter=Q(deactivated_at__isnull=False)),
    )
    newsletters = NewsletterPage.objects.filter(locale__language_code=translation.get_language()).live()[:20]
    context = {"mailings": mailings, "subscribers": subscribers, "newsletters": newsletters}
    return TemplateResponse(request, "newsletters/admin/index.html", context)


@area.view("mailing/<int:mailing_id>/pause/", "pause", post_only=True)
def pause(request, mailing_id):
    Mailing.objects.filter(pk=mailing_id).update(paused=True)
    messages.success(request, _("Sending paused."))
    return redirect("newsletters_admin:index")


@area.view("mailing/<int:mailing_id>/resume/", "resume", post_only=True)
def resume(request, mailing_id):
    sending.resume(get_object_or_404(Mailing, pk=mailing_id))
    messages.success(request, _("Sending resumed."))
    return redirect("newsletters_admin:index")


def _preview_message(mailing, subscription, items=()):
    return sending.Renderer(mailing, [_Preview(subscription, items)]).message(subscription, items)


class _Preview:
    """A delivery that is not saved, for previews."""

    def __init__(self, subscription, items):
        self.subscription = subscription
        self.items = items


@area.view("digest-preview/", "digest_preview")
def digest_preview(request):
    """The digest a subscriber to everything would get for the last `digest_days`, as HTML."""
    language = request.GET.get("language") or translation.get_language()
    settings = digest.NewsletterSettings.load()
    now = timezone.now()
    digest.note_follow_ups(now)
    items = digest.collect_items(now - timedelta(days=settings.digest_days), now)
    sample = Subscription(email=request.user.email or "preview@example.invalid", language=language)
    mailing = Mailing(kind=Mailing.Kind.DIGEST)
    message = _preview_message(mailing, sample, [[str(i.kind), i.page_id] for i in items])
    return HttpResponse(message.alternatives[0][0])


def _newsletter(page_id):
    return default_translation(get_object_or_404(NewsletterPage, pk=page_id))


def _newsletter_page(request, page, form, status=200):
    """The newsletter's preview-and-send page; with a valid `form`, the number of confirmed
    subscribers its audience has, shown before anything is sent."""
    archive = page.get_parent().specific
    recipients = None
    if form.is_valid():
        recipients = len(audience.recipients(**form.audience_kwargs(archive)))
    context = {"page": page, "archive": archive, "form": form, "recipients": recipients}
    return TemplateResponse(request, "newsletters/admin/newsletter.html", context, status=status)


@area.view("newsletter/<int:page_id>/", "newsletter")
def newsletter(request, page_id):
    """GET: the audience chosen in the query (default: the archive's list) and its size."""
    page = _newsletter(page_id)
    archive = page.get_parent().specific
    return _newsletter_page(request, page, AudienceForm(request.GET, archive=archive))


@area.view("newsletter/<int:page_id>/preview/", "newsletter_preview")
def newsletter_preview(request, page_id):
    page = _newsletter(page_id)
    language = request.GET.get("language") or page.locale.language_code
    sample = Subscription(email=request.user.email or "preview@example.invalid", language=language)
    message = _preview_message(Mailing(kind=Mailing.Kind.NEWSLETTER, newsletter=page), sample)
    return HttpResponse(message.alternatives[0][0])


@area.view("newsletter/<int:page_id>/test/", "newsletter_test", post_only=True)
def newsletter_test(request, page_id):
    page = _newsletter(page_id)
    if not request.user.email:
        messages.error(request, _("Your user account has no e-mail address."))
        return redirect("newsletters_admin:newsletter", page_id=page.pk)
    sample = Subscription(email=request.user.email, language=translation.get_language())
    message = _preview_message(Mailing(kind=Mailing.Kind.NEWSLETTER, newsletter=page), sample)
    message.connection = get_connection()
    message.send()
    messages.success(request, _("A test e-mail was sent to %(email)s.") % {"email": request.user.email})
    return redirect("newsletters_admin:newsletter", page_id=page.pk)


@area.view("newsletter/<int:page_id>/send/", "newsletter_send", post_only=True)
def newsletter_send(request, page_id):
    """POST the audience (`AudienceForm`; none: the archive's list) and `recipients`, the
    audience's size as the page showed it. The newsletter is sent once to that audience only
    when `recipients` is still its size (so staff always saw the number before sending);
    otherwise, and with `count` in the POST, the page shows the current number. An invalid
    choice shows the page again (400) with the error summary and the choices kept."""
    page = _newsletter(page_id)
    archive = page.get_parent().specific
    form = AudienceForm(request.POST, archive=archive)
    if not form.is_valid():
        return _newsletter_page(request, page, form, status=400)
    shown = request.POST.get("recipients")
    if "count" in request.POST or shown != str(len(audience.recipients(**form.audience_kwargs(archive)))):
        if "count" not in request.POST:
            messages.warning(request, _("Check the number of recipients, then send."))
        return _newsletter_page(request, page, form)
    if not page.live:
        messages.error(request, _("Publish the newsletter before sending it."))
    elif Mailing.objects.filter(newsletter=page).exists():
        messages.error(request, _("This newsletter has already been sent."))
    else:
        mailing = sending.start_newsletter(page, **form.audience_kwargs(archive))
        if mailing is None and form.cleaned_data["audience"] == audience.LIST:
            messages.error(request, _("Nobody subscribes to this list yet."))
        elif mailing is None:
            messages.error(request, _("No confirmed subscriber chose these areas and themes."))
        else:
            messages.success(request, _("The newsletter is being sent."))
    return redirect("newsletters_admin:index")


area.page_button(NewsletterPage, gettext_lazy("Preview and send"), "newsletter")
