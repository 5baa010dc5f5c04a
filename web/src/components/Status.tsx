import type { ApiFailure } from '../api/client';
import { useTexts } from '../i18n';

export function Loading() {
  const { t } = useTexts();
  return (
    <p role="status" aria-live="polite">
      {t.loading}
    </p>
  );
}

/** A failure in words, with its code for the helpdesk; never the raw error. */
export function Failed({ failure }: { failure: ApiFailure }) {
  const { t } = useTexts();
  return (
    <p role="alert" className="error">
      {t.failed} ({failure.code}).
    </p>
  );
}
