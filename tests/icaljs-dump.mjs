#!/usr/bin/env node
// tests/icaljs-dump.mjs: how ical.js (Mozilla Thunderbird's and many web
// clients' iCalendar library) reads aarshjul's feeds.
//
// usage: node tests/icaljs-dump.mjs FEED.ics [...] > DUMP.json
//
// Parses each feed with ICAL.parse and new ICAL.Component, registers the
// feed's own VTIMEZONEs with ICAL.TimezoneService (so that a TZID resolves to
// the zone the feed defines, not to anything built in), and prints
//   {"FEED.ics": [{"uid": ..., "start": ..., "end": ..., "allday": bool,
//                  "summary": ..., "description": ... or null}, ...], ...}
// start/end: "YYYY-MM-DD" for all-day events, "YYYY-MM-DDTHH:MM:SSZ" (UTC)
// for timed ones; summary and description unescaped as ical.js reads them.  The feed keys are the arguments as given.
// tests/ics-gate.py --icaljs DUMP.json compares these with the wheel.
//
// Exit status: 0; 1 when a feed does not parse, or a TZID does not resolve
// to a VTIMEZONE of its feed (the JSON is still printed for the other
// feeds); 2 on a usage error.  Messages go to stderr.

import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const feeds = process.argv.slice(2);
if (feeds.length === 0) {
  process.stderr.write('usage: node tests/icaljs-dump.mjs FEED.ics [...] > DUMP.json\n');
  process.exit(2);
}

let status = 0;
const out = {};

function fail(feed, msg) {
  process.stderr.write(`icaljs-dump: ${feed}: ${msg}\n`);
  status = 1;
}

function utcString(t) {
  return t.convertToZone(ICAL.Timezone.utcTimezone).toString();
}

for (const feed of feeds) {
  let cal;
  try {
    cal = new ICAL.Component(ICAL.parse(readFileSync(feed, 'utf8')));
  } catch (e) {
    fail(feed, `parse error: ${e.message}`);
    continue;
  }
  if (cal.name !== 'vcalendar') {
    fail(feed, `top-level component is ${cal.name}, not vcalendar`);
    continue;
  }

  // Only this feed's zones: nothing registered for an earlier feed may help.
  ICAL.TimezoneService.reset();
  const own = new Set();
  for (const vtz of cal.getAllSubcomponents('vtimezone')) {
    try {
      const tz = new ICAL.Timezone(vtz);
      ICAL.TimezoneService.register(tz);
      own.add(tz.tzid);
    } catch (e) {
      fail(feed, `VTIMEZONE: ${e.message}`);
    }
  }

  const events = [];
  for (const vevent of cal.getAllSubcomponents('vevent')) {
    const uid = vevent.getFirstPropertyValue('uid');
    try {
      const ev = new ICAL.Event(vevent);
      const s = ev.startDate;
      const e = ev.endDate;
      if (!s) {
        fail(feed, `${uid}: no DTSTART`);
        continue;
      }
      for (const [name, t] of [['DTSTART', s], ['DTEND', e]]) {
        const prop = vevent.getFirstProperty(name.toLowerCase());
        const tzid = prop ? prop.getParameter('tzid') : null;
        if (tzid && (!own.has(tzid) || !t.zone || t.zone.tzid !== tzid)) {
          fail(feed, `${uid}: ${name} TZID=${tzid} does not resolve to a VTIMEZONE of the feed`);
        }
      }
      const allday = s.isDate;
      events.push({
        uid,
        start: allday ? s.toString() : utcString(s),
        end: e ? (e.isDate ? e.toString() : utcString(e)) : null,
        allday,
        summary: vevent.getFirstPropertyValue('summary'),
        description: vevent.getFirstPropertyValue('description'),
      });
    } catch (err) {
      fail(feed, `${uid}: ${err.message}`);
    }
  }
  out[feed] = events;
}

process.stdout.write(JSON.stringify(out, null, 1) + '\n');
process.exit(status);
