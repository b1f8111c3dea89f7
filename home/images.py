"""Images on cards and in listings: one rendition size and its prefetch, so a listing's query
count does not grow with the number of pictures.

Every card (`templates/includes/card.html`) shows its image as the `CARD_FILTER` rendition
(16:9, 640 × 360 px, cropped around the focal point), organisation logos as `LOGO_FILTER`
(fitted in 320 × 160 px, never cropped). A listing's queryset goes through `with_card_images`
(or `with_card_images(qs, "logo", LOGO_FILTER)`), which prefetches the image rows with those
renditions (Wagtail's `prefetch_renditions`): two queries for the whole listing.
"""

from django.db.models import Prefetch
from wagtail.images import get_image_model

CARD_FILTER = "fill-640x360"
LOGO_FILTER = "max-320x160"


def with_card_images(queryset, field="image", filter_spec=CARD_FILTER):
    """`queryset` with its `field` image (a ForeignKey to Wagtail's image model) and that
    image's `filter_spec` rendition prefetched."""
    images = get_image_model().objects.prefetch_renditions(filter_spec)
    return queryset.prefetch_related(Prefetch(field, queryset=images))
