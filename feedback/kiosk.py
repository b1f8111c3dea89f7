"""Kiosk mode: one shared tablet at a pop-up stand answering a poll or an event's feedback, or
taking ideas for a page's idea box.

A staff member starts a kiosk for one target from the admin with a PIN of 4–8 digits. Starting
logs the staff member out on that device (a resident at the tablet never holds a staff session)
and keeps in the new session only the target and the PIN's hash (Django's password hasher). While
the session is a kiosk for a target, that target's form saves every answer (marked
`channel="kiosk"`), skips the per-device cookie and the per-address rate limit, and resets for the
next person; the PIN ends the kiosk. Nothing else changes for that session.
"""

from django.contrib.auth.hashers import check_password, make_password

SESSION_KEY = "kuulu_kiosk"
POLL = "poll"
EVENT = "event"
IDEA = "idea"  # pk: the (default-language) page that holds the idea box


def start(request, kind, pk, pin):
    """Turn `request`'s (new) session into a kiosk for the poll, event or idea-box page `pk`."""
    request.session[SESSION_KEY] = {"kind": kind, "pk": int(pk), "pin": make_password(pin)}
    request.session.set_expiry(12 * 60 * 60)  # a day's stand at most


def current(request):
    """{"kind", "pk"} of the session's kiosk, or None."""
    data = getattr(request, "session", {}).get(SESSION_KEY)
    return {"kind": data["kind"], "pk": data["pk"]} if data else None


def active_for(request, kind, pk):
    """True when the session is a kiosk for this poll, event or idea-box page."""
    data = current(request)
    return bool(data and data["kind"] == kind and data["pk"] == pk)


def end(request, pin):
    """End the kiosk if `pin` is its PIN; returns whether it ended."""
    data = request.session.get(SESSION_KEY)
    if not data or not check_password(pin, data["pin"]):
        return False
    request.session.flush()
    return True
