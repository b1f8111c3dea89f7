"""Finding a page or snippet in another language, with Wagtail's own lookups.

Every app uses these two instead of querying `translation_key` by hand:

- `default_translation(obj)`: the version in the default language (`LANGUAGE_CODE`, Finnish),
  which owns what all languages share (sign-ups and seats, panel applications and draws);
- `in_language(obj, language)`: the live version a reader of `language` should see (e-mails
  go out in the recipient's language, not the request's).
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale

# {language code: Locale}, each looked up once per process (Django's `Site` cache works the same
# way, django.contrib.sites.models.SITE_CACHE); emptied when a locale is saved or deleted.
_LOCALES = {}


def locale_for(language):
    """The `Locale` of `language` (a code such as "sv"), as Wagtail's
    `Locale.objects.get_for_language` finds it (the nearest supported variant), but read from the
    database once per process instead of once per call. Raises `LookupError` or
    `Locale.DoesNotExist` as Wagtail's does. Treat it as read-only: every caller shares it."""
    locale = _LOCALES.get(language)
    if locale is None:
        locale = _LOCALES[language] = Locale.objects.get_for_language(language)
    return locale


def default_locale():
    """The `Locale` of the default language (`LANGUAGE_CODE`): Wagtail's `Locale.get_default()`,
    once per process (`locale_for`; a sign-up asked for it three times)."""
    return locale_for(settings.LANGUAGE_CODE)


def active_locale():
    """Wagtail's `Locale.get_active()`: the `Locale` of the active language, else the default
    one, through `locale_for`. Wagtail asks it on every page served (routing starts from the site
    root's translation in the reader's language, `Page.route_for_request`), one query each time;
    `install` makes `Locale.get_active` this."""
    try:
        return locale_for(translation.get_language())
    except (LookupError, Locale.DoesNotExist):
        return default_locale()


def install():
    """Make Wagtail's `Locale.get_active` read the kept locales (`active_locale`); called from
    `HomeConfig.ready`."""
    Locale.get_active = classmethod(lambda cls: active_locale())


def _forget_locales(sender, **kwargs):
    _LOCALES.clear()


def _forget_locales_for_settings(setting, **kwargs):
    if setting in ("LANGUAGE_CODE", "LANGUAGES", "WAGTAIL_CONTENT_LANGUAGES"):
        _LOCALES.clear()


post_save.connect(_forget_locales, sender=Locale, dispatch_uid="kuulu_locales_save")
post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="kuulu_locales_delete")
setting_changed.connect(_forget_locales_for_settings, dispatch_uid="kuulu_locales_settings")


def default_translation(obj):
    """`obj` (a translatable page or snippet) in the default locale; `obj` itself when it has none.
    No query when `obj` is in the default locale; one (Wagtail's `get_translation_or_none`) when
    it is not."""
    default = default_locale()
    if obj.locale_id == default.pk:
        return obj
    return obj.get_translation_or_none(default) or obj


def in_language(obj, language):
    """The live version of `obj` in `language` (a code such as "sv"); `obj` itself when there is
    none, or it is not live (Wagtail's `.localized` for a language other than the active one). No
    query when `obj` is already in `language`."""
    try:
        if obj.locale_id == locale_for(language).pk:
            return obj
    except (LookupError, Locale.DoesNotExist):
        pass
    with translation.override(language):
        return obj.localized


def localized(obj):
    """Wagtail's `obj.localized` (the live version in the active language, else `obj`), without
    its query of the active `Locale` (`locale_for`), and none at all when `obj` is already in the
    active language."""
    return in_language(obj, translation.get_language() or settings.LANGUAGE_CODE)


def month_names(width="abbreviated", language=None):
    """The twelve month names (January first) of `language` (default: the active one) as CLDR
    writes them standing alone, through Babel: `width` "abbreviated" gives fi "maalis", sv
    "mars", en "Mar"; "wide" gives "maaliskuu", "mars", "March". Django's catalogues have no
    CLDR abbreviations (its "M" format gives "maa", its "N" the AP style "March")."""
    from babel.dates import get_month_names

    language = language or translation.get_language() or "fi"
    names = get_month_names(width, context="stand-alone", locale=translation.to_locale(language))
    return [names[month] for month in range(1, 13)]


def _format_pieces(format_name, language):
    """[(is a format character, text)] of `format_name` (a setting such as "DATETIME_FORMAT", or
    a format string such as "D") in `language`."""
    from django.utils import dateformat
    from django.utils.formats import get_format

    with translation.override(language):
        parts = dateformat.re_formatchars.split(str(get_format(format_name)))
    pieces = []
    for index, piece in enumerate(parts):
        if index % 2:
            pieces.append((True, piece))
        elif piece:
            pieces.append((False, dateformat.re_escaped.sub(r"\1", piece)))
    return pieces


# Format characters that are plain numbers of the value's own fields, written as Django's
# `DateFormat` writes them (django/utils/dateformat.py) without building one per value: each is a
# `str.format` field of the value, so a format of numbers only is one `str.format` call.
_NUMERIC = {
    "d": "{0.day:02d}",
    "j": "{0.day}",
    "m": "{0.month:02d}",
    "n": "{0.month}",
    "Y": "{0.year:04d}",
}
_NUMERIC_TIME = {
    "G": "{0.hour}",
    "H": "{0.hour:02d}",
    "i": "{0.minute:02d}",
    "s": "{0.second:02d}",
}


# Format characters that are the weekday's name: `WEEKDAYS_ABBR` or `WEEKDAYS` of
# django.utils.dates, as `DateFormat` writes them, read once per language.
_WEEKDAY_NAMES = {"D": "WEEKDAYS_ABBR", "l": "WEEKDAYS"}


_formatters = {}  # {(format name, language): formatter}


def date_formatter(format_name="DATETIME_FORMAT"):
    """A function `value -> str` that formats dates or datetimes exactly as Django's
    `date_format(value, format_name)` does in the active language, several times faster: the
    language's format is parsed once per process, not once a value (1,000 wheel marks, or every
    time in a listing), and a format of numbers and weekday names only (fi and sv:
    `j.n.Y \\k\\l\\o G.i`; "D", "l") is one `str.format` of the value's fields, without Django's
    `DateFormat`. Aware datetimes are formatted as given: convert them with `timezone.localtime`
    first, as `date_format` expects."""
    key = (format_name, translation.get_language())
    if key not in _formatters:
        _formatters[key] = _compile_formatter(_format_pieces(*key), key[1])
    return _formatters[key]


def _weekday_names(piece, language):
    """The seven names (Monday first) that the format character `piece` ("D" or "l") writes."""
    from django.utils import dates

    with translation.override(language):
        return [str(name) for _day, name in sorted(getattr(dates, _WEEKDAY_NAMES[piece]).items())]


def _compile_formatter(pieces, language):
    """The formatter of `date_formatter` for a format parsed into `pieces`, in `language`."""
    from datetime import datetime

    from django.utils.dateformat import DateFormat

    def with_date_format(value):
        formatter = DateFormat(value)
        return "".join(str(getattr(formatter, piece)()) if special else piece for special, piece in pieces)

    numeric = {**_NUMERIC, **_NUMERIC_TIME}
    if not all(piece in numeric or piece in _WEEKDAY_NAMES for special, piece in pieces if special):
        return with_date_format
    named = []  # the weekday names of each weekday character: the template's fields 1, 2…
    fields = []
    for special, piece in pieces:
        if not special:
            fields.append(piece.replace("{", "{{").replace("}", "}}"))
        elif piece in numeric:
            fields.append(numeric[piece])
        else:
            named.append(_weekday_names(piece, language))
            fields.append(f"{{{len(named)}}}")
    template = "".join(fields).format
    has_time = any(special and piece in _NUMERIC_TIME for special, piece in pieces)

    def format_value(value):
        # A date with a time character goes to DateFormat, which refuses it as Django does.
        if has_time and not isinstance(value, datetime):
            return with_date_format(value)
        return template(value, *(names[value.weekday()] for names in named))

    return format_value


def format_date(value, format_name="DATE_FORMAT"):
    """`date_formatter(format_name)(value)`: Django's `date_format`, faster (see above)."""
    return date_formatter(format_name)(value)
