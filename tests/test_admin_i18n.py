"""The Finnish and Swedish admin show no English string of Kuulu's own (issue 11).

Every main admin page of Kuulu's apps (staff areas, reports, settings, snippet listings and
forms, the edit or add form of every Kuulu page type) and the staff e-mails are rendered in
Finnish and Swedish; no text a person reads (text nodes, and the `title`, `aria-label`,
`placeholder` and `alt` attributes) may be one of Kuulu's English msgids whose translation in
that language is different. A hit names the page, the text and the catalogue it comes from."""

import functools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.urls import reverse
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile

from directory.models import OrganisationImport
from home.emails import render_email
from registrations import services

LANGUAGES = ("fi", "sv")
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
SKIPPED_TAGS = {"script", "style", "template"}


def kuulu_apps():
    """Kuulu's own app configs: those whose code lives in this repository."""
    base = Path(settings.BASE_DIR).resolve()
    return [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == base]


def english_msgids(language):
    """{English msgid: catalogue} of Kuulu's catalogues whose `language` translation is missing
    or differs (a msgid translated as itself, such as "CSV", is not English)."""
    found = {}
    for config in kuulu_apps():
        path = Path(config.path) / "locale" / language / "LC_MESSAGES" / "django.po"
        if not path.exists():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or entry.msgid_plural:
                continue
            # an untranslated entry shows its msgid: English too
            if entry.msgstr.strip() != entry.msgid.strip() and len(entry.msgid) > 2:
                found[" ".join(entry.msgid.split())] = f"{config.label}/locale/{language}"
    return found


# Not Kuulu's: Wagtail's own header writes aria-label="Actions" without translating it
# (wagtailadmin/shared/headers/_actions.html); language names are written in their own language
# (settings.LANGUAGES: "Suomi", "Svenska", "English"), as language switchers should.
NOT_KUULUS = {("aria-label", "Actions"), ("text", "English"), ("option", "English")}


JSON_TEXT_KEYS = {"label", "helpText", "help_text", "heading", "title", "description", "text"}


def _json_strings(value):
    """The texts in the admin's JSON: strings under keys that hold words for people (`label`,
    `helpText`…), not identifiers (`name`, `type`)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                if key in JSON_TEXT_KEYS:
                    yield item
            else:
                yield from _json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item)


class ReadableText(HTMLParser):
    """The texts a person reads on an HTML page, whitespace collapsed, as (where, text): text
    nodes, the attributes people read, and the strings of the JSON the admin's scripts render
    (the sidebar menu, StreamField block definitions)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = []
        self.skipping = 0
        self.json_script = False
        self.tag = None

    def handle_starttag(self, tag, attrs):
        self.tag = tag
        attributes = dict(attrs)
        if tag in SKIPPED_TAGS:
            self.skipping += 1
            self.json_script = tag == "script" and attributes.get("type") == "application/json"
        for name, value in attrs:
            if not value:
                continue
            if name in READ_ATTRIBUTES:
                self.texts.append((name, value))
            elif name.startswith("data-") and value.lstrip()[:1] in "[{":
                self._json(value)

    def _json(self, value):
        try:
            data = json.loads(value)
        except ValueError:
            return
        self.texts.extend(("json", text) for text in _json_strings(data))

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
            self.json_script = False

    def handle_data(self, data):
        if self.json_script:
            self._json(data)
        elif not self.skipping:
            self.texts.append(("option" if self.tag == "option" else "text", data))


def readable_texts(html):
    parser = ReadableText()
    parser.feed(html)
    texts = set()
    for where, text in parser.texts:
        text = " ".join(text.split())
        if text and (where, text) not in NOT_KUULUS and ("text", text) not in NOT_KUULUS:
            texts.add(text)
            texts.add(text.rstrip(":").strip())
    return texts


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


@functools.cache
def _placeholder_patterns(msgids):
    """([(pattern, msgid)], one pattern matching where any of them does) for the msgids with
    placeholders, compiled once per set of msgids rather than once per page."""
    patterns = [
        (".+?".join(re.escape(part) for part in PLACEHOLDER.split(msgid)[::2]) + "$", msgid)
        for msgid in msgids
        if PLACEHOLDER.search(msgid) and len(PLACEHOLDER.sub("", msgid).strip()) > 6
    ]
    any_pattern = re.compile("|".join(f"(?:{p})" for p, _ in patterns)) if patterns else None
    return [(re.compile(p), msgid) for p, msgid in patterns], any_pattern


def english_hits(texts, msgids):
    """The texts that are an English msgid, as "'text' (catalogue)"; a msgid with placeholders
    (`%(title)s`) matches a text with anything in their place."""
    patterns, any_pattern = _placeholder_patterns(tuple(msgids))
    hits = set()
    for text in texts:
        lowered = text[:1].lower() + text[1:]  # a verbose name ("answers") shown as a label ("Answers")
        if text in msgids or lowered in msgids:
            hits.add(f"{text!r} ({msgids.get(text) or msgids[lowered]})")
            continue
        if any_pattern is None or not any_pattern.match(text):
            continue  # one search for most texts, instead of one per pattern
        for pattern, msgid in patterns:
            if pattern.match(text):
                hits.add(f"{text!r} ({msgids[msgid]}: {msgid!r})")
    return sorted(hits)


@pytest.fixture
def staff_objects(signup_event, panel_page, poll, event_refs, directory_page, site_tree):
    event = signup_event(capacity=2)
    services.sign_up(event, name="Aino", email="aino@example.org", answers={"tyopaja": "koulut"})
    imports = [
        OrganisationImport.objects.create(
            directory=directory_page["fi"],
            file_name="yhdistykset.csv",
            status=status,
            total=3,
            processed=1,
            check_counts={"created": 1, "updated": 0, "skipped": 1, "error": 1},
            check_results=[[2, "Kuoro ry", "error", ["summary: ?"]], [3, "Kuoro ry", "skipped", ["?"]]],
        )
        for status in (OrganisationImport.Status.CHECKED, OrganisationImport.Status.IMPORTING)
    ]
    return {"event": event, "panel": panel_page["fi"], "poll": poll, "imports": imports}


def admin_urls(objects):
    """(name, URL) of the main admin pages of Kuulu's apps."""
    event, panel, poll = objects["event"], objects["panel"], objects["poll"]
    urls = [
        ("sign-ups", reverse("registrations_admin:index")),
        ("sign-ups of an event", reverse("registrations_admin:event", args=[event.pk])),
        ("add a sign-up", reverse("registrations_admin:add", args=[event.pk])),
        ("feedback results", reverse("feedback_admin:index")),
        ("poll results", reverse("feedback_admin:poll", args=[poll.pk])),
        ("event feedback", reverse("feedback_admin:event", args=[event.pk])),
        ("feedback report", reverse("feedback_admin:report")),
        ("resident panels", reverse("panels_admin:index")),
        ("panel selection", reverse("panels_admin:selection", args=[panel.pk])),
        ("panel members", reverse("panels_admin:members", args=[panel.pk])),
        ("import associations", reverse("directory_admin:import")),
        *(
            (f"association import, {job.status}", reverse("directory_admin:import_status", args=[job.pk]))
            for job in objects["imports"]
        ),
        ("follow-ups due", reverse("participation_pages_follow_ups_due")),
        ("second factor set-up", reverse("kuulu_second_factor_setup")),
    ]
    site = Site.objects.get(is_default_site=True)
    labels = {c.label for c in kuulu_apps()}
    for model in apps.get_models():
        if model._meta.app_label in labels and issubclass(model, BaseSiteSetting):
            url = reverse(
                "wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name, site.pk]
            )
            urls.append((f"settings: {model._meta.verbose_name}", url))
    for model in get_snippet_models():
        if model._meta.app_label not in labels:
            continue
        viewset = model.snippet_viewset
        listing = reverse(viewset.get_url_name("list"))
        if issubclass(model, TranslatableMixin):  # the Finnish ones: the others' names are content
            listing += "?locale=fi"
        urls.append((f"snippets: {model._meta.verbose_name_plural}", listing))
        urls.append((f"add {model._meta.verbose_name}", reverse(viewset.get_url_name("add"))))
        first = (
            model.objects.filter(locale__language_code="fi").first()
            if issubclass(model, TranslatableMixin)
            else model.objects.first()
        )
        if first is not None:
            urls.append(
                (f"edit {model._meta.verbose_name}", reverse(viewset.get_url_name("edit"), args=[first.pk]))
            )
    # every Kuulu page type: the edit form of one that exists, else the add form under a parent
    pages = Page.objects.filter(locale__language_code="fi", depth__gt=1).specific()
    existing = {}
    for page in pages:
        existing.setdefault(type(page), page)
    for model in apps.get_models():
        if not issubclass(model, Page) or model is Page or model._meta.app_label not in labels:
            continue
        if model in existing:
            urls.append(
                (f"edit {model.__name__}", reverse("wagtailadmin_pages:edit", args=[existing[model].pk]))
            )
            continue
        parent = next((p for p in existing.values() if model in type(p).allowed_subpage_models()), None)
        if parent is not None:
            urls.append(
                (
                    f"add {model.__name__}",
                    reverse(
                        "wagtailadmin_pages:add",
                        args=[model._meta.app_label, model._meta.model_name, parent.pk],
                    ),
                )
            )
    return urls


@pytest.mark.parametrize("language", LANGUAGES)
def test_kuulu_admin_pages_show_no_english_string_of_kuulus_own(
    admin_client, superuser, staff_objects, language
):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = language
    profile.save()
    msgids = english_msgids(language)
    assert len(msgids) > 500  # the catalogues were found
    failures = []
    visited = 0
    for name, url in admin_urls(staff_objects):
        response = admin_client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        html = response.content.decode()
        assert f'lang="{language}"' in html, (name, url)
        hits = english_hits(readable_texts(html), msgids)
        if hits:
            failures.append(f"{name} ({url}): " + ", ".join(hits))
        visited += 1
    assert visited >= 30
    assert not failures, "English in the admin:\n" + "\n".join(failures)


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_emails_show_no_english_string_of_kuulus_own(staff_objects, language):
    """The organisers' seat alerts (80 % and full), in each staff language."""
    event = staff_objects["event"]
    msgids = english_msgids(language)
    failures = []
    for level in (80, 100):
        message = render_email(
            "registrations/emails/organiser_alert",
            {
                "event": event,
                "level": level,
                "figures": services.availability(event),
                "admin_url": "https://example.org/admin/",
            },
            to=["organiser@example.org"],
            language=language,
        )
        texts = {" ".join(message.subject.split())}
        for line in message.body.splitlines():
            line = " ".join(line.replace("https://example.org/admin/", "").split())
            texts |= {line, line.rstrip(":")}
        texts |= readable_texts(message.alternatives[0][0])
        assert len(texts) > 3
        hits = english_hits(texts, msgids)
        if hits:
            failures.append(f"organiser alert {level} %: " + ", ".join(hits))
    assert mail.outbox == []
    assert not failures, "\n".join(failures)


def test_the_check_finds_english_in_text_attributes_and_the_admins_json():
    """The comparison itself: an English msgid is found as text, in a read attribute and in the
    sidebar's JSON; its Finnish translation and Wagtail's own untranslated aria-label are not."""
    msgids = english_msgids("fi")
    sidebar = json.dumps({"_args": [{"name": "signups", "label": "Event sign-ups"}]})
    html = (
        '<p>Event sign-ups</p><a title="Attendance saved.">x</a><p>Tapahtumailmoittautumiset</p>'
        '<nav aria-label="Actions"></nav>'
        f'<script type="application/json" id="wagtail-sidebar-props">{sidebar}</script>'
    )
    texts = readable_texts(html)
    assert {"Event sign-ups", "Attendance saved."} <= texts and "Actions" not in texts
    assert english_hits(texts, msgids) == [
        "'Attendance saved.' (registrations/locale/fi)",
        "'Event sign-ups' (registrations/locale/fi)",
    ]
    assert english_hits({"Agreed to the privacy notice"}, msgids) == [
        "'Agreed to the privacy notice' (registrations/locale/fi)"
    ]
    assert english_hits({"Aino attended", "Aino oli paikalla"}, msgids) == [
        "'Aino attended' (registrations/locale/fi: '%(name)s attended')"
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderation_emails_show_no_english_string_of_kuulus_own(
    standard_page, language, django_capture_on_commit_callbacks
):
    """Wagtail's *submitted for review* e-mail to the moderators, in each moderator's language.
    The workflow's and task's names are data (issue 11b gives them in the default language); this
    checks the rest of what Kuulu puts in the message."""
    from django.contrib.auth import get_user_model

    from home import roles

    moderator = get_user_model().objects.create_user("moderator", "moderator@example.org", "x")
    moderator.groups.add(roles.group("moderators"))
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "x")
    editor.groups.add(roles.group("editors"))
    page = standard_page["fi"]
    page.save_revision(user=editor)
    mail.outbox = []
    with django_capture_on_commit_callbacks(execute=True):
        page.get_workflow().start(page, editor)
    messages = [m for m in mail.outbox if m.to == ["moderator@example.org"]]
    assert messages, [m.to for m in mail.outbox]
    data_names = {roles.WORKFLOW_NAME, roles.TASK_NAME}
    msgids = {k: v for k, v in english_msgids(language).items() if k not in data_names}
    failures = []
    for message in messages:
        texts = {" ".join(message.subject.split())}
        for line in message.body.splitlines():
            texts.add(" ".join(line.split()))
        for html, _type in message.alternatives:
            texts |= readable_texts(html)
        failures += english_hits(texts, msgids)
    assert not failures, failures


@pytest.mark.parametrize("outcome", ["approve", "reject"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_approval_and_rejection_emails_show_no_english_string_of_kuulus_own(
    standard_page, language, outcome, django_capture_on_commit_callbacks
):
    """Wagtail's *approved* and *rejected* e-mails to the editor who submitted the page, in the
    editor's language: none of Kuulu's English msgids, and the workflow's and task's names as
    Kuulu stores them (Finnish, never the English "Review before publishing")."""
    from django.contrib.auth import get_user_model

    from home import roles

    editor = get_user_model().objects.create_user("editor", "editor@example.org", "x")
    editor.groups.add(roles.group("editors"))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    moderator = get_user_model().objects.create_user("moderator", "moderator@example.org", "x")
    moderator.groups.add(roles.group("moderators"))
    page = standard_page["fi"]
    page.save_revision(user=editor)
    with django_capture_on_commit_callbacks(execute=True):
        state = page.get_workflow().start(page, editor)
    mail.outbox = []
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        task_state.task.specific.on_action(task_state.specific, moderator, outcome, comment="")
    messages = [m for m in mail.outbox if m.to == ["editor@example.org"]]
    assert len(messages) == 1, [m.to for m in mail.outbox]
    (message,) = messages
    texts = {" ".join(message.subject.split())} | {
        " ".join(line.split()) for line in message.body.splitlines()
    }
    for html, _type in message.alternatives:
        texts |= readable_texts(html)
    data_names = {roles.WORKFLOW_NAME, roles.TASK_NAME}
    msgids = {k: v for k, v in english_msgids(language).items() if k not in data_names}
    assert not english_hits(texts, msgids)
    whole = message.subject + message.body
    assert "Tarkistus ennen julkaisua" in whole or "Moderaattorin hyväksyntä" in whole
    assert "Review before publishing" not in whole and "Moderator approval" not in whole
