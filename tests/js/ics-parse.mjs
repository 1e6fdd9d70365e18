// Reads an iCalendar file with ical.js (an independent RFC 5545 parser) and prints its events as JSON:
// what a calendar app would take from it. Usage: node ics-parse.mjs FILE
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';

const calendar = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], 'utf8')));
const events = calendar.getAllSubcomponents('vevent').map(component => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    url: component.getFirstPropertyValue('url'),
    status: component.getFirstPropertyValue('status'),
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    startIsUtc: event.startDate.zone?.tzid === 'UTC' || event.startDate.timezone === 'Z',
    end: event.endDate.toJSDate().toISOString(),
    alarms: component.getAllSubcomponents('valarm').map(alarm => alarm.getFirstPropertyValue('trigger').toString()),
  };
});
console.log(JSON.stringify({ prodid: calendar.getFirstPropertyValue('prodid'), events }));
