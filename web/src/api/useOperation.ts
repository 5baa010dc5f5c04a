import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import type { TypedDocumentString } from '../gql/graphql';
import { ApiFailure, execute, failureOf, type ApiResult } from './client';

export type QueryState<T> =
  { status: 'loading' } | { status: 'failed'; failure: ApiFailure } | ({ status: 'done' } & ApiResult<T> & { data: T });

/** Runs a query when the page opens (and again on `reload`); signs out when the token is no longer accepted. */
export function useQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): [QueryState<TResult>, () => void] {
  const { session, signOut } = useSession();
  const [state, setState] = useState<QueryState<TResult>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(variables);
  const shownKey = useRef<string>(undefined);
  useEffect(() => {
    if (!session) return;
    let cancelled = false;
    // A reload keeps the page as it is until the new answer arrives (and with it any message shown).
    if (shownKey.current !== key) setState({ status: 'loading' });
    shownKey.current = key;
    execute(document, JSON.parse(key) as TVariables, session.token, session.actingFor?.cpr).then(
      (result) => !cancelled && setState({ status: 'done', ...result, data: result.data as TResult }),
      (error: unknown) => {
        if (cancelled) return;
        const failure = error instanceof ApiFailure ? error : new ApiFailure('UNKNOWN', String(error));
        if (failure.code === 'UNAUTHENTICATED') signOut('expired');
        setState({ status: 'failed', failure });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [document, key, session, signOut, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return [state, reload];
}

/** A mutation the page calls on a user's action; the result or a failure message. */
export function useMutation<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>) {
  const { session, signOut } = useSession();
  return useCallback(
    async (variables: TVariables): Promise<{ ok: true; data: TResult } | { ok: false; failure: ApiFailure }> => {
      if (!session) return { ok: false, failure: new ApiFailure('UNAUTHENTICATED', 'Signed out.') };
      try {
        const result = await execute(document, variables, session.token, session.actingFor?.cpr);
        const firstError = result.errors[0];
        if (firstError) return { ok: false, failure: failureOf(firstError) };
        return { ok: true, data: result.data as TResult };
      } catch (error) {
        const failure = error instanceof ApiFailure ? error : new ApiFailure('UNKNOWN', String(error));
        if (failure.code === 'UNAUTHENTICATED') signOut('expired');
        return { ok: false, failure };
      }
    },
    [document, session, signOut],
  );
}
