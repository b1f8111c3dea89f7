"""Issue 16: subscriptions with double opt-in, the digest, one-click unsubscribe, personal data."""

import email
import re
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from home import periodic, personal_data
from newsletters import digest
from newsletters.emails import confirmation_email
from newsletters.models import ContentKind, Delivery, Mailing, Subscription
from newsletters.personal_data import delete_expired_subscriptions
from tests.worker import run_ready_tasks

pytestmark = pytest.mark.django_db

ADDRESS = "asukas@example.invalid"


def subscribe(client, language="fi", **data):
    fields = {"email": ADDRESS, "consent": "on", "source": "home", "language": language, **data}
    return client.post(f"/{language}/newsletters/", fields)


def confirmed(email=ADDRESS, days=8, language="fi", **choices):
    """A subscription confirmed `days` ago, so its first digest is due."""
    when = timezone.now() - timedelta(days=days)
    return Subscription.objects.create(
        email=email,
        language=language,
        created_at=when,
        confirmation_sent_at=when,
        confirmed_at=when,
        **choices,
    )


def run_digest(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return digest.build_digest()


def messages_to(address):
    return [message for message in mail.outbox if message.to == [address]]


# --- double opt-in -----------------------------------------------------------------------------


def test_subscribing_sends_only_the_confirmation(
    client, site_tree, make_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, areas=["keskusta"], kinds=["events"])
    assert response.status_code == 302
    assert response["Location"] == "/fi/newsletters/thank-you/"
    subscription = Subscription.objects.get(email=ADDRESS)
    assert subscription.confirmed_at is None
    assert (subscription.areas, subscription.kinds, subscription.consent_source) == (
        ["keskusta"],
        ["events"],
        "home",
    )
    [message] = mail.outbox
    assert message.subject == "Vahvista tilauksesi"
    assert subscription.token in message.body
    # Nothing else is sent before the confirmation, not even when a digest would be due.
    Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now() - timedelta(days=8))
    make_event(areas=["keskusta"])
    assert run_digest(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 1


def test_confirming_twice_is_harmless_and_an_expired_link_says_so(client, site_tree):
    subscription = Subscription.objects.create(
        email=ADDRESS, language="sv", confirmation_sent_at=timezone.now()
    )
    url = f"/sv/newsletters/confirm/{subscription.token}/"
    page = client.get(url)
    assert page.status_code == 200 and "Bekräfta min prenumeration" in page.text
    first = client.post(url)
    assert first["Location"] == f"/sv/newsletters/preferences/{subscription.token}/?confirmed=1"
    confirmed_at = Subscription.objects.get(pk=subscription.pk).confirmed_at
    second = client.post(url)
    assert second.status_code == 200 and "redan bekräftad" in second.text
    assert Subscription.objects.get(pk=subscription.pk).confirmed_at == confirmed_at

    late = Subscription.objects.create(
        email="myohassa@example.invalid",
        language="en",
        confirmation_sent_at=timezone.now() - timedelta(hours=49),
    )
    expired = client.post(f"/en/newsletters/confirm/{late.token}/")
    assert expired.status_code == 410
    assert "This confirmation link has expired." in expired.text
    assert Subscription.objects.get(pk=late.pk).confirmed_at is None
    unknown = client.get("/en/newsletters/confirm/no-such-token/")  # e.g. cut by a mail client
    assert unknown.status_code == 410 and "This confirmation link has expired." in unknown.text


def test_a_failed_form_keeps_what_was_typed_and_names_the_errors(client, site_tree):
    response = client.post(
        "/en/newsletters/",
        {"email": "not-an-address", "areas": ["keskusta", "atlantis"], "language": "en", "source": "home"},
    )
    assert response.status_code == 200
    assert 'id="error-summary"' in response.text
    assert 'value="not-an-address"' in response.text
    assert 'href="#id_areas"' in response.text and 'href="#id_consent"' in response.text
    assert "Select a valid choice. atlantis is not one of the available choices." in response.text
    assert not Subscription.objects.exists()


def test_subscribing_a_confirmed_address_again_changes_nothing_and_mails_its_link(
    client, site_tree, django_capture_on_commit_callbacks
):
    subscription = confirmed(areas=["koivikko"])
    with django_capture_on_commit_callbacks(execute=True):
        response = subscribe(client, "en", areas=["keskusta"])
    assert response["Location"] == "/en/newsletters/thank-you/"  # the same answer as for a new address
    assert Subscription.objects.get(pk=subscription.pk).areas == ["koivikko"]
    [message] = mail.outbox
    assert f"/fi/newsletters/preferences/{subscription.token}/" in message.body


def test_the_preferences_page_changes_the_choices(client, site_tree):
    subscription = confirmed(areas=["koivikko"])
    url = f"/fi/newsletters/preferences/{subscription.token}/"
    page = client.get(url)
    assert page["X-Robots-Tag"] == "noindex" and "no-store" in page["Cache-Control"]
    response = client.post(
        url, {"areas": ["tori"], "themes": ["koulut"], "kinds": ["events"], "language": "sv"}
    )
    assert response.status_code == 200 and "Valintasi tallennettiin." in response.text
    subscription.refresh_from_db()
    assert (subscription.areas, subscription.themes, subscription.language) == (["tori"], ["koulut"], "sv")


# --- unsubscribing ------------------------------------------------------------------------------


def test_every_message_has_list_unsubscribe_headers_and_one_click_post_unsubscribes(
    site_tree, make_event, django_capture_on_commit_callbacks
):
    subscription = confirmed()
    make_event(areas=["keskusta"])
    assert run_digest(django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    parsed = email.message_from_bytes(message.message().as_bytes())
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = parsed["List-Unsubscribe"].strip().strip("<>")
    assert url == f"http://testserver/fi/newsletters/unsubscribe/{subscription.token}/"
    assert url in message.body  # and a link in the message itself
    # RFC 8058: a POST with this body, no cookies, no CSRF token, no further steps.
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        urlsplit(url).path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    # The GET only shows a button: a link checker unsubscribes nobody.
    again = confirmed(email="toinen@example.invalid")
    assert Client().get(f"/fi/newsletters/unsubscribe/{again.token}/").status_code == 200
    assert Subscription.objects.filter(pk=again.pk).exists()


# --- the digest ---------------------------------------------------------------------------------


@pytest.fixture
def content_mix(make_event, make_topic):
    """Events and topics across areas and themes: which ones a subscriber to the district
    Torinranta (in the major area Keskusta) and the theme Koulut gets."""
    matching = {
        "Torinrannan koulu": make_event(title="Torinrannan koulu", areas=["torinranta"], themes=["koulut"]),
        "Keskustan koulut": make_event(title="Keskustan koulut", areas=["keskusta"], themes=["koulut"]),
        "Koulureitit": make_topic(
            title=("Koulureitit", "Skolvägar", "School routes"), areas=["torinranta"], themes=["koulut"]
        ),
    }
    follow_up = make_event(
        title="Kouluilta jälkikäteen",
        start=timezone.now() - timedelta(days=20),
        areas=["torinranta"],
        themes=["koulut"],
        follow_up_published_at=timezone.localdate(),
        follow_up_what_happened="Keskustelimme.",
    )
    matching["Kouluilta jälkikäteen"] = follow_up
    others = [
        make_event(title="Koivikon koulu", areas=["koivikko"], themes=["koulut"]),
        make_event(
            title="Asemanseudun koulu", areas=["asemanseutu"], themes=["koulut"]
        ),  # a sibling district
        make_event(title="Torinrannan esteettömyys", areas=["torinranta"], themes=["esteettomyys"]),
        make_event(title="Kaupungin koulut", themes=["koulut"]),  # filed under no area
        make_event(title="Peruttu", areas=["torinranta"], themes=["koulut"], status="EventCancelled"),
        make_topic(title=("Koivikon aihe", "Björkby", "Koivikko"), areas=["koivikko"], themes=["koulut"]),
    ]
    return {"matching": matching, "others": others}


def test_a_subscriber_gets_exactly_the_matching_new_items_and_nobody_else_gets_an_empty_digest(
    site_tree, content_mix, django_capture_on_commit_callbacks
):
    subscriber = confirmed(areas=["torinranta"], themes=["koulut"])
    confirmed(email="pohjoinen@example.invalid", language="sv", areas=["pohjoinen"], themes=["esteettomyys"])
    confirmed(email="uusi@example.invalid", days=1)  # not due yet: confirmed yesterday
    confirmed(email="yhdistys@example.invalid", lists=["associations"])  # the newsletter only, no digest
    assert run_digest(django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    assert message.to == [subscriber.email]
    listed = {title for title in content_mix["matching"] if title in message.body}
    assert listed == set(content_mix["matching"])
    for page in content_mix["others"]:
        assert page.title not in message.body
    assert message.subject == "Uutta: koosteesi"
    # The period moved on: running again sends nothing twice.
    mail.outbox.clear()
    assert run_digest(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_digest_links_land_on_the_subscribers_language(
    site_tree, make_event, django_capture_on_commit_callbacks
):
    event = make_event(title=("Iltatapahtuma", "Kvällsevenemang", "Evening event"), translate_to_all=True)
    confirmed(language="sv")
    assert run_digest(django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    assert "Kvällsevenemang" in message.body and "Iltatapahtuma" not in message.body
    assert event.translations["sv"].full_url in message.body
    html = message.alternatives[0][0]
    assert f'href="{event.translations["sv"].full_url}"' in html


class _Outline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.headings = []
        self.images_without_alt = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        if tag in ("h1", "h2", "h3", "h4"):
            self.headings.append(int(tag[1]))
        if tag == "img" and not attrs.get("alt"):
            self.images_without_alt += 1
        if tag == "a":
            self.links.append(attrs.get("href"))


def test_the_digest_html_passes_the_email_accessibility_check(
    site_tree, make_event, django_capture_on_commit_callbacks
):
    make_event(title="Kevätilta")
    subscription = confirmed(language="fi")
    run_digest(django_capture_on_commit_callbacks)
    [message] = mail.outbox
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    outline = _Outline()
    outline.feed(html)
    assert outline.html_lang == "fi"
    assert outline.headings[0] == 1 and outline.headings.count(1) == 1
    assert all(
        b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False)
    )  # no skipped level
    assert outline.images_without_alt == 0
    assert all(link.startswith("http") for link in outline.links)  # works outside the site
    assert any(subscription.token in link and "unsubscribe" in link for link in outline.links)
    assert "Kevätilta" in message.body  # and the plain-text part says the same


def test_building_a_digest_takes_a_constant_number_of_queries(
    site_tree, make_event, django_capture_on_commit_callbacks
):
    make_event(areas=["keskusta"], themes=["koulut"])

    def count(subscribers):
        Subscription.objects.all().delete()
        Mailing.objects.all().delete()
        when = timezone.now() - timedelta(days=8)
        Subscription.objects.bulk_create(
            Subscription(
                email=f"s{n}@example.invalid",
                language="fi",
                confirmed_at=when,
                areas=["torinranta"] if n % 2 else [],
            )
            for n in range(subscribers)
        )
        with django_capture_on_commit_callbacks(execute=False), CaptureQueriesContext(connection) as queries:
            queued = digest.build_digest()
        assert queued == subscribers
        statements = [query["sql"] for query in queries]
        inserts = [sql for sql in statements if sql.startswith('INSERT INTO "newsletters_delivery"')]
        # Rows are written in bulk: at most one statement per 100 (SQLite's 999-variable limit).
        assert len(inserts) <= -(-subscribers // 100)
        return len(statements) - len(inserts)

    count(10)  # the first run also creates the newsletter settings row
    assert count(10) == count(300)


def test_digests_run_as_a_periodic_job(site_tree, make_event):
    confirmed()
    make_event()
    results = periodic.run_all()
    assert results["newsletters.send_digests"] == 1
    assert Delivery.objects.filter(state="queued").count() == 1


# --- personal data ------------------------------------------------------------------------------


def test_personal_data_export_erase_and_retention(site_tree):
    subscription = confirmed(areas=["tori"])
    subscription.consent_source, subscription.consent_language = "calendar", "sv"
    subscription.save()
    [provider] = [p for p in personal_data.providers() if p.name == "newsletter subscriptions"]
    [record] = provider.export(ADDRESS.upper())
    assert record["areas"] == ["tori"]
    assert (record["consent_form"], record["consent_language"]) == ("calendar", "sv")
    assert record["confirmed"] == subscription.confirmed_at
    assert provider.erase(ADDRESS) == 1
    assert provider.export(ADDRESS) == []

    old = Subscription.objects.create(
        email="vanha@example.invalid", language="fi", created_at=timezone.now() - timedelta(days=8)
    )
    fresh = Subscription.objects.create(
        email="tuore@example.invalid", language="fi", created_at=timezone.now() - timedelta(days=6)
    )
    gone = confirmed(email="pois@example.invalid", deactivated_at=timezone.now() - timedelta(days=800))
    kept = confirmed(email="pysyy@example.invalid")
    assert delete_expired_subscriptions() == 2
    assert set(Subscription.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}
    assert not Subscription.objects.filter(pk__in=[old.pk, gone.pk]).exists()


# --- where the form is --------------------------------------------------------------------------


def test_the_subscribe_box_is_on_the_home_page_the_calendar_with_its_filters_and_topics(
    client, site_tree, calendar_page, make_topic
):
    home = client.get(site_tree["sv"].url)
    assert "Få nyheter per e-post" in home.text
    assert 'action="/sv/newsletters/"' in home.text and 'name="source" value="home"' in home.text

    calendar = client.get(calendar_page["en"].url + "?area=torinranta&theme=koulut&area=atlantis")
    assert "E-mail me about these events" in calendar.text
    assert 'name="areas" value="torinranta"' in calendar.text
    assert 'name="themes" value="koulut"' in calendar.text
    assert "atlantis" not in calendar.text.split("newsletter-box")[1]  # an unknown filter is not offered
    assert "Centre: Torinranta" in calendar.text
    assert 'href="/en/newsletters/?area=torinranta&amp;theme=koulut' in calendar.text

    topic = make_topic(areas=["koivikko"], themes=["esteettomyys"])
    page = client.get(topic.url)
    assert 'name="areas" value="koivikko"' in page.text and 'name="themes" value="esteettomyys"' in page.text
    assert 'name="source" value="topic"' in page.text

    full = client.get("/fi/newsletters/?area=koivikko&kind=events")
    checked = re.findall(r'<input type="checkbox" name="(\w+)" value="([\w-]+)"[^>]* checked>', full.text)
    assert checked == [("areas", "koivikko"), ("kinds", "events")]


# --- sending through a real SMTP server ---------------------------------------------------------


def _smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False


def _small_batches(size=10):
    from newsletters.models import NewsletterSettings

    config = NewsletterSettings.load()
    config.batch_size = size
    config.save()


def test_an_smtp_outage_mid_send_delays_but_every_subscriber_gets_exactly_one_message(
    site_tree, make_event, settings, django_capture_on_commit_callbacks
):
    from newsletters import sending
    from tests.smtp_sink import SmtpSink

    _small_batches(10)
    addresses = [f"tilaaja{n}@example.invalid" for n in range(25)]
    for address in addresses:
        confirmed(email=address)
    make_event(title="Kevätilta")
    first = SmtpSink(stop_after=12)  # goes away in the middle of the second batch
    _smtp(settings, first.port)
    try:
        assert run_digest(django_capture_on_commit_callbacks) == 25
    finally:
        first.stop()
    mailing = Mailing.objects.get()
    assert len(first.recipients()) == 12
    assert sending.progress(mailing) == {"queued": 13, "sending": 0, "sent": 12, "failed": 0}

    second = SmtpSink(port=first.port)  # the server is back
    try:
        with django_capture_on_commit_callbacks(execute=True):
            sending.resume(mailing)
    finally:
        second.stop()
    received = first.recipients() + second.recipients()
    assert sorted(received) == sorted(addresses)  # everyone once, nobody twice
    assert sending.progress(mailing)["sent"] == 25
    # A task that runs again sends nothing more.
    assert sending.send_batch(mailing.pk, 0) == "nothing to send"


def test_permanent_failures_are_recorded_and_deactivate_the_address(
    site_tree, make_event, settings, django_capture_on_commit_callbacks
):
    from newsletters import sending
    from newsletters.models import NewsletterSettings
    from tests.smtp_sink import SmtpSink

    config = NewsletterSettings.load()
    config.bounce_limit = 2
    config.save()
    bouncing = confirmed(email="ei-ole@example.invalid", hard_bounces=1)
    fine = confirmed(email="on@example.invalid")
    make_event()
    sink = SmtpSink(reject={bouncing.email})
    _smtp(settings, sink.port)
    try:
        assert run_digest(django_capture_on_commit_callbacks) == 2
    finally:
        sink.stop()
    assert sink.recipients() == [fine.email]
    failed = Delivery.objects.get(subscription=bouncing)
    assert (failed.state, failed.smtp_code) == ("failed", 550)
    bouncing.refresh_from_db()
    assert bouncing.hard_bounces == 2 and bouncing.deactivated_at is not None
    assert sending.progress(Mailing.objects.get()) == {"queued": 0, "sending": 0, "sent": 1, "failed": 1}


def test_a_paused_mailing_sends_nothing_until_resumed(
    site_tree, make_event, django_capture_on_commit_callbacks
):
    from newsletters import sending

    confirmed()
    make_event()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        digest.build_digest()
    mailing = Mailing.objects.get()
    mailing.paused = True
    mailing.save()
    for callback in callbacks:
        callback()
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        sending.resume(mailing)
    assert len(mail.outbox) == 1


# --- composed newsletters -----------------------------------------------------------------------


@pytest.fixture
def association_newsletter(site_tree, make_event):
    from newsletters.models import NewsletterArchivePage, NewsletterPage

    archive = site_tree["fi"].add_child(
        instance=NewsletterArchivePage(title="Järjestökirje", slug="jarjestokirje", list_slug="associations")
    )
    archive.save_revision().publish()
    event = make_event(title="Yhdistystreffit")
    issue = archive.add_child(
        instance=NewsletterPage(
            title="Järjestökirje 1/2027",
            slug="1-2027",
            introduction="Tervetuloa treffeille.",
            body=[
                ("paragraph", '<p>Lue <a href="https://example.org/">lisää</a>.</p>'),
                ("pages", {"heading": "Tapahtumat", "pages": [event]}),
            ],
        )
    )
    issue.save_revision().publish()
    return {"archive": archive, "issue": issue, "event": event}


def test_a_newsletter_goes_to_its_list_and_shows_in_the_public_archive(
    client, admin_client, association_newsletter, django_capture_on_commit_callbacks
):
    issue = association_newsletter["issue"]
    member = confirmed(email="yhdistys@example.invalid", lists=["associations"])
    confirmed(email="asukas2@example.invalid", lists=[])  # not on the list
    Subscription.objects.create(email="vahvistamaton@example.invalid", language="fi", lists=["associations"])
    page = admin_client.get(reverse("newsletters_admin:newsletter", args=[issue.pk]))
    assert "1 vahvistettu tilaaja" in page.text
    assert 'name="recipients" value="1"' in page.text
    preview = admin_client.get(reverse("newsletters_admin:newsletter_preview", args=[issue.pk]))
    assert '<html lang="fi">' in preview.text and "Järjestökirje 1/2027" in preview.text
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("newsletters_admin:newsletter_send", args=[issue.pk]), {"recipients": "1", "send": ""}
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == [member.email] and message.subject == "Järjestökirje 1/2027"
    assert "Yhdistystreffit" in message.body and "lisää" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Sending twice is refused.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("newsletters_admin:newsletter_send", args=[issue.pk]), {"recipients": "1"})
    assert len(mail.outbox) == 1
    archive = client.get(association_newsletter["archive"].url)
    assert "Järjestökirje 1/2027" in archive.text
    assert 'href="/fi/newsletters/?list=associations"' in archive.text
    assert "Yhdistystreffit" in client.get(issue.url).text


AUDIENCE = {
    # Who a newsletter for the district Torinranta and the theme Koulut reaches, and who not.
    "torinranta@example.invalid": ({"areas": ["torinranta"], "themes": ["koulut"]}, True),
    "keskusta@example.invalid": ({"areas": ["keskusta"], "kinds": ["events"]}, True),  # its major area
    "kaikki@example.invalid": ({"kinds": ["news"]}, True),  # no area or theme chosen: all
    "koulut@example.invalid": ({"themes": ["koulut"]}, True),
    "asemanseutu@example.invalid": ({"areas": ["asemanseutu"]}, False),  # a sibling district
    "koivikko@example.invalid": ({"areas": ["koivikko"], "themes": ["koulut"]}, False),
    "esteettomyys@example.invalid": ({"areas": ["torinranta"], "themes": ["esteettomyys"]}, False),
    "lista@example.invalid": ({"lists": ["associations"]}, False),  # the named list only
}


def test_a_newsletter_to_subscribers_of_areas_and_themes_shows_its_count_before_sending(
    admin_client, association_newsletter, django_capture_on_commit_callbacks
):
    issue = association_newsletter["issue"]
    for address, (choices, _reached) in AUDIENCE.items():
        confirmed(email=address, **choices)
    Subscription.objects.create(email="vahvistamaton@example.invalid", language="fi", areas=["torinranta"])
    gone = confirmed(email="poistettu@example.invalid", areas=["torinranta"])
    gone.deactivated_at = timezone.now()
    gone.save()
    url = reverse("newsletters_admin:newsletter_send", args=[issue.pk])
    choice = {"audience": "areas_themes", "areas": ["torinranta"], "themes": ["koulut"]}
    reached = sorted(address for address, (_choices, yes) in AUDIENCE.items() if yes)
    # Counting shows the number and sends nothing.
    page = admin_client.post(url, {**choice, "count": ""})
    assert page.status_code == 200 and mail.outbox == [] and not Mailing.objects.exists()
    assert f"Valituilla alueilla ja teemoilla on {len(reached)} vahvistettua tilaajaa." in page.text
    assert re.search(r'<input[^>]*value="torinranta"[^>]*checked', page.text)  # the choice is kept
    # A send whose number was not shown (or has changed) only shows the number again.
    admin_client.post(url, {**choice, "recipients": "99", "send": ""})
    assert mail.outbox == [] and not Mailing.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {**choice, "recipients": str(len(reached)), "send": ""})
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == reached
    assert all(message.subject == "Järjestökirje 1/2027" for message in mail.outbox)


def test_a_major_area_newsletter_reaches_its_districts_and_an_empty_choice_is_an_error(
    admin_client, association_newsletter
):
    issue = association_newsletter["issue"]
    for address, (choices, _reached) in AUDIENCE.items():
        confirmed(email=address, **choices)
    url = reverse("newsletters_admin:newsletter_send", args=[issue.pk])
    page = admin_client.post(url, {"audience": "areas_themes", "areas": ["keskusta"], "count": ""})
    # Keskusta reaches its districts Torinranta and Asemanseutu, itself, and those who chose no
    # area; not Koivikko (another major area's district) nor the list-only subscription.
    assert "on 6 vahvistettua tilaajaa" in page.text
    empty = admin_client.post(url, {"audience": "areas_themes", "send": "", "recipients": "0"})
    assert empty.status_code == 400 and 'class="error-summary"' in empty.text
    assert "Valitse vähintään yksi alue tai teema." in empty.text
    unknown = admin_client.post(url, {"audience": "areas_themes", "areas": ["atlantis"], "count": ""})
    assert unknown.status_code == 400 and not Mailing.objects.exists()


def test_staff_views_need_the_newsletter_permission(client, association_newsletter, django_user_model):
    editor = django_user_model.objects.create_user("toimittaja", "t@example.invalid", "pw")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    issue = association_newsletter["issue"]
    for url in (
        reverse("newsletters_admin:index"),
        reverse("newsletters_admin:digest_preview"),
        reverse("newsletters_admin:newsletter", args=[issue.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 403
    response = client.post(reverse("newsletters_admin:newsletter_send", args=[issue.pk]))
    assert response.status_code == 403 and not Mailing.objects.exists()


def test_moderators_send_newsletters_and_editors_do_not(client, association_newsletter, django_user_model):
    """The communications staff who publish (the Moderators role) find Newsletters in the admin
    without a superuser granting it by hand; Editors do not."""
    from home import roles

    index = reverse("newsletters_admin:index")
    editor = django_user_model.objects.create_user("toimittaja", password="x")
    editor.groups.add(roles.group("editors"))
    client.force_login(editor)
    assert client.get(index).status_code == 403
    assert index not in client.get(reverse("wagtailadmin_home")).text
    moderator = django_user_model.objects.create_user("moderaattori", password="x")
    moderator.groups.add(roles.group("moderators"))
    client.force_login(moderator)
    assert client.get(index).status_code == 200
    assert index in client.get(reverse("wagtailadmin_home")).text
    issue = association_newsletter["issue"]
    assert client.get(reverse("newsletters_admin:newsletter", args=[issue.pk])).status_code == 200


def test_the_admin_shows_progress_and_a_digest_preview(admin_client, site_tree, make_event):
    make_event(title="Esikatseltava ilta")
    confirmed()
    digest.build_digest()
    index = admin_client.get(reverse("newsletters_admin:index"))
    assert index.status_code == 200 and "Vahvistettuja: 1." in index.text
    preview = admin_client.get(reverse("newsletters_admin:digest_preview") + "?language=sv")
    assert '<html lang="sv">' in preview.text and "Nytt: ditt sammandrag" in preview.text
    assert "Esikatseltava ilta" in preview.text


def test_an_association_that_proposes_itself_is_offered_the_association_newsletter(
    client, association_newsletter, directory_page
):
    directory = directory_page["fi"]
    response = client.get(directory.url + directory.reverse_subpage("propose_thanks"))
    assert "Tilaa tämä uutiskirje" in response.text
    assert 'name="lists" value="associations"' in response.text
    assert 'name="source" value="directory"' in response.text
    assert "Uutiskirjeet: Järjestökirje" in response.text
    # In a language with no association newsletter, nothing is offered.
    sv = directory_page["sv"]
    assert "newsletter-box" not in client.get(sv.url + sv.reverse_subpage("propose_thanks")).text


def test_the_form_cannot_flood_an_inbox(client, site_tree, django_capture_on_commit_callbacks):
    for _attempt in range(5):  # within the form's limit per connection (10 an hour)
        with django_capture_on_commit_callbacks(execute=True):
            response = subscribe(client, "en")
        assert response["Location"] == "/en/newsletters/thank-you/"
    assert len(mail.outbox) == 3  # MAILS_PER_ADDRESS_PER_HOUR
    assert Subscription.objects.count() == 1


class _FormFields(HTMLParser):
    """The names and default values of a page's form fields (the admin's page form)."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("checkbox", "radio", "submit", "file"):
            self.data.setdefault(name, attrs.get("value") or "")
        elif tag == "input" and name and "checked" in attrs:
            self.data[name] = attrs.get("value", "on")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, "")
        elif tag == "select" and name and "multiple" not in attrs:
            self.data.setdefault(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def _organisation_form(admin_client, directory):
    """(URL, {field: value}) of the admin's add form for an organisation under `directory`: what
    it holds when opened, with a summary and a municipality filled in."""
    from directory.models import Municipality

    url = f"/admin/pages/add/directory/organisationpage/{directory.pk}/"
    parser = _FormFields()
    parser.feed(admin_client.get(url).text)
    data = {name: value for name, value in parser.data.items() if name != "csrfmiddlewaretoken"}
    data |= {"summary": "Toimimme paikallisesti.", "municipality": Municipality.objects.get(code="091").pk}
    return url, data


def _add_organisation(admin_client, directory, form=None, **fields):
    """Send the add form (`form` from _organisation_form, opened once for several entries,
    or opened here) with `fields`."""
    url, data = form or _organisation_form(admin_client, directory)
    return admin_client.post(url, data | fields)


def test_an_association_staff_add_to_the_directory_is_offered_the_association_newsletter(
    client, admin_client, association_newsletter, directory_page, django_capture_on_commit_callbacks
):
    from directory.models import OrganisationPage

    fi = directory_page["fi"]
    form = _organisation_form(admin_client, fi)  # the same empty form for the three entries
    with django_capture_on_commit_callbacks(execute=True):
        response = _add_organisation(
            admin_client,
            fi,
            form,
            title="Koivikon kyläyhdistys",
            slug="koivikon-kylayhdistys",
            email="Hallitus@Kylayhdistys.example.invalid",
            action_publish="action-publish",
        )
    assert response.status_code == 302, response.context["form"].errors
    assert OrganisationPage.objects.filter(slug="koivikon-kylayhdistys").exists()
    [offer] = mail.outbox
    assert offer.to == ["hallitus@kylayhdistys.example.invalid"]
    assert offer.subject == "Haluaako yhdistyksenne järjestökirjeen?"
    assert "Koivikon kyläyhdistys" in offer.body
    assert offer.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    subscription = Subscription.objects.get()
    assert subscription.lists == ["associations"] and subscription.consent_source == "directory-staff"
    assert subscription.confirmed_at is None
    # Nothing but the offer before the association confirms: a newsletter to the list skips it.
    issue = association_newsletter["issue"]
    send = reverse("newsletters_admin:newsletter_send", args=[issue.pk])
    assert (
        "Kukaan ei vielä tilaa tätä listaa." in admin_client.post(send, {"recipients": "0"}, follow=True).text
    )
    # Its own opt-in: the link in the e-mail, then the button.
    confirm_url = urlsplit(re.search(r"https?://\S+/confirm/\S+/", offer.body).group()).path
    assert client.post(confirm_url).status_code == 302
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(send, {"recipients": "1", "send": ""})
    assert [message.to for message in mail.outbox] == [["hallitus@kylayhdistys.example.invalid"]]
    # An entry with an address that already has a subscription, or with none, gets no offer.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _add_organisation(
            admin_client,
            fi,
            form,
            title="Sama osoite",
            slug="sama",
            email="hallitus@kylayhdistys.example.invalid",
        )
        _add_organisation(admin_client, fi, form, title="Ei osoitetta", slug="ei-osoitetta")
    assert OrganisationPage.objects.filter(slug__in=["sama", "ei-osoitetta"]).count() == 2
    assert mail.outbox == [] and Subscription.objects.count() == 1


def test_no_association_newsletter_no_offer(admin_client, directory_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _add_organisation(
            admin_client, directory_page["fi"], title="Kuoro", slug="kuoro", email="kuoro@example.invalid"
        )
    assert response.status_code == 302
    assert mail.outbox == [] and not Subscription.objects.exists()


# --- audit of issue 16 (branch a16d): every follow-up, every message, only public pages --------


def test_a_follow_up_published_after_the_last_digest_on_its_own_date_or_dated_back_is_in_the_next_digest(
    site_tree, make_event, django_capture_on_commit_callbacks
):
    """A follow-up is new when it is first found public, not from its date: published after the
    subscriber's last digest but dated that same day, or dated back to last month, it was never
    announced (its date fell before every later digest's period)."""
    import time_machine

    last_digest = timezone.now() - timedelta(days=7, minutes=5)
    subscription = confirmed(areas=["torinranta"], kinds=["follow_ups"])
    Subscription.objects.filter(pk=subscription.pk).update(last_digest_at=last_digest)
    report = {"follow_up_what_happened": "Keskustelimme.", "areas": ["torinranta"]}
    make_event(
        title="Saman päivän seuranta",
        start=last_digest - timedelta(days=3),
        follow_up_published_at=timezone.localdate(last_digest),
        **report,
    )
    make_event(
        title="Takautuva seuranta",
        start=last_digest - timedelta(days=40),
        follow_up_published_at=timezone.localdate(last_digest) - timedelta(days=30),
        **report,
    )
    make_event(  # dated next week: not public yet, so not in this digest
        title="Tuleva seuranta",
        start=last_digest,
        follow_up_published_at=timezone.localdate() + timedelta(days=7),
        **report,
    )
    assert run_digest(django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    assert "Saman päivän seuranta" in message.body and "Takautuva seuranta" in message.body
    assert "Tuleva seuranta" not in message.body
    # A week later: the dated follow-up came public and is the only news; nothing is repeated.
    mail.outbox.clear()
    with time_machine.travel(timezone.now() + timedelta(days=8), tick=False):
        assert run_digest(django_capture_on_commit_callbacks) == 1
    [message] = mail.outbox
    assert "Tuleva seuranta" in message.body
    assert "Saman päivän seuranta" not in message.body and "Takautuva seuranta" not in message.body


def test_subscribers_in_every_language_get_exactly_the_matching_items_in_their_language(
    site_tree, content_mix, django_capture_on_commit_callbacks
):
    """The same choices in fi, sv and en: the same matching items, each linked in the reader's
    language where a translation exists (the Finnish page otherwise), nothing else."""
    from demo.translation import translate

    topic = content_mix["matching"]["Koulureitit"]
    translated = {code: page.specific for code, page in translate(topic, site_tree["tr"]).items()}
    for language in ("fi", "sv", "en"):
        confirmed(
            email=f"{language}@example.invalid", language=language, areas=["torinranta"], themes=["koulut"]
        )
    assert run_digest(django_capture_on_commit_callbacks) == 3
    for language, topic_title in (("fi", "Koulureitit"), ("sv", "Skolvägar"), ("en", "School routes")):
        [message] = messages_to(f"{language}@example.invalid")
        html = message.alternatives[0][0]
        links = {href for href in re.findall(r'href="([^"]+)"', html) if "/newsletters/" not in href}
        expected = {
            page.full_url for title, page in content_mix["matching"].items() if title != "Koulureitit"
        }
        expected.add((translated.get(language) or topic).full_url)
        assert links == expected, language
        assert topic_title in message.body
        for page in content_mix["others"]:
            assert page.title not in message.body


def test_a_page_unpublished_or_restricted_after_the_digest_was_built_is_not_named(
    site_tree, make_event, django_capture_on_commit_callbacks
):
    """Batches go out minutes (an SMTP outage: hours) after the run is built; by then a page may
    be unpublished or behind a password. The e-mail names only what is still live and public,
    and a digest left with nothing is not sent."""
    from wagtail.models import PageViewRestriction

    everything = confirmed()
    only_gone = confirmed(email="koivikko@example.invalid", areas=["koivikko"])
    gone = make_event(title="Peruttu julkaisu", areas=["koivikko"])
    private = make_event(title="Salasanan takana", areas=["keskusta"])
    kept = make_event(title="Yhä julkinen", areas=["keskusta"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert digest.build_digest() == 2
    gone.unpublish()
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="salainen")
    for callback in callbacks:
        callback()
    [message] = mail.outbox
    assert message.to == [everything.email]
    assert "Yhä julkinen" in message.body and kept.full_url in message.alternatives[0][0]
    for hidden in ("Peruttu julkaisu", "Salasanan takana"):
        assert hidden not in message.body and hidden not in message.alternatives[0][0]
    assert not Delivery.objects.filter(subscription=only_gone).exists()


def test_a_newsletter_names_no_page_unpublished_or_restricted_since_it_was_picked(
    client, admin_client, association_newsletter, django_capture_on_commit_callbacks
):
    issue = association_newsletter["issue"]
    association_newsletter["event"].unpublish()
    assert "Yhdistystreffit" not in client.get(issue.url).text
    assert "Tapahtumat" not in client.get(issue.url).text  # no heading over an empty list
    preview = admin_client.get(reverse("newsletters_admin:newsletter_preview", args=[issue.pk]))
    assert "Järjestökirje 1/2027" in preview.text and "Yhdistystreffit" not in preview.text
    member = confirmed(email="yhdistys@example.invalid", lists=["associations"])
    from newsletters import sending

    with django_capture_on_commit_callbacks(execute=True):
        sending.start_newsletter(issue, "associations")
    [message] = messages_to(member.email)
    assert "lisää" in message.body and "Yhdistystreffit" not in message.body


# Every kind of message a subscriber can get: (subscription, message) from each builder.


def _confirmation(client, django_capture_on_commit_callbacks, association_newsletter):
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "sv", areas=["keskusta"])
    return Subscription.objects.get(email=ADDRESS), mail.outbox[-1]


def _already_subscribed(client, django_capture_on_commit_callbacks, association_newsletter):
    subscription = confirmed(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        subscribe(client, "en")
    return subscription, mail.outbox[-1]


def _association_offer(client, django_capture_on_commit_callbacks, association_newsletter):
    from newsletters.emails import association_offer_email

    subscription = Subscription.objects.create(
        email=ADDRESS, language="fi", lists=["associations"], consent_source="directory-staff"
    )
    return subscription, association_offer_email(subscription.pk, "Koivikon kyläyhdistys")


def _digest(client, django_capture_on_commit_callbacks, association_newsletter):
    subscription = confirmed(language="sv")
    assert run_digest(django_capture_on_commit_callbacks) == 1
    return subscription, messages_to(ADDRESS)[-1]


def _newsletter(client, django_capture_on_commit_callbacks, association_newsletter):
    from newsletters import sending

    subscription = confirmed(language="en", lists=["associations"])
    with django_capture_on_commit_callbacks(execute=True):
        sending.start_newsletter(association_newsletter["issue"], "associations")
    return subscription, messages_to(ADDRESS)[-1]


MESSAGE_KINDS = [_confirmation, _already_subscribed, _association_offer, _digest, _newsletter]


@pytest.mark.parametrize("build", MESSAGE_KINDS, ids=lambda build: build.__name__.strip("_"))
def test_every_kind_of_message_carries_a_working_one_click_unsubscribe(
    build, client, association_newsletter, django_capture_on_commit_callbacks
):
    """The confirmation, the preferences link for a confirmed address, the association offer,
    the digest and a composed newsletter: RFC 2369/8058 headers as a mail client parses them, the
    same link in the text and the HTML, and the one-click POST deletes the subscription."""
    subscription, message = build(client, django_capture_on_commit_callbacks, association_newsletter)
    parsed = email.message_from_bytes(message.message().as_bytes())
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = parsed["List-Unsubscribe"].strip()
    assert url.startswith("<http") and url.endswith(">")
    url = url[1:-1]
    assert url == f"http://testserver/{subscription.language}/newsletters/unsubscribe/{subscription.token}/"
    assert url in message.body and f'href="{url}"' in message.alternatives[0][0]
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(urlsplit(url).path).status_code == 200
    response = strict.post(
        urlsplit(url).path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


class _Languages(HTMLParser):
    """Each text of an HTML e-mail with the language it is declared in (the nearest `lang`)."""

    VOID = {"br", "hr", "img", "meta", "input", "link"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts, self.in_head = [], [], False

    def handle_starttag(self, tag, attrs):
        self.in_head = self.in_head or tag == "head"
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang") or (self.stack[-1] if self.stack else None))

    def handle_endtag(self, tag):
        self.in_head = self.in_head and tag != "head"
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if data.strip() and not self.in_head:  # the body's texts
            self.texts.append((" ".join(data.split()), self.stack[-1] if self.stack else None))

    def language_of(self, text):
        return {language for found, language in self.texts if text in found}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_html_email_passes_the_email_accessibility_check_in_every_language(
    language,
    client,
    association_newsletter,
    make_event,
    make_topic,
    make_article,
    django_capture_on_commit_callbacks,
):
    """Every HTML e-mail (confirmation, preferences link, association offer, a digest with every
    kind, a newsletter with an image) in fi, sv and en: `lang` of the reader, one h1 first, no
    skipped heading level, alternative text on every image, absolute links, an unsubscribe link;
    Finnish text shown for want of a translation is marked `lang="fi"` (WCAG 3.1.2)."""
    from newsletters import sending
    from newsletters.emails import already_subscribed_email, association_offer_email
    from tests.images import make_image

    issue = association_newsletter["issue"]
    issue.body.append(("image", {"image": make_image("Treffit"), "alt_text": "Yhdistysten väkeä torilla"}))
    issue.save_revision().publish()
    make_topic(title=("Koulureitit", "Skolvägar", "School routes"), areas=["torinranta"])
    make_article("Kirjasto avautuu")
    make_event(
        title="Kouluilta jälkikäteen",
        start=timezone.now() - timedelta(days=10),
        follow_up_published_at=timezone.localdate(),
        follow_up_what_happened="Keskustelimme.",
    )
    reader = confirmed(language=language, lists=["associations"], kinds=[k for k, _ in ContentKind.choices])
    pending = Subscription.objects.create(
        email="uusi@example.invalid", language=language, confirmation_sent_at=timezone.now()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert digest.build_digest() == 1
        sending.start_newsletter(issue, "associations")
    digest_message, newsletter_message = messages_to(reader.email)
    messages = {
        "digest": digest_message,
        "newsletter": newsletter_message,
        "confirmation": confirmation_email(pending.pk),
        "offer": association_offer_email(pending.pk, "Koivikon kyläyhdistys"),
        "already subscribed": already_subscribed_email(reader.pk),
    }
    for name, message in messages.items():
        html, mimetype = message.alternatives[0]
        assert mimetype == "text/html" and message.extra_headers["Content-Language"] == language, name
        outline = _Outline()
        outline.feed(html)
        assert outline.html_lang == language, name
        assert outline.headings[0] == 1 and outline.headings.count(1) == 1, name
        assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False)), name
        assert outline.images_without_alt == 0, name
        assert all(link.startswith("http") for link in outline.links), name
        assert any("/unsubscribe/" in link for link in outline.links), name
    # The digest lists every kind under its own h2, each item an h3.
    outline = _Outline()
    outline.feed(digest_message.alternatives[0][0])
    assert re.fullmatch(r"1(23+){4}", "".join(map(str, outline.headings)))
    assert 'alt="Yhdistysten väkeä torilla"' in newsletter_message.alternatives[0][0]
    # Untranslated pages (Finnish) inside a Swedish or English e-mail say they are Finnish.
    for message, finnish in (
        (digest_message, ["Kirjasto avautuu", "Kouluilta jälkikäteen", "Yhdistystreffit", "Koulureitit"]),
        (newsletter_message, ["Järjestökirje 1/2027", "Yhdistystreffit"]),
    ):
        texts = _Languages()
        texts.feed(message.alternatives[0][0])
        for text in finnish:
            assert texts.language_of(text) == {"fi"}, (language, text)
        with translation.override(language):
            unsubscribe = gettext("Unsubscribe")
        assert texts.language_of(unsubscribe) == {language}


def test_an_smtp_outage_is_retried_by_the_worker_until_every_subscriber_has_exactly_one_message(
    site_tree, make_event, settings, django_capture_on_commit_callbacks
):
    """The production path, nobody pressing Resume: the database task queue, the worker, the
    mail server gone in the middle of the second batch and back later. The failed batches queue
    themselves again after a delay; when the server is back, everyone has one message."""
    import time_machine
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from newsletters import sending
    from tests.smtp_sink import SmtpSink
    from tests.test_home_services import DB_TASKS

    _small_batches(10)
    addresses = [f"jono{n}@example.invalid" for n in range(25)]
    for address in addresses:
        confirmed(email=address)
    make_event(title="Kevätilta")
    start = timezone.now()
    first = SmtpSink(stop_after=12)
    _smtp(settings, first.port)
    with override_settings(TASKS=DB_TASKS):
        try:
            assert run_digest(django_capture_on_commit_callbacks) == 25
            assert DBTaskResult.objects.ready().count() == 1  # the next batches wait their turn
            with time_machine.travel(start + timedelta(seconds=30)):
                assert run_ready_tasks() == 3
        finally:
            first.stop()
        mailing = Mailing.objects.get()
        assert len(first.recipients()) == 12
        assert sending.progress(mailing) == {"queued": 13, "sending": 0, "sent": 12, "failed": 0}
        second = SmtpSink(port=first.port)  # the server is back
        try:
            with time_machine.travel(start + timedelta(seconds=45)):
                assert run_ready_tasks() == 0  # the retries wait their delay
            with time_machine.travel(start + timedelta(minutes=5)):
                assert run_ready_tasks() == 2
        finally:
            second.stop()
    assert sorted(first.recipients() + second.recipients()) == sorted(addresses)
    assert sending.progress(mailing) == {"queued": 0, "sending": 0, "sent": 25, "failed": 0}


def test_a_confirmation_link_deleted_after_7_days_or_an_old_unsubscribe_or_preferences_link_gives_a_clear_page(
    client, site_tree
):
    """The expired-link page held only from 48 hours to 7 days: then the unconfirmed subscription
    is deleted and its link was a bare 404. Likewise the unsubscribe link of an old message after
    the one-click unsubscribe (or a deletion) said "page not found"."""
    week_old = timezone.now() - timedelta(days=8)
    late = Subscription.objects.create(
        email=ADDRESS, language="fi", created_at=week_old, confirmation_sent_at=week_old
    )
    assert delete_expired_subscriptions() == 1
    for method in (client.get, client.post):
        page = method(f"/fi/newsletters/confirm/{late.token}/")
        assert page.status_code == 410 and "Tämä vahvistuslinkki on vanhentunut." in page.text
        assert 'href="/fi/newsletters/"' in page.text  # subscribe again
        assert page["X-Robots-Tag"] == "noindex"
    assert not Subscription.objects.exists()

    gone = confirmed(language="sv")
    url = f"/sv/newsletters/unsubscribe/{gone.token}/"
    one_click = Client().post(
        url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert one_click.status_code == 200 and not Subscription.objects.exists()
    again = client.get(url)
    assert again.status_code == 200
    assert "Du har avslutat prenumerationen. Vi raderade din adress och skickar inget mer." in again.text
    # And the old message's "change what you receive" link.
    old_preferences = client.get(f"/sv/newsletters/preferences/{gone.token}/")
    assert old_preferences.status_code == 410 and "Vi raderade din adress" in old_preferences.text
    assert old_preferences["X-Robots-Tag"] == "noindex" and "no-store" in old_preferences["Cache-Control"]


def test_an_event_written_only_in_swedish_reaches_the_subscribers_of_its_area(
    site_tree, calendar_page, django_capture_on_commit_callbacks
):
    """The digest read Finnish pages only: an evening the Swedish-speaking association put in the
    Swedish calendar, with no Finnish version, reached nobody."""
    from participation_pages.models import EventFormat, EventPage, EventPageArea
    from taxonomy.models import Area

    start = timezone.now() + timedelta(days=10)
    event = EventPage(
        title="Svenska dagen på Torgstranden",
        slug="svenska-dagen",
        summary="Välkommen på kaffe.",
        start=start,
        end=start + timedelta(hours=2),
        attendance_mode=EventPage.AttendanceMode.ONLINE,
        online_url="https://meet.example.org/svenska-dagen",
        event_format=EventFormat.objects.get(slug="asukasilta", locale__language_code="sv"),
        area_links=[EventPageArea(area=Area.objects.get(slug="torinranta", locale__language_code="sv"))],
    )
    calendar_page["sv"].add_child(instance=event)
    event.save_revision().publish()
    swedish = confirmed(email="sv@example.invalid", language="sv", areas=["torinranta"])
    finnish = confirmed(email="fi@example.invalid", language="fi", areas=["keskusta"])  # its major area
    confirmed(email="koivikko@example.invalid", areas=["koivikko"])
    assert run_digest(django_capture_on_commit_callbacks) == 2
    for subscription in (swedish, finnish):
        [message] = messages_to(subscription.email)
        assert "Svenska dagen på Torgstranden" in message.body and event.full_url in message.body
    finnish_html = messages_to(finnish.email)[0].alternatives[0][0]
    assert re.search(r'<h3[^>]* lang="sv"><a href="' + re.escape(event.full_url), finnish_html)


def test_a_batch_left_running_by_a_killed_worker_is_sent_by_the_next_one_without_repeats(
    site_tree, make_event, django_capture_on_commit_callbacks
):
    """A worker killed in the middle of a batch (SIGKILL after a deploy's grace period, out of
    memory) left the batch's task RUNNING and its last messages unsent for ever. After the
    longest time a batch may take (an hour) the scheduler queues it again, and the next worker
    sends only what nobody had claimed: no one gets two, the message being handed over when the
    worker died stays "sending" (unknown), every other subscriber gets one."""
    import time_machine
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    from newsletters import sending
    from tests.test_home_services import DB_TASKS

    _small_batches(10)
    for n in range(12):
        confirmed(email=f"kesken{n}@example.invalid")
    make_event(title="Kevätilta")
    start = timezone.now()
    requeue = periodic.jobs()["home.requeue_abandoned_tasks"]
    with override_settings(TASKS=DB_TASKS):
        assert run_digest(django_capture_on_commit_callbacks) == 12
        mailing = Mailing.objects.get()
        [killed] = DBTaskResult.objects.ready()  # batch 0; batch 1 waits its turn
        killed.claim("killed-worker")
        batch = list(mailing.deliveries.filter(batch=0).order_by("pk"))
        Delivery.objects.filter(pk__in=[d.pk for d in batch[:3]]).update(state=Delivery.State.SENT)
        Delivery.objects.filter(pk=batch[3].pk).update(state=Delivery.State.SENDING)
        outbox = len(mail.outbox)
        with time_machine.travel(start + timedelta(minutes=30)):
            assert run_ready_tasks() == 1  # batch 1
            assert requeue() == 0  # batch 0 may still be running
            assert run_ready_tasks() == 0
        with time_machine.travel(start + timedelta(minutes=61)):
            assert requeue() == 1
            assert run_ready_tasks() == 1
    recipients = [m.to[0] for m in mail.outbox[outbox:]]
    assert len(recipients) == len(set(recipients)) == 8
    assert not {d.subscription.email for d in batch[:4]} & set(recipients)
    assert sending.progress(mailing) == {"queued": 0, "sending": 1, "sent": 11, "failed": 0}
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()
