import { useId, useMemo, useState } from 'react';
import { graphql } from '../gql';
import type { AccessLogFieldsFragment } from '../gql/graphql';
import { useTexts, type Texts } from '../i18n';
import { CATEGORIES } from '../vocabulary';
import { actorName } from './actorName';
import { groupAccessLog, kindOf, toCsv, type EventKind, type LogEvent } from './accessLog/groupAccessLog';

export const AccessLogFields = graphql(`
  fragment AccessLogFields on AccessLogEntry {
    sequence
    at
    actorName
    actorDepartment
    ownerDepartment
    categories
    decision
    kind
    operationName
    explanation
    representativeName
    representedName
  }
`);

interface Filters {
  who: string;
  department: string;
  category: string;
  decision: '' | 'DISCLOSED' | 'DENIED';
  kind: '' | EventKind;
  from: string;
}

const NO_FILTERS: Filters = { who: '', department: '', category: '', decision: '', kind: '', from: '' };

/** Pure: the entries that pass the filters (a day in `from` counts from that day's start, Danish time). */
export function filterEntries(entries: readonly AccessLogFieldsFragment[], filters: Filters): AccessLogFieldsFragment[] {
  const fromInstant = filters.from ? new Date(`${filters.from}T00:00:00`).getTime() : undefined;
  return entries.filter(
    (e) =>
      (!filters.who || e.actorName === filters.who) &&
      (!filters.department || e.actorDepartment === filters.department || e.ownerDepartment === filters.department) &&
      (!filters.category || e.categories.includes(filters.category as (typeof e.categories)[number])) &&
      (!filters.decision || e.decision === filters.decision) &&
      (!filters.kind || kindOf(e) === filters.kind) &&
      (fromInstant === undefined || Date.parse(e.at) >= fromInstant),
  );
}

/** What happened, as the end of a sentence that starts with who did it: whole, in plain words, whatever the kind. */
function describe(
  { t, department, categories }: Texts,
  event: Pick<LogEvent, 'kind' | 'decision' | 'ownerDepartment' | 'categories'>,
) {
  const owner = event.ownerDepartment;
  const refused = event.decision === 'DENIED';
  if (event.kind === 'CHANGE') return t.logChangeJoint;
  if (event.kind === 'OVERVIEW') {
    if (owner === null) return refused ? t.logRefusedOverviewJoint : t.logOverviewJoint;
    return refused ? t.logRefusedOverviewCase(department(owner)) : t.logOverviewCase(department(owner));
  }
  if (owner === null) return refused ? t.logRefusedJoint : t.logReadJoint;
  return refused
    ? t.logRefused(categories(event.categories), department(owner))
    : t.logRead(categories(event.categories), department(owner));
}

/** "Anna Mortensen (Jobcentret)", or the name alone for someone of no department. */
function who({ department }: Texts, name: string, actorDepartment: string | null | undefined): string {
  return actorDepartment ? `${name} (${department(actorDepartment)})` : name;
}

/** The entries as a spreadsheet, one row each: the export is complete where the view groups. */
function exportCsv(texts: Texts, entries: readonly AccessLogFieldsFragment[]): string {
  const { t, dateTime, department, categories } = texts;
  return toCsv([
    t.csvHeader,
    ...entries.map((e) => {
      const event = {
        kind: kindOf(e),
        decision: e.decision,
        ownerDepartment: e.ownerDepartment ?? null,
        categories: e.categories,
      };
      return [
        dateTime(e.at),
        e.actorName,
        department(e.actorDepartment),
        describe(texts, event),
        e.decision === 'DENIED' ? t.refused : t.allowed,
        categories(e.categories),
        department(e.ownerDepartment),
      ];
    }),
  ]);
}

/**
 * "Who saw my data" as the citizen reads it (after sundhed.dk's Min Log): one line per person,
 * department and day, each kind of event a whole sentence with how often and, on demand, when.
 * Filterable; the filtered entries download as a CSV, one row each.
 */
export function AccessLogTimeline({
  entries,
  headingLevel = 2,
}: {
  entries: readonly AccessLogFieldsFragment[];
  /** The level of each line's heading, below the page's own. @default 2 */
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const texts = useTexts();
  const { t, language, department, category } = texts;
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const id = useId();
  // Each entry named once, in the reader's language; grouping, filters and the export all read that name.
  const named = useMemo(() => entries.map((e) => ({ ...e, actorName: actorName(texts, e) })), [entries, texts]);
  const shown = useMemo(() => filterEntries(named, filters), [named, filters]);
  const groups = useMemo(() => groupAccessLog(shown), [shown]);
  const locale = language === 'da' ? 'da-DK' : 'en-GB';
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'Europe/Copenhagen' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'Europe/Copenhagen' });
  const people = [...new Set(named.map((e) => e.actorName))].sort();
  const departments = [
    ...new Set(named.flatMap((e) => [e.actorDepartment, e.ownerDepartment]).filter((d): d is NonNullable<typeof d> => !!d)),
  ].sort();
  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setFilters((f) => ({ ...f, [key]: value }));
  const csvHref = useMemo(() => `data:text/csv;charset=utf-8,${encodeURIComponent(exportCsv(texts, shown))}`, [texts, shown]);
  return (
    <>
      <form className="filters" aria-label={t.filters} onSubmit={(e) => e.preventDefault()}>
        <Select
          id={`${id}-who`}
          label={t.filterWho}
          value={filters.who}
          onChange={set('who')}
          options={people.map((p) => [p, p])}
        />
        <Select
          id={`${id}-dep`}
          label={t.filterDepartment}
          value={filters.department}
          onChange={set('department')}
          options={departments.map((d) => [d, department(d)])}
        />
        <Select
          id={`${id}-kind`}
          label={t.filterKind}
          value={filters.kind}
          onChange={(v) => set('kind')(v as Filters['kind'])}
          options={[
            ['OVERVIEW', t.kindOverview],
            ['READ', t.kindRead],
            ['CHANGE', t.kindChange],
          ]}
        />
        <Select
          id={`${id}-cat`}
          label={t.filterCategory}
          value={filters.category}
          onChange={set('category')}
          options={CATEGORIES.map((c) => [c, category(c)])}
        />
        <Select
          id={`${id}-dec`}
          label={t.filterDecision}
          value={filters.decision}
          onChange={(v) => set('decision')(v as Filters['decision'])}
          options={[
            ['DISCLOSED', t.allowed],
            ['DENIED', t.refused],
          ]}
        />
        <div className="field">
          <label htmlFor={`${id}-from`}>{t.filterFrom}</label>
          <input id={`${id}-from`} type="date" value={filters.from} onChange={(e) => set('from')(e.target.value)} />
        </div>
      </form>
      <p role="status" aria-live="polite">
        {t.logGroups(groups.length, shown.length)}{' '}
        {shown.length > 0 && (
          <a href={csvHref} download={t.csvFileName}>
            {t.exportCsv}
          </a>
        )}
      </p>
      {groups.length === 0 ? (
        <p>{t.noEntries}</p>
      ) : (
        <ol className="log-groups">
          {groups.map((group) => (
            <li key={group.key} className="card log-group" data-testid="log-group">
              <Heading className="log-group-heading">
                {who(texts, group.actorName, group.actorDepartment)}
                <span className="log-group-day">
                  {' · '}
                  <time dateTime={group.day}>{dayFormat.format(new Date(group.events[0]!.times[0]!))}</time>
                </span>
              </Heading>
              <ul className="log-events">
                {group.events.map((event) => (
                  <li key={event.key} className="log-event" data-testid="log-event">
                    <span className={`badge badge-${event.decision.toLowerCase()}`}>
                      {event.decision === 'DENIED' ? t.refused : t.allowed}
                    </span>{' '}
                    {/* The candidate finder's check is no caseworker's access: it says in its own words what happened. */}
                    <span data-testid="log-sentence">
                      {event.explanation ?? `${group.actorName} ${describe(texts, event)}.`}
                    </span>{' '}
                    <span className="log-count">{t.logCount(event.times.length)}</span>
                    <details>
                      <summary>{t.logTimes}</summary>
                      <p>
                        {t.logTimesOf(event.times.length)}:{' '}
                        {event.times.map((time, i) => (
                          <span key={`${time}-${i}`}>
                            {i > 0 && ', '}
                            <time dateTime={time}>{timeFormat.format(new Date(time))}</time>
                          </span>
                        ))}
                      </p>
                    </details>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function Select({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  const { t } = useTexts();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t.all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}
