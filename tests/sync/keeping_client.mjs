// A subscribed calendar that keeps what it once saw, as khal (via vdirsyncer) and calcurse do:
// each refresh of the feed is parsed with Mozilla's ical.js (Thunderbird's parser) and merged into
// the local items by UID; a newer SEQUENCE (or LAST-MODIFIED) replaces an item, an item that
// leaves the feed stays as the client last saw it. Prints the local items as JSON, sorted by UID.
// usage: node keeping_client.mjs ICAL_JS_DIR FEED1.ics [FEED2.ics …]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [icalDir, ...feeds] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(path.join(icalDir, 'dist', 'ical.js')).href)).default;
const local = new Map();

for (const feed of feeds) {
  const root = new ICAL.Component(ICAL.parse(fs.readFileSync(feed, 'utf8')));
  for (const vevent of root.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const item = {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate ? event.startDate.toString() : null,
      end: event.endDate ? event.endDate.toString() : null,
      status: vevent.getFirstPropertyValue('status') || 'CONFIRMED',
      sequence: Number(vevent.getFirstPropertyValue('sequence') || 0),
      modified: String(vevent.getFirstPropertyValue('last-modified') || ''),
    };
    const known = local.get(item.uid);
    if (!known || item.sequence > known.sequence ||
        (item.sequence === known.sequence && item.modified > known.modified)) {
      local.set(item.uid, item);
    }
  }
}
const items = [...local.values()].sort((a, b) => (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0));
process.stdout.write(JSON.stringify(items));
