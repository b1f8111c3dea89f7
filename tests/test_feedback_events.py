"""Issue 5: the standard three-question event feedback, its timing, the QR poster and results."""

import csv
import io
import re
from datetime import timedelta

import pytest
import time_machine
import zxingcpp
from django.urls import reverse
from PIL import Image, ImageDraw
from wagtail import hooks

from demo.translation import translate
from feedback.models import EventFeedback, EventFeedbackQuestions, FeedbackSettings
from home import roles
from tests.fixtures_events import helsinki

pytestmark = pytest.mark.django_db

START = helsinki(2030, 3, 10, 18, 0)  # the make_event default; it ends at 20.00


@pytest.fixture
def event(make_event):
    return make_event(translate_to_all=True)


def feedback_url(event):
    return event.url + event.reverse_subpage("feedback")


def test_feedback_opens_at_the_start_and_closes_after_the_configured_days(client, event, site_tree):
    url = feedback_url(event)
    with time_machine.travel(START - timedelta(minutes=1), tick=False):
        page = client.get(url).content.decode()
        assert "Palaute aukeaa tapahtuman alkaessa" in page and "<textarea" not in page
        assert "Anna palautetta" not in client.get(event.url).content.decode()
    with time_machine.travel(START, tick=False):
        page = client.get(url).content.decode()
        assert "Kuinka hyvin tapahtuma toimi sinulle?" in page and 'name="good"' in page
        assert "Anna palautetta" in client.get(event.url).content.decode()
    # Default: 14 days after the end (20.00).
    with time_machine.travel(START + timedelta(hours=2, days=14) - timedelta(seconds=1), tick=False):
        assert 'name="rating"' in client.get(url).content.decode()
    with time_machine.travel(START + timedelta(hours=2, days=14), tick=False):
        assert "Palaute tästä tapahtumasta on päättynyt." in client.get(url).content.decode()

    settings = FeedbackSettings.for_site(site_tree["site"])
    settings.feedback_open_days = 3
    settings.save()
    with time_machine.travel(START + timedelta(days=4), tick=False):
        assert "on päättynyt" in client.get(url).content.decode()
    event.feedback_open_days = 30  # the event's own setting wins
    event.save_revision().publish()
    with time_machine.travel(START + timedelta(days=20), tick=False):
        assert 'name="rating"' in client.get(url).content.decode()


def test_the_survey_and_the_event_page_keep_the_feedback_settings_between_requests(client, event, site_tree):
    """The window is read from the request's site (Wagtail's `for_request`), and the settings row
    is kept between requests (`home.page_cache.RememberedSiteSetting`): the survey read the site's
    settings twice a request, and the event page's feedback box looked up the default site and its
    settings again on every view."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    FeedbackSettings.for_site(site_tree["site"])  # the row exists, as on a running site
    with time_machine.travel(START, tick=False):
        for url, shows in ((feedback_url(event), 'name="good"'), (event.url, "Anna palautetta")):
            client.get(url)  # the site's root paths and remembered values, as on a running site
            with CaptureQueriesContext(connection) as queries:
                page = client.get(url).content.decode()
            assert shows in page, url
            settings_reads = [q for q in queries if "feedback_feedbacksettings" in q["sql"]]
            assert settings_reads == [], url  # kept since the warm-up request
            assert not [q for q in queries if '"is_default_site"' in q["sql"]], url


def test_cancelled_events_take_no_feedback(client, make_event):
    from participation_pages.models import EventPage

    event = make_event(status=EventPage.Status.CANCELLED)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert 'name="rating"' not in client.get(feedback_url(event)).content.decode()


def test_answering_is_anonymous_validated_and_counted_once(client, event):
    url = feedback_url(event)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        response = client.post(url, {"rating": "", "good": "x" * 501, "develop": ""})
        assert response.status_code == 400
        html = response.content.decode()
        assert 'id="error-summary"' in html and "Valitse numero 1–5." in html
        assert "Varmista, että tämä arvo on enintään 500 merkkiä" in html or "500" in html
        assert "x" * 501 in html
        response = client.post(
            url,
            {"rating": "4", "good": "Hyvä keskustelu", "develop": "Isompi sali"},
            REMOTE_ADDR="198.51.100.9",
        )
        assert response.status_code == 302
        answer = EventFeedback.objects.get()
        assert (answer.rating, answer.good, answer.develop, answer.language) == (
            4,
            "Hyvä keskustelu",
            "Isompi sali",
            "fi",
        )
        assert "198.51.100.9" not in str(EventFeedback.objects.values().get())
        again = client.get(url).content.decode()
        assert "Olet jo antanut palautetta tästä tapahtumasta" in again
        client.post(url, {"rating": "1"})
        assert EventFeedback.objects.count() == 1


def test_questions_are_editable_per_language(client, event, site_tree):
    tr = site_tree["tr"]
    questions = EventFeedbackQuestions.objects.create(
        locale=event.locale,
        rating_question=tr("Miten ilta onnistui?", "Hur lyckades kvällen?", "How did the evening go?"),
        good_question=tr("Mikä toimi?", "Vad fungerade?", "What worked?"),
        develop_question=tr("Mitä muuttaisit?", "Vad skulle du ändra?", "What would you change?"),
    )
    translate(questions, tr)
    with time_machine.travel(START + timedelta(hours=1), tick=False):
        assert "Miten ilta onnistui?" in client.get(feedback_url(event)).content.decode()
        sv = event.translations["sv"]
        assert "Vad skulle du ändra?" in client.get(feedback_url(sv)).content.decode()
        en = event.translations["en"]
        assert "What would you change?" in client.get(feedback_url(en)).content.decode()


def rasterise_svg(svg, pixels_per_module=10):
    """Draw segno's SVG path (one unit per module: M/m moves, h runs) onto a PNG for decoding."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    path = re.search(r'class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    image = Image.new("L", (size * pixels_per_module,) * 2, 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            top = (y - 0.5) * pixels_per_module
            draw.rectangle(
                [
                    x * pixels_per_module,
                    top,
                    (x + float(a)) * pixels_per_module - 1,
                    top + pixels_per_module - 1,
                ],
                fill=0,
            )
            x += float(a)
    return image


def test_poster_qr_code_decodes_to_the_feedback_url(client, event):
    poster = client.get(event.url + event.reverse_subpage("feedback_poster"))
    html = poster.content.decode()
    expected = "http://testserver" + feedback_url(event)
    assert f'<a href="{expected}">{expected}</a>' in html
    svg = re.search(r"<svg[^>]*class=\"qr-code\".*?</svg>", html, re.S).group(0)
    decoded = zxingcpp.read_barcodes(rasterise_svg(svg))
    assert [code.text for code in decoded] == [expected]

    png = client.get(event.url + event.reverse_subpage("feedback_qr_png"))
    assert png["Content-Type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert [code.text for code in decoded] == [expected]


def _seed_feedback(event, ratings, sv_ratings=()):
    for n, rating in enumerate(ratings):
        EventFeedback.objects.create(
            event=event, rating=rating, good=f"Hyvää {n}" if n % 2 == 0 else "", language="fi"
        )
    for rating in sv_ratings:
        EventFeedback.objects.create(
            event=event.translations["sv"], rating=rating, develop="Mer kaffe", language="sv"
        )


def test_staff_results_chart_table_and_csv(admin_client, event):
    _seed_feedback(event, [5, 4, 4, 2, 5], sv_ratings=[3])
    html = admin_client.get(reverse("feedback_admin:event", args=[event.pk])).content.decode()
    assert re.findall(r'data-count="(\d+)"', html) == ["0", "1", "1", "2", "2"]
    assert '<th scope="row">4</th><td>2</td><td>33 %</td>' in html
    assert "Hyvää 0" in html and "Hyvää 2" in html and "Mer kaffe" in html
    assert re.search(r"6 (answers|vastausta)", html)
    assert "3.83" in html or "3,83" in html

    response = admin_client.get(reverse("feedback_admin:event_csv", args=[event.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 7
    assert sorted(int(r[3]) for r in rows[1:]) == [2, 3, 4, 4, 5, 5]
    assert [r[2] for r in rows[1:]].count("sv") == 1


def test_follow_up_cites_the_feedback_summary(client, make_event, site_tree):
    import datetime

    tr = site_tree["tr"]
    event = make_event(
        start=helsinki(2026, 1, 10, 18, 0),
        follow_up_what_happened=tr.paragraphs(
            ("Keskustelimme torista.", "Vi diskuterade torget.", "We discussed the square.")
        ),
        follow_up_published_at=datetime.date(2026, 1, 20),
        follow_up_feedback_summary=True,
        translate_to_all=True,
    )
    _seed_feedback(event, [5, 4, 3])
    html = client.get(event.url).content.decode()
    assert "3 osallistujaa vastasi palautekyselyyn. Keskiarvo 4,0 / 5." in html
    assert re.findall(r'data-count="(\d+)"', html) == ["0", "0", "1", "1", "1"]
    en = client.get(event.translations["en"].url).content.decode()
    assert "3 participants answered the feedback survey. Average score 4.0 / 5." in en


def test_feedback_report_compares_events_and_uses_signup_counts_when_available(admin_client, make_event):
    from feedback import signups

    first = make_event(
        title=("Ilta A", "Kväll A", "Evening A"), start=helsinki(2030, 2, 1, 18, 0), translate_to_all=True
    )
    second = make_event(title=("Ilta B", "Kväll B", "Evening B"), start=helsinki(2030, 2, 15, 18, 0))
    make_event(title=("Ilta C", "Kväll C", "Evening C"), start=helsinki(2030, 5, 1, 18, 0))
    _seed_feedback(first, [5, 3], sv_ratings=[4])
    _seed_feedback(second, [2])
    url = reverse("feedback_admin:report") + "?start=2030-01-01&end=2030-03-31"

    html = admin_client.get(url).content.decode()
    assert "Ilta A" in html and "Ilta B" in html and "Ilta C" not in html
    assert re.findall(r'class="report__count">(\d+)<', html) == ["3", "1"]
    assert re.findall(r'class="report__rate">([^<]+)<', html) == ["–", "–"]  # no sign-up counts yet
    assert 'class="report__total">4<' in html

    def counter(events):
        return {e.pk: 6 for e in events if e.pk == first.pk}

    with hooks.register_temporarily(signups.HOOK, counter):
        html = admin_client.get(url).content.decode()
    assert re.findall(r'class="report__rate">([^<]+)<', html) == ["50 %", "–"]


def test_moderators_see_results_and_editors_do_not(client, event, django_user_model):

    _seed_feedback(event, [4])
    url = reverse("feedback_admin:event", args=[event.pk])
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(roles.group("editors"))
    client.force_login(editor)
    assert client.get(url).status_code == 403
    assert reverse("feedback_admin:index") not in client.get(reverse("wagtailadmin_home")).content.decode()

    moderator = django_user_model.objects.create_user("moderator", password="x")
    moderator.groups.add(roles.group("moderators"))
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 200 and 'data-count="1"' in response.content.decode()
    assert reverse("feedback_admin:index") in client.get(reverse("wagtailadmin_home")).content.decode()
