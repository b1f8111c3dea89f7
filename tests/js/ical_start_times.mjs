// Reads an iCalendar file on stdin and prints, as JSON, every VEVENT's UID with its start and
// end in UTC as Mozilla ical.js (Thunderbird, many web widgets) understands them, using only the
// VTIMEZONEs in the file. Run by tests/test_events_clients.py.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const calendar = new ICAL.Component(ICAL.parse(readFileSync(0, "utf8")));
for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
}
const utc = (time) => time.convertToZone(ICAL.Timezone.utcTimezone).toString();
const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
  const event = new ICAL.Event(vevent);
  return { uid: event.uid, start: utc(event.startDate), end: utc(event.endDate) };
});
process.stdout.write(JSON.stringify(events));
