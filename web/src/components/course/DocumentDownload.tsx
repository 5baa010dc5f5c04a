import { useState } from 'react';
import { useAction } from '../../api/useAction';
import { graphql } from '../../gql';
import { useTexts } from '../../i18n';
import { OutcomeMessage } from '../OutcomeMessage';

const PlanDocumentDocument = graphql(`
  query WebPlanDocument($cpr: ID!, $purpose: DocumentPurpose!) {
    citizen(cpr: $cpr) {
      cpr
      plan {
        cpr
        document(purpose: $purpose) {
          sha256
          pdfBase64
        }
      }
    }
  }
`);

/** The plan as a PDF: made on demand (what the reader may see), offered as a download with its content hash. */
export function DocumentDownload({ cpr, purposes }: { cpr: string; purposes: ReadonlyArray<'COMPLETE' | 'PENSION_CASE'> }) {
  const { t } = useTexts();
  const { run, outcome, busy } = useAction(PlanDocumentDocument);
  const [file, setFile] = useState<{ url: string; name: string; sha256: string }>();
  const make = async (purpose: 'COMPLETE' | 'PENSION_CASE') => {
    const done = await run({ cpr, purpose }, () => t.documentReady);
    const document = done?.citizen?.plan?.document;
    if (!document) return;
    const bytes = Uint8Array.from(atob(document.pdfBase64), (c) => c.charCodeAt(0));
    if (file) URL.revokeObjectURL(file.url);
    setFile({
      url: URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })),
      name: purpose === 'COMPLETE' ? 'en-plan.pdf' : 'en-plan-foertidspension.pdf',
      sha256: document.sha256,
    });
  };
  return (
    <section aria-labelledby="plan-document" className="card">
      <h2 id="plan-document">{t.planDocument}</h2>
      <p>{t.planDocumentLead}</p>
      {purposes.map((purpose) => (
        <button key={purpose} type="button" disabled={busy} onClick={() => void make(purpose)}>
          {purpose === 'COMPLETE' ? t.makeDocument : t.makePensionDocument}
        </button>
      ))}
      <OutcomeMessage outcome={outcome} />
      {file && (
        <p>
          <a href={file.url} download={file.name}>
            {t.downloadDocument} ({file.name})
          </a>{' '}
          <small>SHA-256: {file.sha256}</small>
        </p>
      )}
    </section>
  );
}
