import { useId } from 'react';
import { useAction } from '../../api/useAction';
import { useDraft } from '../../auth/drafts';
import { graphql } from '../../gql';
import { useTexts } from '../../i18n';
import { EditForm, useChangeFields, type EditProps } from './EditForm';

const SetCitizenGoalsDocument = graphql(`
  mutation WebSetCitizenGoals($cpr: ID!, $expectedVersion: Int!, $goals: [String!]!) {
    setCitizenGoals(cpr: $cpr, expectedVersion: $expectedVersion, goals: $goals) {
      id
      version
    }
  }
`);

/** The citizen's goals: written by the citizen, or by a caseworker writing down the citizen's words. */
export function GoalsForm({ cpr, joint, onChanged, asCitizen }: EditProps & { asCitizen: boolean }) {
  const { t } = useTexts();
  const id = useId();
  const [text, setText, forgetText] = useDraft(`goals:${cpr}`, joint.citizenGoals.map((g) => g.text).join('\n'));
  const { run, outcome, busy } = useAction(SetCitizenGoalsDocument, useChangeFields());
  const save = async () => {
    const goals = text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (await run({ cpr, expectedVersion: joint.version, goals }, () => t.saved)) {
      forgetText();
      onChanged();
    }
  };
  return (
    <EditForm
      title={asCitizen ? t.myGoals : t.citizenGoals}
      submit={t.saveGoals}
      busy={busy}
      outcome={outcome}
      onReload={onChanged}
      onSubmit={save}
    >
      <div className="field">
        <label htmlFor={`${id}-goals`}>{asCitizen ? t.myGoalsLabel : t.citizenGoalsLabel}</label>
        <textarea id={`${id}-goals`} rows={3} cols={60} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
    </EditForm>
  );
}
