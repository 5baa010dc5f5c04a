import { useId } from 'react';
import { useAction } from '../../api/useAction';
import { useDraft } from '../../auth/drafts';
import { graphql } from '../../gql';
import { useTexts } from '../../i18n';
import { EditForm, useChangeFields, type EditProps } from './EditForm';

const ActivateOnePlanDocument = graphql(`
  mutation WebActivateOnePlan($cpr: ID!, $expectedVersion: Int!) {
    activateOnePlan(cpr: $cpr, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`);

const EndOnePlanDocument = graphql(`
  mutation WebEndOnePlan($cpr: ID!, $expectedVersion: Int!, $reason: String!) {
    endOnePlan(cpr: $cpr, expectedVersion: $expectedVersion, reason: $reason) {
      id
      version
    }
  }
`);

/** DRAFT → ACTIVE: the citizen agrees to the plan (or a caseworker records that they did). */
export function ActivateForm({ cpr, joint, onChanged, asCitizen }: EditProps & { asCitizen: boolean }) {
  const { t } = useTexts();
  const { run, outcome, busy } = useAction(ActivateOnePlanDocument, useChangeFields());
  const save = async () => {
    if (await run({ cpr, expectedVersion: joint.version }, () => t.planActivated)) onChanged();
  };
  return (
    <EditForm
      title={t.agreeToPlan}
      submit={asCitizen ? t.iAgree : t.citizenAgreed}
      busy={busy}
      outcome={outcome}
      onReload={onChanged}
      onSubmit={save}
    >
      <p>{asCitizen ? t.agreeLead : t.citizenAgreedLead}</p>
    </EditForm>
  );
}

/** A party ends the plan, saying why (the citizen is told). */
export function EndForm({ cpr, joint, onChanged }: EditProps) {
  const { t } = useTexts();
  const id = useId();
  const [reason, setReason, forgetReason] = useDraft(`end.reason:${cpr}`, '');
  const { run, refuse, outcome, busy } = useAction(EndOnePlanDocument, { ...useChangeFields(), reason: t.fillIn });
  const save = async () => {
    if (!reason.trim()) return refuse(t.fillIn);
    if (await run({ cpr, expectedVersion: joint.version, reason: reason.trim() }, () => t.planEnded)) {
      forgetReason();
      onChanged();
    }
  };
  return (
    <EditForm title={t.endPlan} submit={t.endPlan} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t.endReason}</label>
        <textarea id={`${id}-reason`} rows={2} cols={60} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
    </EditForm>
  );
}
