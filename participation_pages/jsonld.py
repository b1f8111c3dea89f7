"""schema.org `Event` JSON-LD for event pages (search engines, city portals, aggregators)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

SCHEMA = "https://schema.org/"

# The same characters django.utils.html.json_script escapes, so the JSON cannot end the
# <script> element early or be read as HTML.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# Language codes of taxonomy.fields.LANGUAGE_CHOICES as BCP 47 tags.
BCP47 = {"fi-plain": "fi", "other": None}


def _place(venue):
    place = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.street_address,
            "postalCode": venue.postcode,
            "addressLocality": venue.city,
            "addressCountry": "FI",
        },
    }
    if venue.latitude is not None and venue.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def _organisers(event, request):
    organisers = []
    if event.organiser:
        organisers.append({"@type": "Organization", "name": event.organiser})
    if event.contact_person_id:
        person = event.contact_person
        entry = {"@type": "Person", "name": person.name}
        if person.email:
            entry["email"] = person.email
        organisers.append(entry)
    if not organisers:
        from home.models import SiteSettings

        settings = SiteSettings.for_request(request) if request else None
        if settings and settings.organisation_name:
            organisers.append({"@type": "Organization", "name": settings.organisation_name})
    return organisers


def event_data(event, request):
    """The schema.org Event as a dict."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": SCHEMA + event.status,
        "eventAttendanceMode": SCHEMA + event.attendance_mode,
        "url": event.get_full_url(request),
    }
    locations = []
    if event.venue_id and event.attendance_mode != event.AttendanceMode.ONLINE:
        locations.append(_place(event.venue))
    if event.online_url and event.attendance_mode != event.AttendanceMode.OFFLINE:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    organisers = _organisers(event, request)
    if organisers:
        data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    languages = [BCP47.get(code, code) for code in event.languages] or [event.locale.language_code]
    languages = list(dict.fromkeys(code for code in languages if code))
    data["inLanguage"] = languages[0] if len(languages) == 1 else languages
    if event.image_id:
        rendition = event.image.get_rendition("fill-1200x675")
        data["image"] = request.build_absolute_uri(rendition.url) if request else rendition.url
    return data


def event_json_ld(event, request):
    """`<script type="application/ld+json">` with the event's data, safely escaped."""
    text = json.dumps(event_data(event, request), cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_JSON_SCRIPT_ESCAPES)),  # noqa: S308 - <, > and & are escaped
    )
