import { useState, type FormEvent } from 'react';
import { useQuery } from '../api/useOperation';
import { AccessLogTimeline } from '../components/AccessLogTimeline';
import { Failed, Loading } from '../components/Status';
import { maskCpr, normaliseCpr } from '../cpr';
import { useTexts } from '../i18n';
import { AccessLogDocument, LOG_PAGE_SIZE } from './AccessLogPage';

/** The auditor searches one citizen's access log; the CPR is shown masked. */
export function Auditor() {
  const { t } = useTexts();
  const [input, setInput] = useState('');
  const [error, setError] = useState<string>();
  const [cpr, setCpr] = useState<string>();
  const search = (event: FormEvent) => {
    event.preventDefault();
    const parsed = normaliseCpr(input);
    setError(parsed ? undefined : t.invalidCpr);
    setCpr(parsed);
  };
  return (
    <>
      <h1 tabIndex={-1}>{t.auditor}</h1>
      <p>{t.auditorLead}</p>
      <form onSubmit={search} noValidate className="card">
        <div className="field">
          <label htmlFor="audit-cpr">{t.cprLabel}</label>
          <input
            id="audit-cpr"
            inputMode="numeric"
            autoComplete="off"
            value={input}
            onChange={(e) => setInput(e.target.value)}
            aria-describedby="audit-cpr-error"
            aria-invalid={error ? true : undefined}
          />
          <p id="audit-cpr-error" className="error" aria-live="polite">
            {error}
          </p>
        </div>
        <button type="submit">{t.search}</button>
      </form>
      <section aria-labelledby="chain" className="card">
        <h2 id="chain">{t.chainStatus}</h2>
        <p>{t.chainNotExposed}</p>
      </section>
      {cpr && <AuditResult cpr={cpr} />}
    </>
  );
}

function AuditResult({ cpr }: { cpr: string }) {
  const { t } = useTexts();
  const [state] = useQuery(AccessLogDocument, { cpr, first: LOG_PAGE_SIZE });
  return (
    <section aria-labelledby="audit-result">
      <h2 id="audit-result">
        {t.accessLog} · {maskCpr(cpr)}
      </h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'failed' && <Failed failure={state.failure} />}
      {state.status === 'done' && state.data.citizen && (
        <AccessLogTimeline entries={state.data.citizen.accessLog} headingLevel={3} />
      )}
    </section>
  );
}
