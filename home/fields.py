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
