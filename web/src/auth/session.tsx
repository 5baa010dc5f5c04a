import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';

/** Who is signed in, as the token says. Only for the page's own choices: the gateway verifies the token. */
export interface SessionUser {
  role: 'CASEWORKER' | 'CITIZEN' | 'AUDITOR';
  name: string;
  department?: string;
  cpr?: string;
}

export interface Session {
  token: string;
  user: SessionUser;
}

const SESSION_KEY = 'enplan.session';

function decodeClaims(token: string): SessionUser | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    if (typeof json.exp === 'number' && json.exp * 1000 < Date.now()) return undefined;
    const role = json.role;
    if (role !== 'CASEWORKER' && role !== 'CITIZEN' && role !== 'AUDITOR') return undefined;
    return {
      role,
      name: typeof json.name === 'string' ? json.name : '',
      ...(typeof json.department === 'string' && { department: json.department }),
      ...(typeof json.cpr === 'string' && { cpr: json.cpr }),
    };
  } catch {
    return undefined;
  }
}

/** The signed-in persona's token in this tab, if any (GraphiQL starts with it). */
export function storedToken(): string | undefined {
  return stored()?.token;
}

function stored(): Session | undefined {
  // sessionStorage: the token lives as long as the tab, not on the shared municipal PC's disk for days.
  const token = sessionStorage.getItem(SESSION_KEY);
  const user = token ? decodeClaims(token) : undefined;
  return token && user ? { token, user } : undefined;
}

interface SessionValue {
  session: Session | undefined;
  signIn(token: string): boolean;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(stored);
  const signIn = useCallback((token: string) => {
    const user = decodeClaims(token);
    if (!user) return false;
    sessionStorage.setItem(SESSION_KEY, token);
    setSession({ token, user });
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
