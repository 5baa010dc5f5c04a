import type { AccessLogFieldsFragment } from '../../gql/graphql';

/** What an entry records; entries from before kinds were recorded were recorded as reads. */
export type EventKind = 'OVERVIEW' | 'READ' | 'CHANGE';
export const kindOf = (entry: AccessLogFieldsFragment): EventKind => entry.kind ?? 'READ';

/** One kind of event within a day's group: what happened, how often, and when. */
export interface LogEvent {
  key: string;
  kind: EventKind;
  decision: AccessLogFieldsFragment['decision'];
  /** Whose data; null for the joint plan. */
  ownerDepartment: string | null;
  /** Every category the event's entries name, in the order first seen. */
  categories: string[];
  /** The instants, newest first. */
  times: string[];
  /** A record that says in its own words what happened (the candidate finder's check), shown as it is. */
  explanation: string | null;
}

/** One line per person, department and day, as the citizen reads it (after sundhed.dk's Min Log). */
export interface LogGroup {
  key: string;
  actorName: string;
  actorDepartment: string | null;
  /** YYYY-MM-DD in Copenhagen. */
  day: string;
  events: LogEvent[];
}

const copenhagenDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day an instant falls on in Copenhagen, as YYYY-MM-DD. */
export function dayOf(iso: string): string {
  return copenhagenDay.format(new Date(iso));
}

/**
 * Groups the entries (newest first) by person, their department and day, and within a group by what
 * happened (kind, outcome, whose data). Pure; the entries themselves stay complete for the export.
 */
export function groupAccessLog(entries: readonly AccessLogFieldsFragment[]): LogGroup[] {
  const groups = new Map<string, LogGroup>();
  for (const entry of entries) {
    const day = dayOf(entry.at);
    const groupKey = `${entry.actorName}|${entry.actorDepartment ?? ''}|${day}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = { key: groupKey, actorName: entry.actorName, actorDepartment: entry.actorDepartment ?? null, day, events: [] };
      groups.set(groupKey, group);
    }
    const kind = kindOf(entry);
    // A change to the joint plan is one kind of event, whoever's data it drew on.
    const owner = kind === 'CHANGE' ? null : (entry.ownerDepartment ?? null);
    const explanation = entry.explanation ?? null;
    const eventKey = `${kind}|${entry.decision}|${owner ?? ''}|${explanation ?? ''}`;
    let event = group.events.find((e) => e.key === eventKey);
    if (!event) {
      event = { key: eventKey, kind, decision: entry.decision, ownerDepartment: owner, categories: [], times: [], explanation };
      group.events.push(event);
    }
    for (const category of entry.categories) if (!event.categories.includes(category)) event.categories.push(category);
    event.times.push(entry.at);
  }
  return [...groups.values()];
}

/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV with semicolons (what a Danish spreadsheet opens), a byte-order mark for its UTF-8, CRLF lines. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${rows.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}
