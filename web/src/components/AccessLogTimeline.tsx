import { useId, useMemo, useState } from 'react';
import { graphql } from '../gql';
import type { AccessLogFieldsFragment } from '../gql/graphql';
import { useTexts } from '../i18n';
import { CATEGORIES } from '../vocabulary';

export const AccessLogFields = graphql(`
  fragment AccessLogFields on AccessLogEntry {
    sequence
    at
    actorName
    actorDepartment
    ownerDepartment
    categories
    decision
    operationName
    explanation
  }
`);

interface Filters {
  who: string;
  department: string;
  category: string;
  decision: '' | 'DISCLOSED' | 'DENIED';
  from: string;
}

const NO_FILTERS: Filters = { who: '', department: '', category: '', decision: '', from: '' };

/** Pure: the entries that pass the filters (a day in `from` counts from that day's start, Danish time). */
export function filterEntries(entries: readonly AccessLogFieldsFragment[], filters: Filters): AccessLogFieldsFragment[] {
  const fromInstant = filters.from ? new Date(`${filters.from}T00:00:00`).getTime() : undefined;
  return entries.filter(
    (e) =>
      (!filters.who || e.actorName === filters.who) &&
      (!filters.department || e.actorDepartment === filters.department || e.ownerDepartment === filters.department) &&
      (!filters.category || e.categories.includes(filters.category as (typeof e.categories)[number])) &&
      (!filters.decision || e.decision === filters.decision) &&
      (fromInstant === undefined || Date.parse(e.at) >= fromInstant),
  );
}

/** The access log as a timeline in sentences ("Anna (the jobcentre) saw the plan from adult social services"), with filters. */
export function AccessLogTimeline({ entries }: { entries: readonly AccessLogFieldsFragment[] }) {
  const { t, dateTime, department, categories, category } = useTexts();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const id = useId();
  const shown = useMemo(() => filterEntries(entries, filters), [entries, filters]);
  const people = [...new Set(entries.map((e) => e.actorName))].sort();
  const departments = [
    ...new Set(entries.flatMap((e) => [e.actorDepartment, e.ownerDepartment]).filter((d): d is NonNullable<typeof d> => !!d)),
  ].sort();
  const set =
    <K extends keyof Filters>(key: K) =>
    (value: Filters[K]) =>
      setFilters((f) => ({ ...f, [key]: value }));
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
        {t.entries(shown.length)}
      </p>
      {shown.length === 0 ? (
        <p>{t.noEntries}</p>
      ) : (
        <ol className="timeline">
          {shown.map((entry) => {
            const args = [
              entry.actorName,
              department(entry.actorDepartment),
              categories(entry.categories),
              department(entry.ownerDepartment),
            ] as const;
            return (
              <li
                key={entry.sequence}
                className={`timeline-entry ${entry.decision === 'DENIED' ? 'denied' : 'disclosed'}`}
                data-testid="log-entry"
              >
                <time dateTime={entry.at}>{dateTime(entry.at)}</time>{' '}
                <span className={`badge badge-${entry.decision.toLowerCase()}`}>
                  {entry.decision === 'DENIED' ? t.refused : t.allowed}
                </span>{' '}
                {/* The candidate finder's check is no caseworker's access: it says in its own words what happened. */}
                <span>{entry.explanation ?? (entry.decision === 'DENIED' ? t.wasRefused(...args) : t.sawYourData(...args))}</span>
              </li>
            );
          })}
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
