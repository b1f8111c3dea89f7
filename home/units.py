"""Moderators limited to their unit's events (`home.models.Unit`, `EventPage.owner_unit`).

The rule, for every view that shows residents' contact details tied to an event: a superuser or
a staff member who belongs to no unit sees every event's; a member of one or more units sees
only the events those units own, and an event without an owner unit is city-wide (only the
former see it). Views call `require_in_scope` (an event outside the scope is 403, Django's
`PermissionDenied`) and list events through `in_scope`.
"""

from django.core.exceptions import PermissionDenied


def unit_scope(user):
    """The ids of the units whose events `user` is limited to, or None for no limit."""
    if user.is_superuser:
        return None
    return set(user.kuulu_units.values_list("pk", flat=True)) or None


def in_scope(user, queryset, field="owner_unit"):
    """`queryset` narrowed to the objects whose `field` (a Unit foreign key) is in the user's scope."""
    scope = unit_scope(user)
    return queryset if scope is None else queryset.filter(**{f"{field}__in": scope})


def require_in_scope(user, unit_id):
    """Raise PermissionDenied (403) unless an object owned by `unit_id` (or None) is in scope."""
    scope = unit_scope(user)
    if scope is not None and unit_id not in scope:
        raise PermissionDenied
