"""Images for tests: real files in Wagtail's image library, made with Pillow (or SVG text)."""

import io

from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model


def make_image(title, size=(640, 360), colour=(11, 61, 145), alt=""):
    """A PNG of one colour, `size` pixels, saved as a Wagtail image titled `title`."""
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png"),
        description=alt,
    )


def make_svg_image(title, svg, width, height):
    """An SVG file (`svg`, text; `width` × `height` its size) saved as a Wagtail image."""
    return get_image_model().objects.create(
        title=title,
        file=SimpleUploadedFile(f"{title}.svg", svg.encode(), content_type="image/svg+xml"),
        width=width,
        height=height,
    )
