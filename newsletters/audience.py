"""Who a composed newsletter goes to: a named list, or the subscribers of given areas and themes.

- A named list (`NewsletterArchivePage.list_slug`, e.g. "associations"): every active
  (confirmed, not deactivated) subscription that chose it.
- Areas and themes: every active subscription that chose something besides named lists (areas,
  themes, formats or kinds) and whose choices match, with the same rules as the digest
  (`newsletters.digest.Matcher`) and every Kuulu listing: the area rule
  (`taxonomy.filters.related_areas`: a district also matches its major area, a major area its
  districts, not sibling districts) and "none chosen" meaning "all". When the newsletter names
  areas, a subscriber matches if they chose no area or one related to a named area; likewise for
  themes. Naming no area means any area (and likewise no theme). A subscription that chose only
  named lists asked for those newsletters only, so it is never reached this way.

Both read the subscriptions in one query and match them in memory.
"""

from newsletters.models import Subscription

LIST = "list"
AREAS_THEMES = "areas_themes"


def _active():
    return Subscription.objects.filter(confirmed_at__isnull=False, deactivated_at__isnull=True)


def recipients(*, list_slug=None, areas=(), themes=()):
    """Primary keys (list of int, in id order) of the active subscriptions a newsletter goes to.

    list_slug: a named list's slug; or, when it is None, areas and themes: the slugs (of the
    default locale's `taxonomy.Area` and `Theme`) the newsletter concerns, at least one of them.
    Raises ValueError when neither a list nor an area or theme is given.
    """
    rows = _active().order_by("pk").values_list("pk", "areas", "themes", "formats", "kinds", "lists")
    if list_slug is not None:
        return [pk for pk, *_choices, lists in rows if list_slug in (lists or [])]
    if not areas and not themes:
        raise ValueError("A newsletter's audience needs a list, an area or a theme.")
    from newsletters.digest import Matcher

    matcher = Matcher()
    areas, themes = set(areas), set(themes)
    found = []
    for pk, chosen_areas, chosen_themes, formats, kinds, lists in rows:
        if lists and not (chosen_areas or chosen_themes or formats or kinds):
            continue  # named lists only
        if areas and chosen_areas and not matcher.expand(chosen_areas) & areas:
            continue
        if themes and chosen_themes and not set(chosen_themes) & themes:
            continue
        found.append(pk)
    return found
