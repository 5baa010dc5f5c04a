import { useId, type FormEvent, type ReactNode } from 'react';
import type { Outcome } from '../../api/useAction';
import type { PlanViewFieldsFragment } from '../../gql/graphql';
import { useTexts } from '../../i18n';
import { OutcomeMessage } from '../OutcomeMessage';

/** What the edits of one plan share: the citizen, the version they were based on, and the reload after a change. */
export interface EditProps {
  cpr: string;
  joint: NonNullable<PlanViewFieldsFragment['joint']>;
  onChanged(): void;
}

/** One form of the editor: its heading, its fields, its submit button and its outcome (a CONFLICT offers the reload). */
export function EditForm({
  title,
  submit,
  busy,
  outcome,
  onReload,
  onSubmit,
  children,
}: {
  title: string;
  submit: string;
  busy: boolean;
  outcome: Outcome | undefined;
  onReload(): void;
  onSubmit(): void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="card edit-form">
      <h3 id={id}>{title}</h3>
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        <button type="submit" disabled={busy}>
          {submit}
        </button>
        <OutcomeMessage outcome={outcome} onReload={onReload} />
      </form>
    </section>
  );
}

/** The problems a change to an existing plan can have with one of its inputs, in words. */
export function useChangeFields(): Record<string, string> {
  const { t } = useTexts();
  return { cpr: t.planCannotChange };
}
