import { useEffect, useRef } from 'react';
import type { Outcome } from '../api/useAction';
import { useTexts } from '../i18n';

/**
 * The outcome of a form's action, announced to screen readers; an error takes the focus, so a
 * keyboard user lands on what to fix (WCAG 3.3.1). A CONFLICT offers the reload it asks for.
 */
export function OutcomeMessage({ outcome, onReload }: { outcome: Outcome | undefined; onReload?: () => void }) {
  const { t } = useTexts();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (outcome?.kind === 'error') ref.current?.focus();
  }, [outcome]);
  return (
    <div aria-live="polite">
      {outcome && (
        <div
          ref={ref}
          tabIndex={-1}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          className={outcome.kind === 'ok' ? 'success outcome' : 'error outcome'}
          data-testid="outcome"
        >
          <p>{outcome.text}</p>
          {outcome.code === 'CONFLICT' && onReload && (
            <button type="button" onClick={onReload}>
              {t.reloadPlan}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
