import { useId, useState } from 'react';
import { useAction } from '../../api/useAction';
import { useDraft } from '../../auth/drafts';
import { graphql } from '../../gql';
import { useTexts } from '../../i18n';
import { EditForm, useChangeFields, type EditProps } from './EditForm';

const HandOverCoordinationDocument = graphql(`
  mutation WebHandOverCoordination($cpr: ID!, $expectedVersion: Int!, $toCaseworkerId: ID!) {
    handOverCoordination(cpr: $cpr, expectedVersion: $expectedVersion, toCaseworkerId: $toCaseworkerId) {
      id
      version
    }
  }
`);

/**
 * The coordinating caseworker hands the plan to a caseworker chosen from those the API offers (of a
 * department the consent makes a party). Nobody else is offered anyone, so nobody else sees the form.
 */
export function HandOverForm({ cpr, joint, onChanged }: EditProps) {
  const { t, department } = useTexts();
  const id = useId();
  const [to, setTo] = useDraft(`handOver:${cpr}`, '');
  const { run, refuse, outcome, busy } = useAction(HandOverCoordinationDocument, {
    ...useChangeFields(),
    toCaseworkerId: t.notAParty,
  });
  const [handedOver, setHandedOver] = useState(false);
  if (joint.handOverCandidates.length === 0) {
    // Once handed over, this caseworker coordinates no more and is offered nobody: the form goes,
    // and the confirmation stays in its place instead of vanishing with it.
    return handedOver ? (
      <section aria-labelledby={`${id}-done`} className="card edit-form">
        <h3 id={`${id}-done`}>{t.handOver}</h3>
        <p role="status">{t.handedOver}</p>
      </section>
    ) : null;
  }
  const save = async () => {
    if (!to) return refuse(t.fillIn);
    if (await run({ cpr, expectedVersion: joint.version, toCaseworkerId: to }, () => t.handedOver)) {
      setTo('');
      setHandedOver(true);
      onChanged();
    }
  };
  return (
    <EditForm title={t.handOver} submit={t.handOver} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t.handOverTo}</label>
        <select id={`${id}-to`} aria-describedby={`${id}-hint`} value={to} onChange={(e) => setTo(e.target.value)}>
          <option value="">{t.chooseCaseworker}</option>
          {joint.handOverCandidates.map((c) => (
            <option key={c.id} value={c.id}>
              {`${c.name} (${department(c.department)})`}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="hint">
          {t.handOverHint}
        </p>
      </div>
    </EditForm>
  );
}
