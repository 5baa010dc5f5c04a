import { useId } from 'react';
import { useAction } from '../../api/useAction';
import { useDraft } from '../../auth/drafts';
import { graphql } from '../../gql';
import { useTexts } from '../../i18n';
import { DEPARTMENTS, type Department } from '../../vocabulary';
import { EditForm, useChangeFields, type EditProps } from './EditForm';

const AddAgreementDocument = graphql(`
  mutation WebAddAgreement($cpr: ID!, $expectedVersion: Int!, $agreement: AgreementInput!) {
    addAgreement(cpr: $cpr, expectedVersion: $expectedVersion, agreement: $agreement) {
      id
      version
    }
  }
`);

export function AgreementForm({ cpr, joint, onChanged }: EditProps) {
  const { t, department } = useTexts();
  const id = useId();
  const [what, setWhat] = useDraft(`agreement.what:${cpr}`, '');
  const [responsible, setResponsible] = useDraft<Department>(`agreement.responsible:${cpr}`, DEPARTMENTS[0] ?? '');
  const [dueDate, setDueDate] = useDraft(`agreement.due:${cpr}`, '');
  const { run, refuse, outcome, busy } = useAction(AddAgreementDocument, useChangeFields());
  const save = async () => {
    if (!what.trim()) return refuse(t.fillIn);
    const agreement = { what: what.trim(), responsibleDepartment: responsible, ...(dueDate && { dueDate }) };
    if (await run({ cpr, expectedVersion: joint.version, agreement }, () => t.saved)) {
      setWhat('');
      setResponsible(DEPARTMENTS[0] ?? '');
      setDueDate('');
      onChanged();
    }
  };
  return (
    <EditForm title={t.addAgreement} submit={t.addAgreement} busy={busy} outcome={outcome} onReload={onChanged} onSubmit={save}>
      <div className="field">
        <label htmlFor={`${id}-what`}>{t.agreementWhat}</label>
        <textarea id={`${id}-what`} rows={2} cols={60} required value={what} onChange={(e) => setWhat(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-responsible`}>{t.responsibleDepartment}</label>
        <select id={`${id}-responsible`} value={responsible} onChange={(e) => setResponsible(e.target.value)}>
          {DEPARTMENTS.map((d) => (
            <option key={d} value={d}>
              {department(d)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-due`}>{t.dueDate}</label>
        <input id={`${id}-due`} type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      </div>
    </EditForm>
  );
}
