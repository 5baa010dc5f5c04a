import { useId } from 'react';
import { useAction } from '../../api/useAction';
import { useDraft } from '../../auth/drafts';
import { graphql } from '../../gql';
import { useTexts } from '../../i18n';
import { EditForm, useChangeFields, type EditProps } from './EditForm';

const SetNextFollowUpDocument = graphql(`
  mutation WebSetNextFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {
    setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) {
      id
      version
    }
  }
`);

export function FollowUpForm({ cpr, joint, onChanged }: EditProps) {
  const { t } = useTexts();
  const id = useId();
  const [date, setDate, forgetDate] = useDraft(`followUp:${cpr}`, joint.nextFollowUp?.slice(0, 10) ?? '');
  const { run, refuse, outcome, busy } = useAction(SetNextFollowUpDocument, { ...useChangeFields(), date: t.fillIn });
  const save = async () => {
    if (!date) return refuse(t.fillIn);
    if (await run({ cpr, expectedVersion: joint.version, date }, () => t.saved)) {
      forgetDate();
      onChanged();
    }
  };
  return (
    <EditForm title={t.nextFollowUpLabel} submit={t.save} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t.nextFollowUpLabel}</label>
        <input id={`${id}-date`} type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
    </EditForm>
  );
}
