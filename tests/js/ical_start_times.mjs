// Reads iCalendar files and prints, as JSON, every VEVENT's UID with its start and end in UTC as
// Mozilla ical.js (Thunderbird, many web widgets) understands them, using only the VTIMEZONEs in
// the same file. Run by tests/test_events_clients.py. Input on stdin: one iCalendar file, or a
// JSON array of them (one Node process for many files); output: the events, or one array each.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const utc = (time) => time.convertToZone(ICAL.Timezone.utcTimezone).toString();

function read(text) {
  // Only this file's time zones: forget those another file registered.
  ICAL.TimezoneService.reset();
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  return calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return { uid: event.uid, start: utc(event.startDate), end: utc(event.endDate) };
  });
}

const input = readFileSync(0, "utf8");
const output = input.trimStart().startsWith("[") ? JSON.parse(input).map(read) : read(input);
process.stdout.write(JSON.stringify(output));
