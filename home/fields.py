"""Model fields that several apps define the same way.

Each function returns an ordinary Django field with the project's settings for one kind of
value, so the migrations see exactly the field they would see written out.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

ALT_TEXT_MAX_LENGTH = 250


def optional_reference(to, verbose_name, **kwargs):
    """A ForeignKey to `to` that may be empty and is emptied (not deleted with it) when its
    target is deleted; no reverse accessor on the target (related_name "+")."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )


def optional_image(verbose_name=None):
    """An optional image from Wagtail's image library (see `optional_reference`), by default
    labelled "image"."""
    return optional_reference("wagtailimages.Image", verbose_name or _("image"))


def alt_text(verbose_name, help_text):
    """The alternative text written for one use of an image (WCAG 2.1 success criterion 1.1.1),
    at most 250 characters and optional; `help_text` says what an empty one means there."""
    return models.CharField(verbose_name, max_length=ALT_TEXT_MAX_LENGTH, blank=True, help_text=help_text)


class TranslatableLinesField(models.TextField):
    """A plain-text list, one item a line (form-builder choices, meeting places), whose items
    wagtail-localize translates one by one.

    wagtail-localize makes a whole text field one segment and shows its line breaks as `<br/>`,
    which translators and machine translation lose ("Trafik och gatorSkolor" as one choice).
    This field gives each non-empty line its own segment (path: the line's number from 0) and
    joins the translated items with line breaks again, so a translation always has as many
    lines as its source. A line break typed inside one item's translation becomes a space.
    Stored and edited like a TextField (the column does not change)."""

    @staticmethod
    def items(value):
        """The non-empty lines of `value`, stripped: `"a\\n\\n b "` → `["a", "b"]`."""
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    def get_translatable_segments(self, value):
        from wagtail_localize.segments import StringSegmentValue

        return [StringSegmentValue(str(number), item) for number, item in enumerate(self.items(value))]

    def restore_translated_segments(self, value, segments):
        def number(segment):
            return int(segment.path) if segment.path.isdigit() else 0

        lines = []
        for segment in sorted(segments, key=number):
            text = segment.render_text() if hasattr(segment, "render_text") else str(segment.data)
            lines.append(" ".join(text.split()))
        return "\n".join(lines)
