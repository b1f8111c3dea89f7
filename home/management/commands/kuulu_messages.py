"""Keep the fi/sv/en catalogues of every app in step with the code.

    manage.py kuulu_messages           # makemessages for all apps, fill en, compile .mo
    manage.py kuulu_messages --check   # fail if a catalogue is stale, incomplete, uncompiled
                                       # or translates a phrase differently from another one

Each app keeps its own catalogue in `<app>/locale/`; the site shell (templates/, home/,
site_config/) uses the top-level `locale/`. Compiling uses polib, so only extraction needs
GNU gettext.
"""

import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

LANGUAGES = ["fi", "sv", "en"]
IGNORE = [".venv", "var", "tests", "node_modules", ".git", "media", "static/css", "static/js"]


def catalogue_paths(base):
    return sorted(p for p in Path(base).glob("**/locale/*/LC_MESSAGES/*.po") if ".venv" not in p.parts)


def fill_english(po):
    """English msgids are the English text: copy them so the en catalogue is complete."""
    changed = False
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            if not all(entry.msgstr_plural.values()):
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
                changed = True
        elif not entry.msgstr:
            entry.msgstr = entry.msgid
            changed = True
    return changed


def problems(po_path):
    po = polib.pofile(str(po_path))
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            found.append(f"{po_path}: fuzzy: {entry.msgid[:60]!r}")
        elif entry.msgid_plural:
            if not entry.msgstr_plural or not all(entry.msgstr_plural.values()):
                found.append(f"{po_path}: untranslated plural: {entry.msgid[:60]!r}")
        elif not entry.msgstr:
            found.append(f"{po_path}: untranslated: {entry.msgid[:60]!r}")
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        found.append(f"{mo_path}: missing, run `make messages`")
    else:
        mo = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo_path))}
        expected = {
            (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
            for e in po.translated_entries()
            if "fuzzy" not in e.flags
        }
        if {k: v for k, v in mo.items() if k[1]} != expected:
            found.append(f"{mo_path}: out of date with its .po, run `make messages`")
    return found


def conflicts(base, language):
    """Phrases that two of the catalogues under `base` translate differently into `language`.

    Django merges every app's catalogue into one and silently keeps a single translation of
    each (msgctxt, msgid), so a word with two meanings needs a context (`pgettext`) or its own
    msgid, and a word with one meaning needs one translation everywhere. Obsolete and
    untranslated entries are left out. Returns {(msgctxt or None, msgid): {catalogue path
    relative to `base`: translation}} with only the phrases that have two or more different
    translations; plural entries compare all their forms.
    """
    seen = defaultdict(dict)
    for po_path in catalogue_paths(base):
        if po_path.parts[-3] != language:
            continue
        for entry in polib.pofile(str(po_path)):
            translation = dict(entry.msgstr_plural) if entry.msgid_plural else entry.msgstr
            if entry.obsolete or not translation:
                continue
            seen[(entry.msgctxt, entry.msgid)][str(po_path.relative_to(base))] = translation
    return {key: found for key, found in seen.items() if len({repr(t) for t in found.values()}) > 1}


def describe_conflicts(base, languages=LANGUAGES):
    """One line per catalogue of each conflicting phrase (see `conflicts`), for error messages."""
    lines = []
    for language in languages:
        for (context, msgid), found in sorted(conflicts(base, language).items(), key=lambda i: i[0][1]):
            phrase = f"{msgid!r}" + (f" (context {context!r})" if context else "")
            lines.append(f"{language}: {phrase} is translated differently:")
            lines += [f"    {path}: {translation!r}" for path, translation in sorted(found.items())]
    return lines


def msgids(po_path):
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path)) if not e.obsolete}


class Command(BaseCommand):
    help = "Extract, complete (en) and compile the fi/sv/en catalogues; --check only verifies."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, check=False, **options):
        base = Path(settings.BASE_DIR)
        if check:
            self.check_catalogues(base)
            return
        self.extract(base)
        for po_path in catalogue_paths(base):
            po = polib.pofile(str(po_path))
            if po_path.parts[-3] == "en" and fill_english(po):
                po.save()
            po.save_as_mofile(str(po_path.with_suffix(".mo")))
        issues = [p for po_path in catalogue_paths(base) for p in problems(po_path)]
        for issue in issues:
            self.stdout.write(issue)
        self.stdout.write(
            f"{len(catalogue_paths(base))} catalogues compiled, {len(issues)} entries need translating."
        )

    def extract(self, base):
        if shutil.which("xgettext") is None:
            raise CommandError("GNU gettext is needed to extract messages (apt install gettext).")
        own_apps = [
            a for a in settings.INSTALLED_APPS if "." not in a and (base / a).is_dir() and a != "home"
        ]
        for app_locale in [base / "locale", *(base / a / "locale" for a in own_apps)]:
            app_locale.mkdir(exist_ok=True)
        args = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "--no-location", "--no-wrap"]
        for language in LANGUAGES:
            args += ["-l", language]
        for pattern in IGNORE:
            args += ["--ignore", pattern]
        subprocess.run(args, cwd=base, check=True)  # noqa: S603

    def check_catalogues(self, base):
        issues = [p for po_path in catalogue_paths(base) for p in problems(po_path)]
        issues += describe_conflicts(base)
        if shutil.which("xgettext"):
            issues += self.stale(base)
        else:
            self.stderr.write("xgettext not found: skipped the check that catalogues match the code.")
        if issues:
            raise CommandError("\n".join(issues))
        self.stdout.write(self.style.SUCCESS("Catalogues are complete, compiled and up to date."))

    def stale(self, base):
        """Extract into a scratch copy of the project and compare message ids."""
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "src"
            shutil.copytree(base, copy, ignore=shutil.ignore_patterns(*IGNORE, "*.sqlite3*", "__pycache__"))
            self.extract(copy)
            found = []
            for po_path in catalogue_paths(copy):
                original = base / po_path.relative_to(copy)
                if not original.exists():
                    found.append(f"{original}: missing, run `make messages`")
                    continue
                added = msgids(po_path) - msgids(original)
                for _ctx, msgid in sorted(added, key=lambda x: x[1])[:20]:
                    found.append(f"{original}: not extracted yet: {msgid[:60]!r}")
            return found
