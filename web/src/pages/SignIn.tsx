import { useEffect, useState } from 'react';
import { useSession } from '../auth/session';
import { useTexts } from '../i18n';

interface DevIdentity {
  who: string;
  name: string;
  role: 'CASEWORKER' | 'CITIZEN' | 'AUDITOR';
  department?: string;
}

/**
 * Development sign-in: the gateway's persona picker (/dev/identities, /dev/token), which exists only
 * outside production. Production signs in with the municipality's OpenID Connect provider instead.
 */
export function SignIn() {
  const { t, department } = useTexts();
  const { signIn } = useSession();
  const [identities, setIdentities] = useState<DevIdentity[] | 'unavailable' | undefined>();
  useEffect(() => {
    const load = async (): Promise<DevIdentity[] | 'unavailable'> => {
      const response = await fetch('/dev/identities');
      return response.ok ? ((await response.json()) as DevIdentity[]) : 'unavailable';
    };
    load().then(setIdentities, () => setIdentities('unavailable'));
  }, []);
  const choose = async (who: string) => {
    const response = await fetch('/dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ who }) });
    if (response.ok) signIn(((await response.json()) as { token: string }).token);
  };
  const roleName = { CASEWORKER: t.roleCaseworker, CITIZEN: t.roleCitizen, AUDITOR: t.roleAuditor };
  return (
    <>
      <h1 tabIndex={-1}>{t.devSignInTitle}</h1>
      {identities === undefined && <p role="status">{t.loading}</p>}
      {identities === 'unavailable' && <p role="alert">{t.devSignInUnavailable}</p>}
      {Array.isArray(identities) && (
        <>
          <p>{t.devSignInLead}</p>
          {(['CASEWORKER', 'CITIZEN', 'AUDITOR'] as const).map((role) => (
            <section key={role} aria-labelledby={`role-${role}`}>
              <h2 id={`role-${role}`}>{roleName[role]}</h2>
              <ul className="persona-list">
                {identities
                  .filter((i) => i.role === role)
                  .map((identity) => (
                    <li key={identity.who}>
                      <button type="button" onClick={() => void choose(identity.who)}>
                        {identity.name}
                        {identity.department && ` — ${department(identity.department)}`}
                      </button>
                    </li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}
