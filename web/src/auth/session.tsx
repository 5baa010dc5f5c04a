import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { GATEWAY_ORIGIN } from '../api/client';

/** Who is signed in, as the gateway established it (/auth/me): the app never reads a token's claims itself. */
export interface SessionUser {
  role: 'CASEWORKER' | 'CITIZEN' | 'AUDITOR' | 'COORDINATOR';
  name: string;
  department?: string;
  cpr?: string;
}

export interface Session {
  token: string;
  user: SessionUser;
}

const SESSION_KEY = 'enplan.session';

function isSessionUser(value: unknown): value is SessionUser {
  const v = value as Partial<SessionUser> | null;
  return (
    !!v &&
    typeof v.name === 'string' &&
    (v.role === 'CASEWORKER' || v.role === 'CITIZEN' || v.role === 'AUDITOR' || v.role === 'COORDINATOR')
  );
}

function stored(): Session | undefined {
  // sessionStorage: the token lives as long as the tab, not on a shared municipal PC's disk for days.
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return session && typeof session.token === 'string' && isSessionUser(session.user) ? session : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in persona's token in this tab, if any (GraphiQL starts with it). */
export function storedToken(): string | undefined {
  return stored()?.token;
}

/** Asks the gateway whom a token names; undefined when it does not accept the token. */
async function whoIs(token: string): Promise<SessionUser | undefined> {
  const response = await fetch(`${GATEWAY_ORIGIN}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return undefined;
  const actor: unknown = await response.json();
  return isSessionUser(actor) ? actor : undefined;
}

interface SessionValue {
  session: Session | undefined;
  signIn(token: string): Promise<boolean>;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(stored);
  const signIn = useCallback(async (token: string) => {
    const user = await whoIs(token);
    if (!user) return false;
    const next = { token, user };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    setSession(next);
    return true;
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(SESSION_KEY);
    setSession(undefined);
  }, []);
  return <SessionContext.Provider value={{ session, signIn, signOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in session; pages below the sign-in gate may rely on it. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return session;
}
