/*
 * The municipality works in Copenhagen time, whatever the browser's own time zone: a meeting typed
 * as 09:30 is 09:30 in Copenhagen, also on a laptop set to UTC (issue #27: it showed 10.30).
 */
const ZONE = 'Europe/Copenhagen';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Copenhagen's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(instant: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map(({ type, value }) => [type, Number(value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(instant / 1000) * 1000;
}

/** A `datetime-local` value ("2026-12-10T09:30"), read as Copenhagen time, as an ISO 8601 instant. */
export function copenhagenToInstant(local: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) throw new Error(`Not a datetime-local value: ${local}`);
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the guess is right except within hours of a DST change; the second look settles it.
  const instant = asIfUtc - offsetAt(asIfUtc - offsetAt(asIfUtc));
  return new Date(instant).toISOString();
}
