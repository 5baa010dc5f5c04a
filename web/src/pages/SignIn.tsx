import { useEffect, useState } from 'react';
import { GATEWAY_ORIGIN } from '../api/client';
import { startSignIn, type OidcSettings } from '../auth/oidc';
import { useSession } from '../auth/session';
import { useTexts } from '../i18n';
import { useRouter } from '../router';

interface DevIdentity {
  who: string;
  name: string;
  role: 'CASEWORKER' | 'CITIZEN' | 'AUDITOR' | 'COORDINATOR' | 'PROVIDER';
  department?: string;
}

interface SignInOptions {
  oidc?: OidcSettings;
  identities?: DevIdentity[];
}

async function signInOptions(): Promise<SignInOptions> {
  const config = (await (await fetch(`${GATEWAY_ORIGIN}/auth/config`)).json()) as { devSignIn: boolean; oidc?: OidcSettings };
  const identities = config.devSignIn
    ? ((await (await fetch(`${GATEWAY_ORIGIN}/dev/identities`)).json()) as DevIdentity[])
    : undefined;
  return { ...(config.oidc && { oidc: config.oidc }), ...(identities && { identities }) };
}

/**
 * Sign-in: the municipality's OpenID Connect provider when configured (production), and in
 * development the persona picker (the gateway's /dev routes, which production does not have).
 */
export function SignIn() {
  const { t, department } = useTexts();
  const { signIn, signedOutReason } = useSession();
  const { route } = useRouter();
  const [options, setOptions] = useState<SignInOptions | 'failed'>();
  useEffect(() => {
    signInOptions().then(setOptions, () => setOptions('failed'));
  }, []);
  const choose = async (who: string) => {
    const response = await fetch(`${GATEWAY_ORIGIN}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ who }),
    });
    if (response.ok) await signIn(((await response.json()) as { token: string }).token, { kind: 'dev', who });
  };
  const roleName = {
    CASEWORKER: t.roleCaseworker,
    CITIZEN: t.roleCitizen,
    AUDITOR: t.roleAuditor,
    COORDINATOR: t.roleCoordinator,
    OMBUD: t.personalOmbud,
    PROVIDER: t.roleProvider,
  };
  return (
    <>
      <h1 tabIndex={-1}>{t.signIn}</h1>
      {signedOutReason === 'expired' && (
        <p role="alert" className="notice" data-testid="session-expired">
          {t.sessionExpired}
        </p>
      )}
      {options === undefined && <p role="status">{t.loading}</p>}
      {options === 'failed' && <p role="alert">{t.failed}</p>}
      {typeof options === 'object' && (
        <>
          {options.oidc && (
            <p>
              <button type="button" onClick={() => void startSignIn(options.oidc as OidcSettings, route)}>
                {t.oidcSignIn}
              </button>
            </p>
          )}
          {options.identities && (
            <section aria-labelledby="dev-sign-in">
              <h2 id="dev-sign-in">{t.devSignInTitle}</h2>
              <p>{t.devSignInLead}</p>
              {(['CASEWORKER', 'CITIZEN', 'OMBUD', 'AUDITOR', 'COORDINATOR', 'PROVIDER'] as const).map((role) => (
                <section key={role} aria-labelledby={`role-${role}`}>
                  <h3 id={`role-${role}`}>{roleName[role]}</h3>
                  <ul className="persona-list">
                    {options.identities
                      ?.filter((i) => i.role === role)
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
            </section>
          )}
          {!options.oidc && !options.identities && <p role="alert">{t.devSignInUnavailable}</p>}
        </>
      )}
    </>
  );
}
