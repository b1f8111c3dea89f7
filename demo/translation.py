"""Texts written once in three languages, and translations made through wagtail-localize.

Demo data (and test fixtures) write every text side by side, Finnish first:

    tr = Translations()
    page = StandardPage(title=tr("Osallistu", "Delta", "Take part"), ...)

`tr(...)` returns the Finnish text and remembers the Swedish and English ones. After the
Finnish page or snippet is saved, `translate(page, tr)` creates the Swedish and English versions
*through wagtail-localize* (TranslationSource → Translation → PO import → save_target), so the
records are the ones a translator would find and keep editing.
"""

import html
import io
import random
from pathlib import Path

from django.core.files.images import ImageFile
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Locale, Page

TARGET_LANGUAGES = ("sv", "en")


class MissingDemoTranslation(Exception):
    pass


class Translations:
    """Finnish text → its Swedish and English translations."""

    def __init__(self):
        self.mapping = {code: {} for code in TARGET_LANGUAGES}

    def __call__(self, fi, sv, en):
        self.mapping["sv"][fi] = sv
        self.mapping["en"][fi] = en
        # A list written one item a line (`home.fields.TranslatableLinesField`) is translated
        # item by item: remember each line's translation too.
        lines = fi.splitlines()
        if len(lines) > 1 and len(sv.splitlines()) == len(en.splitlines()) == len(lines):
            for fi_line, sv_line, en_line in zip(lines, sv.splitlines(), en.splitlines(), strict=True):
                if fi_line.strip():
                    self.mapping["sv"][fi_line.strip()] = sv_line.strip()
                    self.mapping["en"][fi_line.strip()] = en_line.strip()
        return fi

    def html(self, *blocks):
        """Rich text from (tag, fi, sv, en) tuples, e.g. ("p", "Teksti", "Text", "Text")."""
        parts = []
        for tag, fi, sv, en in blocks:
            self(fi, sv, en)
            parts.append(f"<{tag}>{fi}</{tag}>")
        return "".join(parts)

    def paragraphs(self, *triples):
        return self.html(*[("p", *t) for t in triples])

    def lookup(self, language, text):
        """The `language` translation of Finnish `text`; KeyError if none was written."""
        mapping = self.mapping[language]
        if text in mapping:
            return mapping[text]
        # wagtail-localize unescapes entities in segments; our keys are written unescaped.
        unescaped = html.unescape(text)
        if unescaped in mapping:
            return mapping[unescaped]
        # ...and shows the line breaks of a multi-line text field as <br/>.
        if "<br/>" in unescaped:
            return self.lookup(language, unescaped.replace("<br/>", "\n")).replace("\n", "<br/>")
        raise KeyError(text)


def translate(instance, tr, languages=TARGET_LANGUAGES, publish=True, quick=False):
    """Create or update the translations of a saved Finnish page or snippet via wagtail-localize.

    Returns {language code: translated instance}. Raises MissingDemoTranslation when `tr` has no
    translation for one of the instance's translatable strings. `quick`: publish new pages with
    `publish_new` instead of Wagtail's publish action.
    """
    from wagtail_localize.models import Translation, TranslationSource

    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    results = {}
    for code in languages:
        locale = Locale.objects.get(language_code=code)
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        po = translation.export_po()
        missing = []
        for entry in po:
            try:
                entry.msgstr = tr.lookup(code, entry.msgid)
            except KeyError:
                missing.append(entry.msgid)
        if missing:
            raise MissingDemoTranslation(
                f"{instance!r} has no {code} text for: " + "; ".join(repr(m[:80]) for m in missing)
            )
        translation.import_po(po, translation_type="manual", tool_name="Kuulu demo")
        # wagtail-localize publishes pages in transaction.on_commit() with the page as it was
        # in memory, which can reset the tree's child counts when several pages are translated
        # in one transaction. Save a draft and publish it here, from a fresh copy, instead.
        draftable = isinstance(instance, DraftStateMixin)
        translation.save_target(publish=not draftable)
        target = translation.get_target_instance()
        if draftable and publish:
            target = type(target).objects.get(pk=target.pk)
            if quick and not target.live_revision_id:
                publish_new(target)
            else:
                target.get_latest_revision().publish()
                target = type(target).objects.get(pk=target.pk)
        results[code] = target
    return results


def add_child(parent, page):
    """Add `page` under `parent` with its first revision, published (`publish_new`)."""
    parent.add_child(instance=page)
    page.save_revision(clean=False)
    publish_new(page)
    return page


def publish_new(page):
    """Make the latest revision of a page that has never been published its live one.

    For content the demo loader has just saved from data, this sets what Wagtail's publish action
    would (live, live revision, publication times) without its log entry and `page_published`
    signal, which cost a tenth of a second a page and concern editors' work, not data loading.
    """
    now = timezone.now()
    state = {
        "live": True,
        "has_unpublished_changes": False,
        "live_revision_id": page.latest_revision_id,
        "first_published_at": now,
        "last_published_at": now,
    }
    Page.objects.filter(pk=page.pk).update(**state)
    for name, value in state.items():
        setattr(page, name, value)


def demo_image(title, colours=(), seed=0, description="", width=960, height=540, file=None):
    """A demo picture, reused by title: the PNG `file` under demo/data/ (the illustrations of
    demo/illustrations.py, CC0), or else an abstract picture generated from `colours`."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    if file:
        path = Path(__file__).parent / "data" / file
        image = Image(title=title, description=description)
        image.file = ImageFile(io.BytesIO(path.read_bytes()), name=path.name)
        image.save()
        return image
    rng = random.Random(seed)  # noqa: S311
    img = PILImage.new("RGB", (width, height), colours[0])
    draw = ImageDraw.Draw(img)
    for _ in range(18):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(width // 20, width // 4)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(colours[1:]))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    image = Image(title=title, description=description)
    image.file = ImageFile(buffer, name=f"demo-{seed}.png")
    image.save()
    return image
