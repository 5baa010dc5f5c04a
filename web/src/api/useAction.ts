import { useCallback, useState } from 'react';
import type { TypedDocumentString } from '../gql/graphql';
import { useTexts } from '../i18n';
import { useMutation } from './useOperation';

/** What the user is told after an action: done, or why not (in their language, never the raw error). */
export interface Outcome {
  kind: 'ok' | 'error';
  text: string;
  /** The error code of a failure the server answered (CONFLICT asks for a reload). */
  code?: string;
}

/**
 * A form's mutation with its outcome message: `run` sends it and says, on success, what `done`
 * returns; on failure, the error code in words (`byField` for what a BAD_USER_INPUT means here).
 * While one run is in flight the form is `busy`, so a double click does not send it twice.
 */
export function useAction<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  byField: Readonly<Record<string, string>> = {},
) {
  const mutate = useMutation(document);
  const { failure: describe } = useTexts();
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (variables: TVariables, done: (data: TResult) => string): Promise<TResult | undefined> => {
      setBusy(true);
      try {
        const result = await mutate(variables);
        if (result.ok) {
          setOutcome({ kind: 'ok', text: done(result.data) });
          return result.data;
        }
        setOutcome({ kind: 'error', text: describe(result.failure, byField), code: result.failure.code });
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [mutate, describe, byField],
  );
  /** A form's own check failed before anything was sent. */
  const refuse = useCallback((text: string) => setOutcome({ kind: 'error', text }), []);
  return { run, refuse, outcome, busy };
}
