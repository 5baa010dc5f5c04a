import { useAction } from '../api/useAction';
import { graphql } from '../gql';
import { useTexts } from '../i18n';
import { OutcomeMessage } from './OutcomeMessage';

const CreateOnePlanDocument = graphql(`
  mutation WebCreateOnePlan($input: CreateOnePlanInput!) {
    createOnePlan(input: $input) {
      id
      version
      status
    }
  }
`);

/** A caseworker of a party department makes the joint plan (DRAFT), coordinating it themself. */
export function CreatePlanForm({ cpr, onCreated }: { cpr: string; onCreated(): void }) {
  const { t } = useTexts();
  const { run, outcome, busy } = useAction(CreateOnePlanDocument, {
    cpr: t.planExists,
    coordinatingCaseworkerId: t.errConsentRequired,
  });
  return (
    <section aria-labelledby="create-plan" className="card">
      <h2 id="create-plan">{t.createPlan}</h2>
      <p>{t.createPlanLead}</p>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          if (await run({ input: { cpr } }, () => t.planCreated)) onCreated();
        }}
      >
        {t.createPlan}
      </button>
      <OutcomeMessage outcome={outcome} />
    </section>
  );
}
