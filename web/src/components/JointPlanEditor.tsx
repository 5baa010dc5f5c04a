import { useTexts } from '../i18n';
import { AgreementForm } from './jointPlan/AgreementForm';
import type { EditProps } from './jointPlan/EditForm';
import { FollowUpForm } from './jointPlan/FollowUpForm';
import { GoalsForm } from './jointPlan/GoalsForm';
import { HandOverForm } from './jointPlan/HandOverForm';
import { ActivateForm, EndForm } from './jointPlan/LifecycleForms';
import { MeetingForm, MinutesForm, ProviderInvitationForm } from './jointPlan/MeetingForms';

/** The citizen's own part in their plan: their goals in their own words, and agreeing to it while it is a draft. */
export function CitizenPlanEditor(props: EditProps) {
  const { t } = useTexts();
  if (props.joint.status === 'ENDED') return null;
  return (
    <section aria-labelledby="citizen-edit" data-testid="citizen-editor">
      <h2 id="citizen-edit">{t.myPart}</h2>
      <div className="sections">
        <GoalsForm {...props} asCitizen />
        {props.joint.status === 'DRAFT' && <ActivateForm {...props} asCitizen />}
      </div>
    </section>
  );
}

/**
 * The caseworker's work on the joint part: the citizen's goals (written down in their words),
 * agreements, a joint meeting with its bisidder, the providers invited to it, minutes, the next follow-up, recording the
 * citizen's agreement, handing the coordination over, ending the plan. Every change is based
 * on the version shown; when someone else changed the plan first, the form says so and offers a reload.
 */
export function JointPlanEditor(props: EditProps) {
  const { t } = useTexts();
  if (props.joint.status === 'ENDED') return null;
  return (
    <section aria-labelledby="edit-joint" data-testid="joint-editor">
      <h2 id="edit-joint">{t.editJointPart}</h2>
      <div className="sections">
        <GoalsForm {...props} asCitizen={false} />
        <AgreementForm {...props} />
        <MeetingForm {...props} />
        <ProviderInvitationForm {...props} />
        {props.joint.meetings.length > 0 && <MinutesForm {...props} />}
        <FollowUpForm {...props} />
        {props.joint.status === 'DRAFT' && <ActivateForm {...props} asCitizen={false} />}
        <HandOverForm {...props} />
        <EndForm {...props} />
      </div>
    </section>
  );
}
