import { useCallback, useState } from 'react';
import { useSignedIn } from './session';

/*
 * Unsent form input, kept in this tab's sessionStorage per signed-in user and form: when a session
 * ends in the middle of a form, the user signs in again and finds what they typed (issue #27: an
 * expired session never loses typed work). Signing out on purpose forgets them (a shared PC).
 */
const PREFIX = 'enplan.draft.';

function draftKey(userId: string, form: string): string {
  return `${PREFIX}${userId}.${form}`;
}

/** Forgets every draft of one user in this tab. */
export function forgetDrafts(userId: string): void {
  const mine = `${PREFIX}${userId}.`;
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(mine)) sessionStorage.removeItem(key);
}

function read<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

/**
 * `useState` for a form field whose value outlives the session: `form` names the form and what it
 * is about (e.g. `agreement.what:<cpr>`). Back at `initial` (sent, or emptied), the draft is gone;
 * `forget` drops it while keeping the value shown (a form that stays filled in once sent).
 */
export function useDraft<T>(form: string, initial: T): [T, (value: T) => void, () => void] {
  const key = draftKey(useSignedIn().user.id, form);
  const [value, setValue] = useState<T>(() => read<T>(key) ?? initial);
  const initialJson = JSON.stringify(initial);
  const update = useCallback(
    (next: T) => {
      const json = JSON.stringify(next);
      if (json === initialJson) sessionStorage.removeItem(key);
      else sessionStorage.setItem(key, json);
      setValue(next);
    },
    [key, initialJson],
  );
  const forget = useCallback(() => sessionStorage.removeItem(key), [key]);
  return [value, update, forget];
}
