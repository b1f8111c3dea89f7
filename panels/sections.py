"""The home page's "open participation" section: panels whose applications are open now."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.images import with_card_images
from home.sections import Card, live_pages
from panels.models import ResidentPanelPage


def open_panel_cards(request, count):
    now = timezone.now()
    panels = (
        with_card_images(live_pages(ResidentPanelPage))
        .filter(
            status=ResidentPanelPage.Status.APPLICATIONS_OPEN,
            applications_open__lte=now,
            applications_close__gt=now,
        )
        .order_by("applications_close", "pk")[:count]
    )
    return [
        Card.for_page(
            panel,
            request,
            meta=[
                _("Applications close on %(close)s.")
                % {"close": date_format(timezone.localtime(panel.applications_close), "DATETIME_FORMAT")}
            ],
            participation=True,
            badge=str(panel.get_status_display()),
            kind="panel",
        )
        for panel in panels
    ]
