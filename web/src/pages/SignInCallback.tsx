import { useEffect, useRef, useState } from 'react';
import { finishSignIn } from '../auth/oidc';
import { useSession } from '../auth/session';
import { useTexts } from '../i18n';
import { useRouter } from '../router';

/** Where the identity provider sends the browser back with a code: finish the sign-in, then go home. */
export function SignInCallback() {
  const { t } = useTexts();
  const { signIn } = useSession();
  const { navigate } = useRouter();
  const [failed, setFailed] = useState(false);
  const started = useRef(false);
  useEffect(() => {
    // Once only: a code can be redeemed once (StrictMode runs effects twice in development).
    if (started.current) return;
    started.current = true;
    finishSignIn(new URL(window.location.href))
      .then(async ({ tokens: { idToken, settings, refreshToken }, returnTo }) => {
        const ok = await signIn(idToken, refreshToken ? { kind: 'oidc', settings, refreshToken } : undefined);
        if (ok) navigate(returnTo.path, returnTo.cpr);
        else setFailed(true);
      })
      .catch(() => setFailed(true));
  }, [signIn, navigate]);
  return (
    <>
      <h1 tabIndex={-1}>{t.signIn}</h1>
      {failed ? <p role="alert">{t.signInFailed}</p> : <p role="status">{t.loading}</p>}
    </>
  );
}
