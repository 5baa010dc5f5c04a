import { useEffect, useState } from 'react';
import { useSession, type Session } from '../auth/session';
import { useTexts } from '../i18n';

/** How long before a token ends the user is told, so a form can be finished or the session renewed. */
const WARN_BEFORE_MS = 5 * 60_000;
const TICK_MS = 5_000;

/**
 * Says before the session ends, and offers to renew it where the sign-in allows (the dev picker, an
 * OIDC refresh token). When the token has ended, signs out as "expired": the sign-in page says so and
 * the forms' drafts wait for the user's return.
 */
export function SessionWarning({ session }: { session: Session }) {
  const { t, time } = useTexts();
  const { renew, signOut } = useSession();
  const [now, setNow] = useState(Date.now);
  const [renewFailed, setRenewFailed] = useState(false);
  const endsAt = Date.parse(session.expiresAt);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (now >= endsAt) signOut('expired');
  }, [now, endsAt, signOut]);
  if (endsAt - now > WARN_BEFORE_MS) return null;
  return (
    <div className="session-warning" role="alert" data-testid="session-warning">
      <p>{t.sessionEndsAt(time(session.expiresAt))}</p>
      {session.renewal && (
        <button type="button" onClick={() => void renew().then((ok) => setRenewFailed(!ok))}>
          {t.staySignedIn}
        </button>
      )}
      {(renewFailed || !session.renewal) && <p>{t.sessionCannotRenew}</p>}
    </div>
  );
}
