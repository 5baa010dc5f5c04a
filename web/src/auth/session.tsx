import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { GATEWAY_ORIGIN } from '../api/client';
import { forgetDrafts } from './drafts';
import { refreshSignIn, type OidcSettings } from './oidc';

/** Who is signed in, as the gateway established it (/auth/me): the app never reads a token's claims itself. */
export interface SessionUser {
  role: 'CASEWORKER' | 'CITIZEN' | 'AUDITOR' | 'COORDINATOR' | 'OMBUD' | 'PROVIDER';
  id: string;
  name: string;
  department?: string;
  cpr?: string;
}

/**
 * How a session is renewed before its token ends: the dev picker issues a new token for the same
 * identity; an OpenID Connect provider that handed out a refresh token trades it for a new ID token.
 */
export type Renewal = { kind: 'dev'; who: string } | { kind: 'oidc'; settings: OidcSettings; refreshToken: string };

export interface Session {
  token: string;
  user: SessionUser;
  /** When the gateway stops accepting the token (ISO 8601), as /auth/me says. */
  expiresAt: string;
  renewal?: Renewal;
  /** The citizen the signed-in representative acts for (docs/design.md rule 13): sent as X-Act-For on every request. */
  actingFor?: ActingFor;
}

export interface ActingFor {
  cpr: string;
  name: string;
}

/** Why the sign-in page is shown: nobody signed in yet, or a session ended by itself (say so). */
export type SignedOutReason = 'expired' | undefined;

const SESSION_KEY = 'enplan.session';

function isSessionUser(value: unknown): value is SessionUser {
  const v = value as Partial<SessionUser> | null;
  return (
    !!v &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    (v.role === 'CASEWORKER' ||
      v.role === 'CITIZEN' ||
      v.role === 'AUDITOR' ||
      v.role === 'COORDINATOR' ||
      v.role === 'OMBUD' ||
      v.role === 'PROVIDER')
  );
}

function stored(): Session | undefined {
  // sessionStorage: the token lives as long as the tab, not on a shared municipal PC's disk for days.
  try {
    const session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return session && typeof session.token === 'string' && typeof session.expiresAt === 'string' && isSessionUser(session.user)
      ? session
      : undefined;
  } catch {
    return undefined;
  }
}

/** The signed-in persona's token in this tab, if any (GraphiQL starts with it). */
export function storedToken(): string | undefined {
  return stored()?.token;
}

/** Asks the gateway whom a token names and until when; undefined when it does not accept the token. */
async function whoIs(token: string): Promise<{ user: SessionUser; expiresAt: string } | undefined> {
  const response = await fetch(`${GATEWAY_ORIGIN}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return undefined;
  const { expiresAt, ...actor } = (await response.json()) as { expiresAt?: unknown };
  return isSessionUser(actor) && typeof expiresAt === 'string' ? { user: actor, expiresAt } : undefined;
}

/** A new token for a renewable session, or undefined when the provider will not give one. */
async function renewedToken(renewal: Renewal): Promise<{ token: string; renewal: Renewal } | undefined> {
  if (renewal.kind === 'oidc') {
    const refreshed = await refreshSignIn(renewal.settings, renewal.refreshToken);
    return refreshed && { token: refreshed.idToken, renewal: { ...renewal, refreshToken: refreshed.refreshToken } };
  }
  const response = await fetch(`${GATEWAY_ORIGIN}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ who: renewal.who }),
  });
  return response.ok ? { token: ((await response.json()) as { token: string }).token, renewal } : undefined;
}

interface SessionValue {
  session: Session | undefined;
  signedOutReason: SignedOutReason;
  signIn(token: string, renewal?: Renewal): Promise<boolean>;
  /** Renews the session before it ends; false when it cannot be renewed (sign in again). */
  renew(): Promise<boolean>;
  /**
   * Ends the session. `expired`: the gateway no longer accepts the token; the user's drafts are
   * kept for when they sign in again. Otherwise the user chose to sign out, and their drafts go too.
   */
  signOut(reason?: SignedOutReason): void;
  /** Starts (a citizen) or stops (undefined) acting for someone; the gateway checks the power on every request. */
  actFor(citizen: ActingFor | undefined): void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | undefined>(stored);
  const [signedOutReason, setSignedOutReason] = useState<SignedOutReason>();
  const signIn = useCallback(async (token: string, renewal?: Renewal) => {
    const known = await whoIs(token);
    if (!known) return false;
    const next: Session = { token, ...known, ...(renewal && { renewal }) };
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    setSession(next);
    setSignedOutReason(undefined);
    return true;
  }, []);
  const signOut = useCallback((reason?: SignedOutReason) => {
    const ending = stored();
    sessionStorage.removeItem(SESSION_KEY);
    if (ending && reason !== 'expired') forgetDrafts(ending.user.id);
    setSession(undefined);
    setSignedOutReason(reason);
  }, []);
  const renew = useCallback(async () => {
    const current = stored();
    const renewed = current?.renewal && (await renewedToken(current.renewal).catch(() => undefined));
    return !!renewed && (await signIn(renewed.token, renewed.renewal));
  }, [signIn]);
  const actFor = useCallback((citizen: ActingFor | undefined) => {
    const current = stored();
    if (!current) return;
    const { actingFor: _previous, ...rest } = current;
    const next: Session = citizen ? { ...rest, actingFor: citizen } : rest;
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  return (
    <SessionContext.Provider value={{ session, signedOutReason, signIn, renew, signOut, actFor }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/**
 * Whom the pages serve: the signed-in user, or, while they act for a citizen, that citizen (the
 * gateway decides every request as the citizen's, within the powers).
 */
export function servedUser(session: Session): SessionUser {
  const { user, actingFor } = session;
  return actingFor ? { ...user, role: 'CITIZEN', cpr: actingFor.cpr, name: actingFor.name } : user;
}

/** The signed-in session, as the pages serve it (servedUser); pages below the sign-in gate may rely on it. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return { ...session, user: servedUser(session) };
}
