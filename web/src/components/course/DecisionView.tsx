import { useTexts } from '../../i18n';

/** A measure of the joint decision as both the citizen and the caseworkers read it. */
export interface MeasureShown {
  id: string;
  what: string;
  department: string;
  decision: { outcome: string; legalBasis: string; reasons: string; start: string; end: string | null } | null;
}

/** The joint decision: each measure with its department's decision, legal basis, reasons and period. */
export function MeasureList({ measures }: { measures: readonly MeasureShown[] }) {
  const { t, department, enumValue, date } = useTexts();
  return (
    <ul className="plain-list">
      {measures.map((m) => (
        <li key={m.id} className="card" data-testid="measure">
          <h3>{m.what}</h3>
          <p>
            {t.decidedBy}: {department(m.department)}
          </p>
          {m.decision ? (
            <>
              <p>
                <strong>{enumValue(m.decision.outcome)}</strong>. {t.legalBasis}: {m.decision.legalBasis}.{' '}
                {t.period(date(m.decision.start), m.decision.end ? date(m.decision.end) : t.noEndDate)}
              </p>
              {m.decision.reasons && (
                <p>
                  {t.reasons}: {m.decision.reasons}
                </p>
              )}
            </>
          ) : (
            <p>{t.notDecidedYet}</p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The complaint's parts: each department's reassessment, its deadline, and what came of it. */
export function ComplaintStatus({
  parts,
}: {
  parts: ReadonlyArray<{ department: string; status: string; dueAt: string; overdue?: boolean; reasons: string | null }>;
}) {
  const { t, department, enumValue, date } = useTexts();
  return (
    <ul className="plain-list">
      {parts.map((p) => (
        <li key={p.department} className="card" data-testid="complaint-part">
          <h3>{department(p.department)}</h3>
          <p>
            <strong>{enumValue(p.status)}</strong>
            {p.status === 'REASSESSING' && <> ({t.answerBy(date(p.dueAt))})</>}
            {p.overdue && <> – {t.deadlinePassed}</>}
          </p>
          {p.reasons && (
            <p>
              {t.reasons}: {p.reasons}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
