"""Public views: the subscribe box and form, confirmation, preferences and unsubscribing.

The confirmation, preferences and unsubscribe pages are behind the subscription's secret token;
an unknown token is 404, and the pages are `noindex` and never cached. Confirming is a POST (a
button on the page the e-mail link opens), so a mail scanner that follows links confirms
nothing; the unsubscribe URL takes RFC 8058's one-click POST without a CSRF token (the secret
token is the proof).
"""

from datetime import timedelta
from urllib.parse import urlencode

from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from directory.models import DirectoryPage
from home import ratelimit
from home.csrf import public_form
from home.emails import queue
from home.personal_data import normalise_email
from newsletters.forms import CHOICE_FIELDS, PreferencesForm, SubscribeForm
from newsletters.models import NewsletterArchivePage, Subscription
from newsletters.offers import ASSOCIATION_LIST
from participation_pages.models import CalendarPage, ParticipationTopicPage

#: How long the confirmation link works.
CONFIRMATION_VALID = timedelta(hours=48)

# Query parameters of the calendar's filters that pre-fill the form.
_PREFILL = {"area": "areas", "theme": "themes", "format": "formats", "kind": "kinds", "list": "lists"}


def _initial_from_query(query):
    return {field: query.getlist(param) for param, field in _PREFILL.items() if query.getlist(param)}


def _valid_initial(form, initial):
    """Keep only the pre-filled values that are choices (an unknown filter value is dropped)."""
    for name, values in initial.items():
        allowed = {value for value, _label in form.fields[name].choices}
        form.initial[name] = [value for value in values if value in allowed]
    return form


def subscribe_box(request, page):
    """The subscribe box of the home page, the calendar (its current filters), topic pages and
    the directory's "thank you for your proposal" page (the association newsletter)
    (`kuulu_page_panels` hook); "" on other pages."""
    page = page.specific_deferred
    if isinstance(page, CalendarPage):
        source, initial = "calendar", _initial_from_query(request.GET)
        initial.setdefault("kinds", ["events"])
    elif isinstance(page, ParticipationTopicPage):
        source = "topic"
        initial = {
            "areas": [link.area.slug for link in page.area_links.select_related("area")],
            "themes": [link.theme.slug for link in page.theme_links.select_related("theme")],
            "kinds": ["participation", "follow_ups"],
        }
    elif isinstance(page, DirectoryPage):
        # An association that has just proposed itself is offered the association newsletter
        # (its own opt-in: it gives the address and ticks the consent itself).
        if (
            not NewsletterArchivePage.objects.live()
            .filter(locale=page.locale, list_slug=ASSOCIATION_LIST)
            .exists()
        ):
            return ""
        source, initial = "directory", {"lists": [ASSOCIATION_LIST]}
    elif page.depth == 2:
        source, initial = "home", {}
    else:
        return ""
    form = _valid_initial(
        SubscribeForm(compact=True, initial={"source": source}, auto_id="id_nl_%s"), initial
    )
    query = urlencode([(param, v) for param, name in _PREFILL.items() for v in form.initial.get(name, ())])
    context = {"form": form, "source": source, "full_url": reverse("newsletters:subscribe") + "?" + query}
    return render_to_string("newsletters/includes/subscribe_box.html", context, request=request)


#: At most this many e-mails an hour go to one address from the subscribe form, so that the form
#: cannot be used to flood someone's inbox (the form's own rate limit is per connection).
MAILS_PER_ADDRESS_PER_HOUR = 3


def _may_mail(email):
    return ratelimit.hit("newsletter-mail", email, MAILS_PER_ADDRESS_PER_HOUR, 60 * 60)


def _send_confirmation(subscription):
    subscription.confirmation_sent_at = timezone.now()
    subscription.save(update_fields=["confirmation_sent_at"])
    if _may_mail(subscription.email):
        queue("newsletters.emails.confirmation_email", subscription.pk)


@public_form
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The full subscribe form; GET parameters (`area`, `theme`, `format`, `kind`, `list`) pre-fill it."""
    if request.method == "GET":
        form = _valid_initial(SubscribeForm(), _initial_from_query(request.GET))
        return TemplateResponse(request, "newsletters/subscribe.html", {"form": form})
    form = SubscribeForm(request.POST)
    if form.is_valid() and form.check_rate_limit(request):
        data = form.cleaned_data
        email = normalise_email(data["email"])
        choices = {name: data[name] for name in CHOICE_FIELDS}
        with transaction.atomic():
            subscription = Subscription.objects.select_for_update().filter(email=email).first()
            if subscription and subscription.confirmed_at:
                # Changing a confirmed address's choices needs its secret link: we e-mail it.
                if _may_mail(email):
                    queue("newsletters.emails.already_subscribed_email", subscription.pk)
            else:
                subscription = subscription or Subscription(email=email)
                for name, value in choices.items():
                    setattr(subscription, name, value)
                subscription.language = data["language"]
                subscription.consent_source = data["source"]
                subscription.consent_language = translation.get_language()
                subscription.created_at = timezone.now()
                subscription.save()
                _send_confirmation(subscription)
        return redirect("newsletters:subscribed")
    return TemplateResponse(request, "newsletters/subscribe.html", {"form": form})


def subscribed(request):
    return TemplateResponse(request, "newsletters/subscribed.html", {})


def _private(response):
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET: a page with the *Confirm* button; POST: confirmed. A link older than 48 hours, or
    whose unconfirmed subscription was deleted after 7 days (or unsubscribed), answers 410 with
    the page that says the link has expired and offers to subscribe again."""
    subscription = Subscription.objects.filter(token=token).first()
    context = {"subscription": subscription}
    if subscription is None:
        context["state"] = "expired"
        return _private(TemplateResponse(request, "newsletters/confirm.html", context, status=410))
    if subscription.confirmed_at:
        context["state"] = "confirmed"
    elif not subscription.confirmation_sent_at or (
        timezone.now() - subscription.confirmation_sent_at > CONFIRMATION_VALID
    ):
        context["state"] = "expired"
        return _private(TemplateResponse(request, "newsletters/confirm.html", context, status=410))
    elif request.method == "POST":
        Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now(), last_activity_at=timezone.now()
        )
        return redirect(reverse("newsletters:preferences", args=[token]) + "?confirmed=1")
    else:
        context["state"] = "pending"
    return _private(TemplateResponse(request, "newsletters/confirm.html", context))


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    """The choices and language behind the secret link. The link of a subscription that is gone
    (unsubscribed, deleted) answers 410 with the page that says nothing more is sent."""
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        return _private(TemplateResponse(request, "newsletters/unsubscribe.html", {"done": True}, status=410))
    if not subscription.confirmed_at:
        return redirect("newsletters:confirm", token=token)
    initial = {name: getattr(subscription, name) for name in CHOICE_FIELDS}
    initial["language"] = subscription.language
    form = PreferencesForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        for name in CHOICE_FIELDS:
            setattr(subscription, name, form.cleaned_data[name])
        subscription.language = form.cleaned_data["language"]
        subscription.last_activity_at = timezone.now()
        subscription.save()
        saved = True
    context = {
        "subscription": subscription,
        "form": form,
        "saved": saved,
        "confirmed": request.GET.get("confirmed") == "1",
    }
    return _private(TemplateResponse(request, "newsletters/preferences.html", context))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button; POST (that button, or a mail client's RFC 8058 one-click
    `List-Unsubscribe=One-Click`): the subscription is deleted at once. A link whose subscription
    is gone (unsubscribed already, or deleted) says that nothing more is sent, never a 404."""
    subscription = Subscription.objects.filter(token=token).first()
    if request.method == "GET" and subscription is not None:
        return _private(
            TemplateResponse(request, "newsletters/unsubscribe.html", {"subscription": subscription})
        )
    Subscription.objects.filter(token=token).delete()
    return _private(TemplateResponse(request, "newsletters/unsubscribe.html", {"done": True}))
