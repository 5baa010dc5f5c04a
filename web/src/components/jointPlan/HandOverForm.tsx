import { useId, useState } from 'react';
import { useAction } from '../../api/useAction';
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

/** The coordinating caseworker hands the plan to a caseworker of a party department (the API refuses anyone else). */
export function HandOverForm({ cpr, joint, onChanged }: EditProps) {
  const { t } = useTexts();
  const id = useId();
  const [to, setTo] = useState('');
  const { run, refuse, outcome, busy } = useAction(HandOverCoordinationDocument, {
    ...useChangeFields(),
    toCaseworkerId: t.notAParty,
  });
  const save = async () => {
    if (!to.trim()) return refuse(t.fillIn);
    if (await run({ cpr, expectedVersion: joint.version, toCaseworkerId: to.trim() }, () => t.handedOver)) {
      setTo('');
      onChanged();
    }
  };
  return (
    <EditForm title={t.handOver} submit={t.handOver} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t.handOverTo}</label>
        <input
          id={`${id}-to`}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <p id={`${id}-hint`} className="hint">
          {t.handOverHint}
        </p>
      </div>
    </EditForm>
  );
}
