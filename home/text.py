"""Clean text at the door and at the exit: characters that no one types on purpose and that
break other people's parsers (XML 1.0 §2.2 forbids them in feeds and sitemaps, openpyxl refuses
them in spreadsheets, RFC 5545 in iCalendar text).

- At the door, `validate_no_control_characters` refuses them with a translated message in every
  text field of the Wagtail admin's forms (registered as a Wagtail form-field override in
  `register_admin_validators`) and of every public form (`home.forms.AbuseProtectedFormMixin`).
- At the exit, `strip_control_characters` removes them in every serializer (feeds, iCalendar,
  JSON-LD, spreadsheets, e-mail), so text saved before the check (or written to the database
  directly) cannot break an output.

Refused: C0 controls other than tab, line feed and carriage return (browsers send a text
area's line breaks as CR LF), DEL, C1 controls (U+0080–U+009F), the noncharacters U+FFFE and
U+FFFF, and lone surrogates. Word and PowerPoint put U+000B (vertical tab) into copied text.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def strip_control_characters(text):
    """`text` (a str, or None) without the characters this module refuses; other values as given."""
    if isinstance(text, str):
        return CONTROL_CHARACTERS.sub("", text)
    return text


def clean_deep(value):
    """`value` with `strip_control_characters` applied to every string in it, through dicts,
    lists and tuples (e.g. a JSON-LD document before `json.dumps`); they come back as plain
    dicts, lists and tuples."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, dict):
        return {clean_deep(key): clean_deep(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return tuple(clean_deep(item) for item in value)
    if isinstance(value, list):
        return [clean_deep(item) for item in value]
    return value


def validate_no_control_characters(value):
    """Raise ValidationError (code "control_character") if `value` holds a refused character."""
    if not isinstance(value, str):
        return
    found = CONTROL_CHARACTERS.search(value)
    if found:
        character = found.group()
        raise ValidationError(
            _(
                "Remove the invisible control character %(code)s from this text (it often comes "
                "with text copied from Word or PowerPoint)."
            ),
            code="control_character",
            params={"code": f"U+{ord(character):04X}"},
        )


def control_character_errors(form):
    """Add a field error to `form` for every cleaned text value holding a refused character."""
    for name, value in list(getattr(form, "cleaned_data", {}).items()):
        try:
            validate_no_control_characters(value)
        except ValidationError as error:
            form.add_error(name, error)


def _strings(value):
    """Every str inside `value` (a StreamField's JSON-able data: dicts, lists, strings)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def stream_form_field_class():
    """Wagtail's StreamField form field (`BlockField`) that also refuses, at the top of the
    stream, a block text holding a refused character: headings, captions, quotes, table cells
    and rich text inside blocks. (`BlockField.clean` runs no field validators.)"""
    from wagtail.blocks import BlockField
    from wagtail.blocks.stream_block import StreamBlockValidationError

    class CleanTextBlockField(BlockField):
        def clean(self, value):
            value = super().clean(value)
            for text in _strings(self.block.get_prep_value(value)):
                try:
                    validate_no_control_characters(text)
                except ValidationError as error:
                    raise StreamBlockValidationError(non_block_errors=[error]) from None
            return value

    return CleanTextBlockField


def register_admin_validators():
    """Every CharField and TextField of every model edited in the Wagtail admin (pages, snippets,
    settings) gets `validate_no_control_characters`, through Wagtail's form-field overrides; every
    StreamField checks the texts of its blocks the same way (`stream_form_field_class`)."""
    from wagtail.admin.forms.models import DIRECT_FORM_FIELD_OVERRIDES, register_form_field_override
    from wagtail.fields import StreamField

    register_form_field_override(StreamField, override={"form_class": stream_form_field_class()})
    validators = {"validators": [validate_no_control_characters]}
    register_form_field_override(models.CharField, override=validators)
    # Wagtail's own override for plain text areas matches the exact class first; keep its widget.
    text_area = DIRECT_FORM_FIELD_OVERRIDES.get(models.TextField, {})
    register_form_field_override(models.TextField, override={**text_area, **validators}, exact_class=True)
    register_form_field_override(models.TextField, override=validators)
