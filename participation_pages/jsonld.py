"""schema.org `Event` JSON-LD for event pages (search engines, city portals, aggregators)."""

from django.utils import timezone

from home.site_url import absolute_url
from home.structured_data import json_ld_script, share_image_url
from participation_pages import extensions

SCHEMA = "https://schema.org/"

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
        organiser = {"@type": "Organization", "name": event.organiser}
        if event.organiser_url:
            organiser["url"] = event.organiser_url
        organisers.append(organiser)
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
            # The city itself: its name from Site settings, its address the site's.
            organisers.append(
                {"@type": "Organization", "name": settings.organisation_name, "url": absolute_url("/")}
            )
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
    # Free, and as available as the sign-up panel says (participation_pages.extensions).
    data["offers"] = {
        "@type": "Offer",
        "price": "0",
        "priceCurrency": "EUR",
        "availability": extensions.availability(event),
        "url": event.get_full_url(request),
    }
    organisers = _organisers(event, request)
    if organisers:
        data["organizer"] = organisers[0] if len(organisers) == 1 else organisers
    languages = [BCP47.get(code, code) for code in event.languages] or [event.locale.language_code]
    languages = list(dict.fromkeys(code for code in languages if code))
    data["inLanguage"] = languages[0] if len(languages) == 1 else languages
    if event.image_id:
        rendition = event.image.get_rendition("fill-1200x675")
        data["image"] = absolute_url(rendition.url)
    else:
        data["image"] = share_image_url()  # search engines show events with a picture
    return data


def event_json_ld(event, request):
    """`<script type="application/ld+json">` with the event's data, safely escaped."""
    return json_ld_script(event_data(event, request))
