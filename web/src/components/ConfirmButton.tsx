import { useEffect, useRef, useState } from 'react';

/**
 * A button whose action asks first: the question, then "yes" and "no". Focus moves to the question's
 * "yes" and back to the button on "no", so a keyboard user is never lost. For what cannot be undone
 * from here (withdrawing on someone's behalf, taking back a request).
 */
export function ConfirmButton({
  label,
  question,
  yes,
  no,
  busy = false,
  danger = false,
  onConfirm,
}: {
  label: string;
  question: string;
  yes: string;
  no: string;
  busy?: boolean;
  danger?: boolean;
  onConfirm(): void | Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) yesRef.current?.focus();
    else if (wasAsking.current) buttonRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  const className = danger ? 'danger' : undefined;
  if (!asking)
    return (
      <button ref={buttonRef} type="button" className={className} disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  return (
    <div role="group" aria-label={label} className="confirm" data-testid="confirm">
      <p>{question}</p>
      <button
        ref={yesRef}
        type="button"
        className={className}
        disabled={busy}
        onClick={async () => {
          await onConfirm();
          setAsking(false);
        }}
      >
        {yes}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        {no}
      </button>
    </div>
  );
}
