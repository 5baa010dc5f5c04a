/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AccessDecision =
  | 'DENIED'
  | 'DISCLOSED';

/** What an access-log entry records, derived from the fields fetched (never from the client's operation name). */
export type AccessKind =
  /** Changed the joint plan. */
  | 'CHANGE'
  /** Saw, in a list such as a caseload, that the citizen has a case or a joint plan, and its status. */
  | 'OVERVIEW'
  /** Opened the data itself. */
  | 'READ';

export type ActionRefInput = {
  actionId: string;
  department: string;
};

export type AgreementInput = {
  actionRef?: ActionRefInput | null | undefined;
  dueDate?: string | null | undefined;
  responsibleDepartment: string;
  what: string;
};

export type ComplaintPartStatus =
  /** The department changed its measures: a new version of the decision. */
  | 'CHANGED'
  | 'REASSESSING'
  /** The department upheld its measures; the part went on to Ankestyrelsen. */
  | 'UPHELD_FORWARDED';

export type ConsentStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  /** validFrom lies in the future. */
  | 'SCHEDULED'
  | 'SUPERSEDED'
  | 'WITHDRAWN';

export type CreateOnePlanInput = {
  /** The citizen's goals as they said them, if already known. */
  citizenGoals?: Array<string> | null | undefined;
  /** Defaults to you. Must be a caseworker of a department the consent makes a party. */
  coordinatingCaseworkerId?: string | null | undefined;
  cpr: string;
};

/**
 * CASE: that a case exists, its status and caseworker. PLAN: goals, actions, follow-ups.
 * BENEFITS: payments. HEALTH and SUBSTANCE_ABUSE: GDPR art. 9 special categories.
 * FAMILY: the citizen's children and the measures for them.
 */
export type DataCategory =
  | 'BENEFITS'
  | 'CASE'
  | 'FAMILY'
  | 'HEALTH'
  | 'PLAN'
  | 'SUBSTANCE_ABUSE';

export type DecisionStatus =
  /** Drafted; the departments are deciding their measures. */
  | 'DRAFT'
  /** Every measure decided: one document sent to the citizen. */
  | 'ISSUED';

export type DocumentPurpose =
  /** The plan, the assessment, the joint decision with its complaint guidance, the complaint and the history. */
  | 'COMPLETE'
  /** For a førtidspension case: the assessment and the plan's history. */
  | 'PENSION_CASE';

export type EvidenceMethod =
  | 'DIGITAL_CONSENT_SERVICE'
  | 'MITID'
  /** Oral consent covers no special category (HEALTH, SUBSTANCE_ABUSE). */
  | 'ORAL'
  | 'WRITTEN';

export type GiveConsentInput = {
  cpr: string;
  documentRef?: string | null | undefined;
  /** Ignored when the citizen gives consent themself: that is always MITID. */
  evidenceMethod?: EvidenceMethod | null | undefined;
  grantorCapacity?: GrantorCapacity | null | undefined;
  /** Defaults to the citizen themself (SELF). */
  grantorCpr?: string | null | undefined;
  provisions: Array<ProvisionInput>;
  purpose?: Purpose | null | undefined;
  /** A consent of the same citizen that this one replaces. */
  supersedes?: string | null | undefined;
  /** Defaults to now. */
  validFrom?: string | null | undefined;
  validUntil: string;
};

export type GivePowerInput = {
  /** The citizen who gives the power. */
  cpr: string;
  documentRef?: string | null | undefined;
  /** Ignored when the citizen gives the power themself: that is always MITID. */
  evidenceMethod?: EvidenceMethod | null | undefined;
  /** The personal ombud's organisation. */
  organisation?: string | null | undefined;
  powers: Array<Power>;
  /** A person's own CPR (PERSON). */
  representativeCpr?: string | null | undefined;
  /** A personal ombud's staff id (PERSONAL_OMBUD). */
  representativeId?: string | null | undefined;
  representativeKind?: RepresentativeKind;
  representativeName: string;
  /** A power of the same citizen that this one replaces (revoked at once): how a power is changed. */
  supersedes?: string | null | undefined;
  /** Defaults to now. */
  validFrom?: string | null | undefined;
  validUntil: string;
};

export type GrantorCapacity =
  | 'CUSTODY_HOLDER'
  | 'GUARDIAN'
  | 'POWER_OF_ATTORNEY'
  | 'SELF';

export type JointMeetingInput = {
  /** ISO 8601 instant. */
  at: string;
  bisidder?: string | null | undefined;
  participants: Array<string>;
  place: string;
};

/** The life areas of the shared assessment. */
export type LifeArea =
  | 'DAILY_LIFE'
  /** Category BENEFITS. */
  | 'ECONOMY'
  /** Category HEALTH. */
  | 'HEALTH'
  | 'HOUSING'
  /** Category FAMILY. */
  | 'NETWORK_AND_FAMILY'
  /** Category SUBSTANCE_ABUSE. */
  | 'SUBSTANCE_USE'
  | 'WORK_AND_EDUCATION';

export type MeasureChangeInput = {
  decision: MeasureDecisionInput;
  measureId: string;
};

export type MeasureDecisionInput = {
  end?: string | null | undefined;
  legalBasis: string;
  outcome: MeasureOutcome;
  reasons?: string | null | undefined;
  /** YYYY-MM-DD */
  start: string;
};

export type MeasureOutcome =
  | 'CHANGED'
  | 'GRANTED'
  | 'REFUSED';

export type NotificationKind =
  /** A department reassessed its part of the complaint: changed, or upheld and sent on to Ankestyrelsen. */
  | 'COMPLAINT_ANSWERED'
  | 'COMPLAINT_RECEIVED'
  | 'CONSENT_GIVEN'
  | 'CONSENT_WITHDRAWN'
  /** The joint decision was issued: one document, one complaint guidance. */
  | 'DECISION_ISSUED'
  /** An invitation to one plan, after the candidate finder found the citizen in contact with several departments. */
  | 'FINDING_INVITATION'
  | 'MEETING_SCHEDULED'
  | 'PLAN_ACTIVATED'
  | 'PLAN_CREATED'
  | 'PLAN_ENDED'
  | 'PLAN_REQUESTED'
  | 'PLAN_REQUEST_ANSWERED'
  | 'POWER_CHANGED'
  /** A power of representation given, changed or revoked: to the citizen and to a representative who is a person. */
  | 'POWER_GIVEN'
  | 'POWER_REVOKED';

/** The kinds of change a joint plan's history records. */
export type PlanChangeKind =
  | 'AGREEMENT_ADDED'
  /** The responsible department assigned an agreement to a provider. */
  | 'AGREEMENT_ASSIGNED'
  /** The responsible department ended a provider's assignment. */
  | 'ASSIGNMENT_ENDED'
  /** The citizen withdrew the consent the plan rested on (recorded by the consent service). */
  | 'CONSENT_WITHDRAWN'
  | 'COORDINATION_HANDED_OVER'
  | 'GOALS_SET'
  | 'MEETING_SCHEDULED'
  | 'MINUTES_RECORDED'
  | 'NEXT_FOLLOW_UP_SET'
  | 'PLAN_ACTIVATED'
  | 'PLAN_CREATED'
  | 'PLAN_ENDED'
  /** The plan came from another system (the demo data). */
  | 'PLAN_IMPORTED'
  /** A provider wrote a progress note. */
  | 'PROGRESS_NOTE_ADDED'
  /** A provider's invitation to a joint meeting was withdrawn. */
  | 'PROVIDER_INVITATION_WITHDRAWN'
  /** The coordinator or the assigning department invited a provider to a joint meeting. */
  | 'PROVIDER_INVITED';

export type PlanRequestStatus =
  | 'ACCEPTED'
  /** The citizen took the request back before it was answered. */
  | 'CANCELLED'
  | 'DECLINED'
  | 'PENDING';

export type PlanStatus =
  /** The citizen has agreed. */
  | 'ACTIVE'
  /** Being made; the citizen has not yet agreed. */
  | 'DRAFT'
  | 'ENDED';

export type Power =
  /** Complain for me about my joint decision (a legal act of its own, given by name). */
  | 'FILE_COMPLAINT'
  /** Give, withdraw and read my consents. */
  | 'MANAGE_CONSENTS'
  /** Read who saw my data (the access log). */
  | 'READ_ACCESS_LOG'
  /** Read my plan: every department's section and the joint part. */
  | 'READ_PLAN'
  /** Receive my inbox (receipts and notifications). */
  | 'RECEIVE_INBOX'
  /** Ask for a plan, follow the request, and agree to the plan. */
  | 'REQUEST_PLAN'
  /** Write in my plan as me (my own goals). */
  | 'WRITE_PLAN';

export type PowerStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED'
  | 'SCHEDULED';

export type ProvisionEffect =
  | 'DENY'
  | 'PERMIT';

export type ProvisionInput = {
  categories: Array<DataCategory>;
  effect: ProvisionEffect;
  ownerDepartments: Array<string>;
  recipientDepartments: Array<string>;
};

export type Purpose =
  /** Én plan: one coordinated plan across departments (LAB § 40 stk. 3, serviceloven § 141 stk. 7). */
  | 'ONE_PLAN';

export type ReassessmentOutcome =
  | 'CHANGE'
  | 'UPHOLD';

export type RepresentativeKind =
  /** A person the citizen names (a relative, a friend), signing in with their own MitID. */
  | 'PERSON'
  /** A personal ombud: an independent adviser and contact person of an organisation (personligt ombud). */
  | 'PERSONAL_OMBUD';

export type AccessLogFieldsFragment = { sequence: number, at: string, actorName: string, actorDepartment: string | null, ownerDepartment: string | null, categories: Array<DataCategory>, decision: AccessDecision, kind: AccessKind | null, operationName: string | null, explanation: string | null, representativeName: string | null, representedName: string | null };

export type WebGiveConsentMutationVariables = Exact<{
  input: GiveConsentInput;
}>;


export type WebGiveConsentMutation = { giveConsent: { id: string, status: ConsentStatus } };

export type ConsentFieldsFragment = { id: string, status: ConsentStatus, validFrom: string, validUntil: string, withdrawnAt: string | null, provisions: Array<{ effect: ProvisionEffect, ownerDepartments: Array<string>, recipientDepartments: Array<string>, categories: Array<DataCategory> }>, evidence: { method: EvidenceMethod, recordedAt: string, documentRef: string | null }, givenByRepresentative: { citizenName: string, representative: { name: string } } | null, withdrawnByRepresentative: { citizenName: string, representative: { name: string } } | null };

export type WebWithdrawConsentMutationVariables = Exact<{
  id: string;
}>;


export type WebWithdrawConsentMutation = { withdrawConsent: { id: string, status: ConsentStatus, withdrawnAt: string | null } };

export type WebCreateOnePlanMutationVariables = Exact<{
  input: CreateOnePlanInput;
}>;


export type WebCreateOnePlanMutation = { createOnePlan: { id: string, version: number, status: PlanStatus } };

export type WebDoNotLookForMeQueryVariables = Exact<{
  cpr: string;
}>;


export type WebDoNotLookForMeQuery = { citizen: { cpr: string, doNotLookForMe: boolean } | null };

export type WebSetDoNotLookForMeMutationVariables = Exact<{
  doNotLookForMe: boolean;
}>;


export type WebSetDoNotLookForMeMutation = { setDoNotLookForMe: boolean };

export type WebNoLongerSharedQueryVariables = Exact<{ [key: string]: never; }>;


export type WebNoLongerSharedQuery = { myCoordinatedPlansNoLongerShared: Array<{ cpr: string, withdrawnAt: string | null }> };

export type SectionFieldsFragment = { department: string, nextFollowUp: string | null, caseworker: { name: string } | null, goals: Array<{ id: string, description: string }>, actions: Array<{ id: string, title: string, legalBasis: string, followUpDate: string | null }> };

export type PlanViewFieldsFragment = { __typename: 'OnePlan', joint: { version: number, status: PlanStatus, nextJointMeeting: string | null, nextFollowUp: string | null, citizenGoals: Array<{ id: string, text: string }>, coordinatingCaseworker: { name: string, department: string } | null, handOverCandidates: Array<{ id: string, name: string, department: string }>, agreements: Array<{ id: string, what: string, responsibleDepartment: string, dueDate: string | null, provider: { organisation: string, name: string } | null, progressNotes: Array<{ id: string, at: string, authorName: string, text: string }> }>, meetings: Array<{ id: string, at: string, place: string, participants: Array<string>, bisidder: string | null, minutes: string | null, invitedProviders: Array<string>, invitedOrganisations: Array<string> }>, history: Array<{ version: number, at: string, actorName: string, actorDepartment: string | null, kind: PlanChangeKind | null, factsJson: string | null, summary: string, representativeName: string | null, representedName: string | null }> } | null };

export type DepartmentSectionsFragment = { __typename: 'OnePlan' };

export type WebPlanDocumentQueryVariables = Exact<{
  cpr: string;
  purpose: DocumentPurpose;
}>;


export type WebPlanDocumentQuery = { citizen: { cpr: string, plan: { cpr: string, document: { sha256: string, pdfBase64: string } | null } | null } | null };

export type WebAddAgreementMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  agreement: AgreementInput;
}>;


export type WebAddAgreementMutation = { addAgreement: { id: string, version: number } };

export type WebSetNextFollowUpMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  date: string;
}>;


export type WebSetNextFollowUpMutation = { setNextFollowUp: { id: string, version: number } };

export type WebSetCitizenGoalsMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  goals: Array<string> | string;
}>;


export type WebSetCitizenGoalsMutation = { setCitizenGoals: { id: string, version: number } };

export type WebHandOverCoordinationMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  toCaseworkerId: string;
}>;


export type WebHandOverCoordinationMutation = { handOverCoordination: { id: string, version: number } };

export type WebActivateOnePlanMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
}>;


export type WebActivateOnePlanMutation = { activateOnePlan: { id: string, version: number } };

export type WebEndOnePlanMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  reason: string;
}>;


export type WebEndOnePlanMutation = { endOnePlan: { id: string, version: number } };

export type WebScheduleJointMeetingMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  meeting: JointMeetingInput;
}>;


export type WebScheduleJointMeetingMutation = { scheduleJointMeeting: { id: string, version: number } };

export type WebRecordMeetingMinutesMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  meetingId: string;
  minutes: string;
}>;


export type WebRecordMeetingMinutesMutation = { recordMeetingMinutes: { id: string, version: number } };

export type WebInviteProviderToMeetingMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  meetingId: string;
  organisation: string;
}>;


export type WebInviteProviderToMeetingMutation = { inviteProviderToMeeting: { id: string, version: number } };

export type WebWithdrawProviderInvitationMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  meetingId: string;
  organisation: string;
}>;


export type WebWithdrawProviderInvitationMutation = { withdrawProviderInvitation: { id: string, version: number } };

export type OwnDepartmentCaseFragment = { __typename: 'Citizen' };

export type WebAccessLogQueryVariables = Exact<{
  cpr: string;
  first: number;
}>;


export type WebAccessLogQuery = { citizen: { cpr: string, accessLog: Array<{ sequence: number, at: string, actorName: string, actorDepartment: string | null, ownerDepartment: string | null, categories: Array<DataCategory>, decision: AccessDecision, kind: AccessKind | null, operationName: string | null, explanation: string | null, representativeName: string | null, representedName: string | null }> } | null };

export type WebPowersToActForQueryVariables = Exact<{ [key: string]: never; }>;


export type WebPowersToActForQuery = { powersToActFor: Array<{ id: string, cpr: string, citizenName: string, powers: Array<Power>, validUntil: string }> };

export type WebFindingStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type WebFindingStatusQuery = { finding: { enabled: boolean, legalBasis: string | null, threshold: number | null, retentionDays: number } };

export type WebFindingCandidatesQueryVariables = Exact<{ [key: string]: never; }>;


export type WebFindingCandidatesQuery = { findingCandidates: Array<{ id: string, maskedCpr: string, departmentCount: number, foundAt: string, invitedAt: string | null }> };

export type WebInviteFindingCandidateMutationVariables = Exact<{
  id: string;
}>;


export type WebInviteFindingCandidateMutation = { inviteFindingCandidate: { id: string, invitedAt: string | null } };

export type WebCaseloadQueryVariables = Exact<{ [key: string]: never; }>;


export type WebCaseloadQuery = { myCoordinatedPlans: Array<{ __typename: 'Citizen', cpr: string, plan: { joint: { status: PlanStatus, nextJointMeeting: string | null, coordinatingCaseworker: { name: string } | null } | null } | null, consents: Array<{ id: string, status: ConsentStatus }> }> };

export type WebCourseQueryVariables = Exact<{
  cpr: string;
}>;


export type WebCourseQuery = { citizen: { cpr: string, plan: { cpr: string, assessment: { version: number, entries: Array<{ id: string, lifeArea: LifeArea, text: string, authorName: string, authorDepartment: string | null, at: string }> } | null, decision: { version: number, status: DecisionStatus, issuedVersion: number | null, measures: Array<{ id: string, what: string, department: string, decision: { outcome: MeasureOutcome, legalBasis: string, reasons: string, start: string, end: string | null } | null }> } | null, complaint: { version: number, text: string, parts: Array<{ department: string, measureIds: Array<string>, status: ComplaintPartStatus, dueAt: string, overdue: boolean, reasons: string | null }> } | null } | null } | null };

export type WebWriteAssessmentMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  lifeArea: LifeArea;
  text: string;
}>;


export type WebWriteAssessmentMutation = { writeAssessment: { version: number } };

export type WebDraftJointDecisionMutationVariables = Exact<{
  cpr: string;
}>;


export type WebDraftJointDecisionMutation = { draftJointDecision: { version: number } };

export type WebDecideMeasureMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  measureId: string;
  decision: MeasureDecisionInput;
}>;


export type WebDecideMeasureMutation = { decideMeasure: { version: number, status: DecisionStatus } };

export type WebReassessComplaintMutationVariables = Exact<{
  cpr: string;
  expectedVersion: number;
  outcome: ReassessmentOutcome;
  reasons: string;
  changes?: Array<MeasureChangeInput> | MeasureChangeInput | null | undefined;
}>;


export type WebReassessComplaintMutation = { reassessComplaint: { version: number } };

export type WebCaseworkerPlanQueryVariables = Exact<{
  cpr: string;
}>;


export type WebCaseworkerPlanQuery = { citizen: { __typename: 'Citizen', cpr: string, plan: { __typename: 'OnePlan', joint: { version: number, status: PlanStatus, nextJointMeeting: string | null, nextFollowUp: string | null, citizenGoals: Array<{ id: string, text: string }>, coordinatingCaseworker: { name: string, department: string } | null, handOverCandidates: Array<{ id: string, name: string, department: string }>, agreements: Array<{ id: string, what: string, responsibleDepartment: string, dueDate: string | null, provider: { organisation: string, name: string } | null, progressNotes: Array<{ id: string, at: string, authorName: string, text: string }> }>, meetings: Array<{ id: string, at: string, place: string, participants: Array<string>, bisidder: string | null, minutes: string | null, invitedProviders: Array<string>, invitedOrganisations: Array<string> }>, history: Array<{ version: number, at: string, actorName: string, actorDepartment: string | null, kind: PlanChangeKind | null, factsJson: string | null, summary: string, representativeName: string | null, representedName: string | null }> } | null } | null, representatives: Array<{ id: string, powers: Array<Power>, validUntil: string, representative: { kind: RepresentativeKind, name: string, organisation: string | null } }>, consents: Array<{ id: string, status: ConsentStatus, validFrom: string, validUntil: string, withdrawnAt: string | null, provisions: Array<{ effect: ProvisionEffect, ownerDepartments: Array<string>, recipientDepartments: Array<string>, categories: Array<DataCategory> }>, evidence: { method: EvidenceMethod, recordedAt: string, documentRef: string | null }, givenByRepresentative: { citizenName: string, representative: { name: string } } | null, withdrawnByRepresentative: { citizenName: string, representative: { name: string } } | null }> } | null };

export type DepartmentCasesFragment = { __typename: 'Citizen' };

export type WebMyDecisionQueryVariables = Exact<{
  cpr: string;
}>;


export type WebMyDecisionQuery = { citizen: { cpr: string, plan: { cpr: string, decision: { id: string, status: DecisionStatus, issuedVersion: number | null, issuedAt: string | null, measures: Array<{ id: string, what: string, department: string, decision: { outcome: MeasureOutcome, legalBasis: string, reasons: string, start: string, end: string | null } | null }>, complaintGuidance: { text: string, deadline: string | null } } | null, complaint: { id: string, text: string, filedAt: string, parts: Array<{ department: string, status: ComplaintPartStatus, dueAt: string, reasons: string | null }> } | null } | null } | null };

export type WebFileComplaintMutationVariables = Exact<{
  cpr: string;
  measureIds: Array<string> | string;
  text: string;
}>;


export type WebFileComplaintMutation = { fileComplaint: { id: string } };

export type WebMyPlanQueryVariables = Exact<{
  cpr: string;
}>;


export type WebMyPlanQuery = { citizen: { cpr: string, plan: { __typename: 'OnePlan', joint: { version: number, status: PlanStatus, nextJointMeeting: string | null, nextFollowUp: string | null, citizenGoals: Array<{ id: string, text: string }>, coordinatingCaseworker: { name: string, department: string } | null, handOverCandidates: Array<{ id: string, name: string, department: string }>, agreements: Array<{ id: string, what: string, responsibleDepartment: string, dueDate: string | null, provider: { organisation: string, name: string } | null, progressNotes: Array<{ id: string, at: string, authorName: string, text: string }> }>, meetings: Array<{ id: string, at: string, place: string, participants: Array<string>, bisidder: string | null, minutes: string | null, invitedProviders: Array<string>, invitedOrganisations: Array<string> }>, history: Array<{ version: number, at: string, actorName: string, actorDepartment: string | null, kind: PlanChangeKind | null, factsJson: string | null, summary: string, representativeName: string | null, representedName: string | null }> } | null } | null, consents: Array<{ id: string, status: ConsentStatus, validFrom: string, validUntil: string, withdrawnAt: string | null, provisions: Array<{ effect: ProvisionEffect, ownerDepartments: Array<string>, recipientDepartments: Array<string>, categories: Array<DataCategory> }>, evidence: { method: EvidenceMethod, recordedAt: string, documentRef: string | null }, givenByRepresentative: { citizenName: string, representative: { name: string } } | null, withdrawnByRepresentative: { citizenName: string, representative: { name: string } } | null }> } | null };

export type WebMyInboxQueryVariables = Exact<{
  cpr: string;
}>;


export type WebMyInboxQuery = { citizen: { cpr: string, inbox: Array<{ id: string, kind: NotificationKind, at: string, subject: string, body: string, consentId: string | null, receiptJson: string | null, factsJson: string | null }> } | null };

export type WebMyPlanRequestsQueryVariables = Exact<{
  cpr: string;
}>;


export type WebMyPlanRequestsQuery = { citizen: { cpr: string, planRequests: Array<{ id: string, requestedAt: string, departments: Array<string>, status: PlanRequestStatus, declineReason: string | null, answeredAt: string | null }> } | null };

export type WebRequestOnePlanMutationVariables = Exact<{
  departments: Array<string> | string;
}>;


export type WebRequestOnePlanMutation = { requestOnePlan: { id: string, status: PlanRequestStatus } };

export type WebCancelPlanRequestMutationVariables = Exact<{
  id: string;
}>;


export type WebCancelPlanRequestMutation = { cancelPlanRequest: { id: string, status: PlanRequestStatus } };

export type WebPlanRequestsForMyDepartmentQueryVariables = Exact<{ [key: string]: never; }>;


export type WebPlanRequestsForMyDepartmentQuery = { planRequestsForMyDepartment: Array<{ id: string, citizenCpr: string, requestedAt: string }> };

export type WebRequestingCitizensQueryVariables = Exact<{
  cprs: Array<string> | string;
}>;


export type WebRequestingCitizensQuery = { citizens: Array<{ __typename: 'Citizen', cpr: string }> };

export type WebAnswerPlanRequestMutationVariables = Exact<{
  id: string;
  accept: boolean;
  declineReason?: string | null | undefined;
}>;


export type WebAnswerPlanRequestMutation = { answerPlanRequest: { id: string, status: PlanRequestStatus } };

export type WebMyPowersQueryVariables = Exact<{
  cpr: string;
}>;


export type WebMyPowersQuery = { citizen: { cpr: string, representatives: Array<{ id: string, status: PowerStatus, powers: Array<Power>, validFrom: string, validUntil: string, representative: { kind: RepresentativeKind, name: string, reference: string, organisation: string | null }, receipt: { receiptId: string, issuedAt: string, howToRevoke: string, collection: { method: EvidenceMethod } } }> } | null };

export type WebGivePowerMutationVariables = Exact<{
  input: GivePowerInput;
}>;


export type WebGivePowerMutation = { givePowerOfRepresentation: { id: string, status: PowerStatus } };

export type WebRevokePowerMutationVariables = Exact<{
  id: string;
}>;


export type WebRevokePowerMutation = { revokePowerOfRepresentation: { id: string, status: PowerStatus } };

export type WebMyAssignmentsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMyAssignmentsQuery = { myAssignedPlans: Array<{ cpr: string }> };

export type WebAssignedPlanQueryVariables = Exact<{
  cpr: string;
}>;


export type WebAssignedPlanQuery = { citizen: { plan: { joint: { coordinatingCaseworker: { name: string, phone: string | null } | null, citizenGoals: Array<{ id: string, text: string }>, agreements: Array<{ id: string, what: string, progressNotes: Array<{ id: string, at: string, authorName: string, text: string }> }>, meetings: Array<{ id: string, at: string, place: string }> } | null } | null } | null };

export type WebAddProgressNoteMutationVariables = Exact<{
  cpr: string;
  agreementId: string;
  text: string;
}>;


export type WebAddProgressNoteMutation = { addProgressNote: { id: string } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AccessLogFieldsFragmentDoc = new TypedDocumentString(`
    fragment AccessLogFields on AccessLogEntry {
  sequence
  at
  actorName
  actorDepartment
  ownerDepartment
  categories
  decision
  kind
  operationName
  explanation
  representativeName
  representedName
}
    `, {"fragmentName":"AccessLogFields"}) as unknown as TypedDocumentString<AccessLogFieldsFragment, unknown>;
export const ConsentFieldsFragmentDoc = new TypedDocumentString(`
    fragment ConsentFields on Consent {
  id
  status
  validFrom
  validUntil
  withdrawnAt
  provisions {
    effect
    ownerDepartments
    recipientDepartments
    categories
  }
  evidence {
    method
    recordedAt
    documentRef
  }
  givenByRepresentative {
    citizenName
    representative {
      name
    }
  }
  withdrawnByRepresentative {
    citizenName
    representative {
      name
    }
  }
}
    `, {"fragmentName":"ConsentFields"}) as unknown as TypedDocumentString<ConsentFieldsFragment, unknown>;
export const SectionFieldsFragmentDoc = new TypedDocumentString(`
    fragment SectionFields on PlanSection {
  department
  caseworker {
    name
  }
  goals {
    id
    description
  }
  actions {
    id
    title
    legalBasis
    followUpDate
  }
  nextFollowUp
}
    `, {"fragmentName":"SectionFields"}) as unknown as TypedDocumentString<SectionFieldsFragment, unknown>;
export const DepartmentSectionsFragmentDoc = new TypedDocumentString(`
    fragment DepartmentSections on OnePlan {
  __typename
}
    `, {"fragmentName":"DepartmentSections"}) as unknown as TypedDocumentString<DepartmentSectionsFragment, unknown>;
export const PlanViewFieldsFragmentDoc = new TypedDocumentString(`
    fragment PlanViewFields on OnePlan {
  joint {
    version
    status
    nextJointMeeting
    nextFollowUp
    citizenGoals {
      id
      text
    }
    coordinatingCaseworker {
      name
      department
    }
    handOverCandidates {
      id
      name
      department
    }
    agreements {
      id
      what
      responsibleDepartment
      dueDate
      provider {
        organisation
        name
      }
      progressNotes {
        id
        at
        authorName
        text
      }
    }
    meetings {
      id
      at
      place
      participants
      bisidder
      minutes
      invitedProviders
      invitedOrganisations
    }
    history {
      version
      at
      actorName
      actorDepartment
      kind
      factsJson
      summary
      representativeName
      representedName
    }
  }
  ...DepartmentSections
}
    fragment DepartmentSections on OnePlan {
  __typename
}`, {"fragmentName":"PlanViewFields"}) as unknown as TypedDocumentString<PlanViewFieldsFragment, unknown>;
export const OwnDepartmentCaseFragmentDoc = new TypedDocumentString(`
    fragment OwnDepartmentCase on Citizen {
  __typename
}
    `, {"fragmentName":"OwnDepartmentCase"}) as unknown as TypedDocumentString<OwnDepartmentCaseFragment, unknown>;
export const DepartmentCasesFragmentDoc = new TypedDocumentString(`
    fragment DepartmentCases on Citizen {
  __typename
}
    `, {"fragmentName":"DepartmentCases"}) as unknown as TypedDocumentString<DepartmentCasesFragment, unknown>;
export const WebGiveConsentDocument = new TypedDocumentString(`
    mutation WebGiveConsent($input: GiveConsentInput!) {
  giveConsent(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WebGiveConsentMutation, WebGiveConsentMutationVariables>;
export const WebWithdrawConsentDocument = new TypedDocumentString(`
    mutation WebWithdrawConsent($id: ID!) {
  withdrawConsent(id: $id) {
    id
    status
    withdrawnAt
  }
}
    `) as unknown as TypedDocumentString<WebWithdrawConsentMutation, WebWithdrawConsentMutationVariables>;
export const WebCreateOnePlanDocument = new TypedDocumentString(`
    mutation WebCreateOnePlan($input: CreateOnePlanInput!) {
  createOnePlan(input: $input) {
    id
    version
    status
  }
}
    `) as unknown as TypedDocumentString<WebCreateOnePlanMutation, WebCreateOnePlanMutationVariables>;
export const WebDoNotLookForMeDocument = new TypedDocumentString(`
    query WebDoNotLookForMe($cpr: ID!) {
  citizen(cpr: $cpr) {
    cpr
    doNotLookForMe
  }
}
    `) as unknown as TypedDocumentString<WebDoNotLookForMeQuery, WebDoNotLookForMeQueryVariables>;
export const WebSetDoNotLookForMeDocument = new TypedDocumentString(`
    mutation WebSetDoNotLookForMe($doNotLookForMe: Boolean!) {
  setDoNotLookForMe(doNotLookForMe: $doNotLookForMe)
}
    `) as unknown as TypedDocumentString<WebSetDoNotLookForMeMutation, WebSetDoNotLookForMeMutationVariables>;
export const WebNoLongerSharedDocument = new TypedDocumentString(`
    query WebNoLongerShared {
  myCoordinatedPlansNoLongerShared {
    cpr
    withdrawnAt
  }
}
    `) as unknown as TypedDocumentString<WebNoLongerSharedQuery, WebNoLongerSharedQueryVariables>;
export const WebPlanDocumentDocument = new TypedDocumentString(`
    query WebPlanDocument($cpr: ID!, $purpose: DocumentPurpose!) {
  citizen(cpr: $cpr) {
    cpr
    plan {
      cpr
      document(purpose: $purpose) {
        sha256
        pdfBase64
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebPlanDocumentQuery, WebPlanDocumentQueryVariables>;
export const WebAddAgreementDocument = new TypedDocumentString(`
    mutation WebAddAgreement($cpr: ID!, $expectedVersion: Int!, $agreement: AgreementInput!) {
  addAgreement(
    cpr: $cpr
    expectedVersion: $expectedVersion
    agreement: $agreement
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebAddAgreementMutation, WebAddAgreementMutationVariables>;
export const WebSetNextFollowUpDocument = new TypedDocumentString(`
    mutation WebSetNextFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {
  setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebSetNextFollowUpMutation, WebSetNextFollowUpMutationVariables>;
export const WebSetCitizenGoalsDocument = new TypedDocumentString(`
    mutation WebSetCitizenGoals($cpr: ID!, $expectedVersion: Int!, $goals: [String!]!) {
  setCitizenGoals(cpr: $cpr, expectedVersion: $expectedVersion, goals: $goals) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebSetCitizenGoalsMutation, WebSetCitizenGoalsMutationVariables>;
export const WebHandOverCoordinationDocument = new TypedDocumentString(`
    mutation WebHandOverCoordination($cpr: ID!, $expectedVersion: Int!, $toCaseworkerId: ID!) {
  handOverCoordination(
    cpr: $cpr
    expectedVersion: $expectedVersion
    toCaseworkerId: $toCaseworkerId
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebHandOverCoordinationMutation, WebHandOverCoordinationMutationVariables>;
export const WebActivateOnePlanDocument = new TypedDocumentString(`
    mutation WebActivateOnePlan($cpr: ID!, $expectedVersion: Int!) {
  activateOnePlan(cpr: $cpr, expectedVersion: $expectedVersion) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebActivateOnePlanMutation, WebActivateOnePlanMutationVariables>;
export const WebEndOnePlanDocument = new TypedDocumentString(`
    mutation WebEndOnePlan($cpr: ID!, $expectedVersion: Int!, $reason: String!) {
  endOnePlan(cpr: $cpr, expectedVersion: $expectedVersion, reason: $reason) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebEndOnePlanMutation, WebEndOnePlanMutationVariables>;
export const WebScheduleJointMeetingDocument = new TypedDocumentString(`
    mutation WebScheduleJointMeeting($cpr: ID!, $expectedVersion: Int!, $meeting: JointMeetingInput!) {
  scheduleJointMeeting(
    cpr: $cpr
    expectedVersion: $expectedVersion
    meeting: $meeting
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebScheduleJointMeetingMutation, WebScheduleJointMeetingMutationVariables>;
export const WebRecordMeetingMinutesDocument = new TypedDocumentString(`
    mutation WebRecordMeetingMinutes($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $minutes: String!) {
  recordMeetingMinutes(
    cpr: $cpr
    expectedVersion: $expectedVersion
    meetingId: $meetingId
    minutes: $minutes
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebRecordMeetingMinutesMutation, WebRecordMeetingMinutesMutationVariables>;
export const WebInviteProviderToMeetingDocument = new TypedDocumentString(`
    mutation WebInviteProviderToMeeting($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {
  inviteProviderToMeeting(
    cpr: $cpr
    expectedVersion: $expectedVersion
    meetingId: $meetingId
    organisation: $organisation
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebInviteProviderToMeetingMutation, WebInviteProviderToMeetingMutationVariables>;
export const WebWithdrawProviderInvitationDocument = new TypedDocumentString(`
    mutation WebWithdrawProviderInvitation($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {
  withdrawProviderInvitation(
    cpr: $cpr
    expectedVersion: $expectedVersion
    meetingId: $meetingId
    organisation: $organisation
  ) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<WebWithdrawProviderInvitationMutation, WebWithdrawProviderInvitationMutationVariables>;
export const WebAccessLogDocument = new TypedDocumentString(`
    query WebAccessLog($cpr: ID!, $first: Int!) {
  citizen(cpr: $cpr) {
    cpr
    accessLog(first: $first) {
      ...AccessLogFields
    }
  }
}
    fragment AccessLogFields on AccessLogEntry {
  sequence
  at
  actorName
  actorDepartment
  ownerDepartment
  categories
  decision
  kind
  operationName
  explanation
  representativeName
  representedName
}`) as unknown as TypedDocumentString<WebAccessLogQuery, WebAccessLogQueryVariables>;
export const WebPowersToActForDocument = new TypedDocumentString(`
    query WebPowersToActFor {
  powersToActFor {
    id
    cpr
    citizenName
    powers
    validUntil
  }
}
    `) as unknown as TypedDocumentString<WebPowersToActForQuery, WebPowersToActForQueryVariables>;
export const WebFindingStatusDocument = new TypedDocumentString(`
    query WebFindingStatus {
  finding {
    enabled
    legalBasis
    threshold
    retentionDays
  }
}
    `) as unknown as TypedDocumentString<WebFindingStatusQuery, WebFindingStatusQueryVariables>;
export const WebFindingCandidatesDocument = new TypedDocumentString(`
    query WebFindingCandidates {
  findingCandidates {
    id
    maskedCpr
    departmentCount
    foundAt
    invitedAt
  }
}
    `) as unknown as TypedDocumentString<WebFindingCandidatesQuery, WebFindingCandidatesQueryVariables>;
export const WebInviteFindingCandidateDocument = new TypedDocumentString(`
    mutation WebInviteFindingCandidate($id: ID!) {
  inviteFindingCandidate(id: $id) {
    id
    invitedAt
  }
}
    `) as unknown as TypedDocumentString<WebInviteFindingCandidateMutation, WebInviteFindingCandidateMutationVariables>;
export const WebCaseloadDocument = new TypedDocumentString(`
    query WebCaseload {
  myCoordinatedPlans {
    cpr
    ...OwnDepartmentCase
    plan {
      joint {
        status
        nextJointMeeting
        coordinatingCaseworker {
          name
        }
      }
    }
    consents {
      id
      status
    }
  }
}
    fragment OwnDepartmentCase on Citizen {
  __typename
}`) as unknown as TypedDocumentString<WebCaseloadQuery, WebCaseloadQueryVariables>;
export const WebCourseDocument = new TypedDocumentString(`
    query WebCourse($cpr: ID!) {
  citizen(cpr: $cpr) {
    cpr
    plan {
      cpr
      assessment {
        version
        entries {
          id
          lifeArea
          text
          authorName
          authorDepartment
          at
        }
      }
      decision {
        version
        status
        issuedVersion
        measures {
          id
          what
          department
          decision {
            outcome
            legalBasis
            reasons
            start
            end
          }
        }
      }
      complaint {
        version
        text
        parts {
          department
          measureIds
          status
          dueAt
          overdue
          reasons
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebCourseQuery, WebCourseQueryVariables>;
export const WebWriteAssessmentDocument = new TypedDocumentString(`
    mutation WebWriteAssessment($cpr: ID!, $expectedVersion: Int!, $lifeArea: LifeArea!, $text: String!) {
  writeAssessment(
    cpr: $cpr
    expectedVersion: $expectedVersion
    lifeArea: $lifeArea
    text: $text
  ) {
    version
  }
}
    `) as unknown as TypedDocumentString<WebWriteAssessmentMutation, WebWriteAssessmentMutationVariables>;
export const WebDraftJointDecisionDocument = new TypedDocumentString(`
    mutation WebDraftJointDecision($cpr: ID!) {
  draftJointDecision(cpr: $cpr) {
    version
  }
}
    `) as unknown as TypedDocumentString<WebDraftJointDecisionMutation, WebDraftJointDecisionMutationVariables>;
export const WebDecideMeasureDocument = new TypedDocumentString(`
    mutation WebDecideMeasure($cpr: ID!, $expectedVersion: Int!, $measureId: ID!, $decision: MeasureDecisionInput!) {
  decideMeasure(
    cpr: $cpr
    expectedVersion: $expectedVersion
    measureId: $measureId
    decision: $decision
  ) {
    version
    status
  }
}
    `) as unknown as TypedDocumentString<WebDecideMeasureMutation, WebDecideMeasureMutationVariables>;
export const WebReassessComplaintDocument = new TypedDocumentString(`
    mutation WebReassessComplaint($cpr: ID!, $expectedVersion: Int!, $outcome: ReassessmentOutcome!, $reasons: String!, $changes: [MeasureChangeInput!]) {
  reassessComplaint(
    cpr: $cpr
    expectedVersion: $expectedVersion
    outcome: $outcome
    reasons: $reasons
    changes: $changes
  ) {
    version
  }
}
    `) as unknown as TypedDocumentString<WebReassessComplaintMutation, WebReassessComplaintMutationVariables>;
export const WebCaseworkerPlanDocument = new TypedDocumentString(`
    query WebCaseworkerPlan($cpr: ID!) {
  citizen(cpr: $cpr) {
    cpr
    plan {
      ...PlanViewFields
    }
    ...DepartmentCases
    representatives {
      id
      powers
      validUntil
      representative {
        kind
        name
        organisation
      }
    }
    consents {
      ...ConsentFields
    }
  }
}
    fragment ConsentFields on Consent {
  id
  status
  validFrom
  validUntil
  withdrawnAt
  provisions {
    effect
    ownerDepartments
    recipientDepartments
    categories
  }
  evidence {
    method
    recordedAt
    documentRef
  }
  givenByRepresentative {
    citizenName
    representative {
      name
    }
  }
  withdrawnByRepresentative {
    citizenName
    representative {
      name
    }
  }
}
fragment PlanViewFields on OnePlan {
  joint {
    version
    status
    nextJointMeeting
    nextFollowUp
    citizenGoals {
      id
      text
    }
    coordinatingCaseworker {
      name
      department
    }
    handOverCandidates {
      id
      name
      department
    }
    agreements {
      id
      what
      responsibleDepartment
      dueDate
      provider {
        organisation
        name
      }
      progressNotes {
        id
        at
        authorName
        text
      }
    }
    meetings {
      id
      at
      place
      participants
      bisidder
      minutes
      invitedProviders
      invitedOrganisations
    }
    history {
      version
      at
      actorName
      actorDepartment
      kind
      factsJson
      summary
      representativeName
      representedName
    }
  }
  ...DepartmentSections
}
fragment DepartmentSections on OnePlan {
  __typename
}
fragment DepartmentCases on Citizen {
  __typename
}`) as unknown as TypedDocumentString<WebCaseworkerPlanQuery, WebCaseworkerPlanQueryVariables>;
export const WebMyDecisionDocument = new TypedDocumentString(`
    query WebMyDecision($cpr: ID!) {
  citizen(cpr: $cpr) {
    cpr
    plan {
      cpr
      decision {
        id
        status
        issuedVersion
        issuedAt
        measures {
          id
          what
          department
          decision {
            outcome
            legalBasis
            reasons
            start
            end
          }
        }
        complaintGuidance {
          text
          deadline
        }
      }
      complaint {
        id
        text
        filedAt
        parts {
          department
          status
          dueAt
          reasons
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebMyDecisionQuery, WebMyDecisionQueryVariables>;
export const WebFileComplaintDocument = new TypedDocumentString(`
    mutation WebFileComplaint($cpr: ID!, $measureIds: [ID!]!, $text: String!) {
  fileComplaint(cpr: $cpr, measureIds: $measureIds, text: $text) {
    id
  }
}
    `) as unknown as TypedDocumentString<WebFileComplaintMutation, WebFileComplaintMutationVariables>;
export const WebMyPlanDocument = new TypedDocumentString(`
    query WebMyPlan($cpr: ID!) {
  citizen(cpr: $cpr) {
    cpr
    plan {
      ...PlanViewFields
    }
    consents {
      ...ConsentFields
    }
  }
}
    fragment ConsentFields on Consent {
  id
  status
  validFrom
  validUntil
  withdrawnAt
  provisions {
    effect
    ownerDepartments
    recipientDepartments
    categories
  }
  evidence {
    method
    recordedAt
    documentRef
  }
  givenByRepresentative {
    citizenName
    representative {
      name
    }
  }
  withdrawnByRepresentative {
    citizenName
    representative {
      name
    }
  }
}
fragment PlanViewFields on OnePlan {
  joint {
    version
    status
    nextJointMeeting
    nextFollowUp
    citizenGoals {
      id
      text
    }
    coordinatingCaseworker {
      name
      department
    }
    handOverCandidates {
      id
      name
      department
    }
    agreements {
      id
      what
      responsibleDepartment
      dueDate
      provider {
        organisation
        name
      }
      progressNotes {
        id
        at
        authorName
        text
      }
    }
    meetings {
      id
      at
      place
      participants
      bisidder
      minutes
      invitedProviders
      invitedOrganisations
    }
    history {
      version
      at
      actorName
      actorDepartment
      kind
      factsJson
      summary
      representativeName
      representedName
    }
  }
  ...DepartmentSections
}
fragment DepartmentSections on OnePlan {
  __typename
}`) as unknown as TypedDocumentString<WebMyPlanQuery, WebMyPlanQueryVariables>;
export const WebMyInboxDocument = new TypedDocumentString(`
    query WebMyInbox($cpr: ID!) {
  citizen(cpr: $cpr) {
    cpr
    inbox {
      id
      kind
      at
      subject
      body
      consentId
      receiptJson
      factsJson
    }
  }
}
    `) as unknown as TypedDocumentString<WebMyInboxQuery, WebMyInboxQueryVariables>;
export const WebMyPlanRequestsDocument = new TypedDocumentString(`
    query WebMyPlanRequests($cpr: ID!) {
  citizen(cpr: $cpr) {
    cpr
    planRequests {
      id
      requestedAt
      departments
      status
      declineReason
      answeredAt
    }
  }
}
    `) as unknown as TypedDocumentString<WebMyPlanRequestsQuery, WebMyPlanRequestsQueryVariables>;
export const WebRequestOnePlanDocument = new TypedDocumentString(`
    mutation WebRequestOnePlan($departments: [Department!]!) {
  requestOnePlan(departments: $departments) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WebRequestOnePlanMutation, WebRequestOnePlanMutationVariables>;
export const WebCancelPlanRequestDocument = new TypedDocumentString(`
    mutation WebCancelPlanRequest($id: ID!) {
  cancelPlanRequest(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WebCancelPlanRequestMutation, WebCancelPlanRequestMutationVariables>;
export const WebPlanRequestsForMyDepartmentDocument = new TypedDocumentString(`
    query WebPlanRequestsForMyDepartment {
  planRequestsForMyDepartment {
    id
    citizenCpr
    requestedAt
  }
}
    `) as unknown as TypedDocumentString<WebPlanRequestsForMyDepartmentQuery, WebPlanRequestsForMyDepartmentQueryVariables>;
export const WebRequestingCitizensDocument = new TypedDocumentString(`
    query WebRequestingCitizens($cprs: [ID!]!) {
  citizens(cprs: $cprs) {
    cpr
    ...OwnDepartmentCase
  }
}
    fragment OwnDepartmentCase on Citizen {
  __typename
}`) as unknown as TypedDocumentString<WebRequestingCitizensQuery, WebRequestingCitizensQueryVariables>;
export const WebAnswerPlanRequestDocument = new TypedDocumentString(`
    mutation WebAnswerPlanRequest($id: ID!, $accept: Boolean!, $declineReason: String) {
  answerPlanRequest(id: $id, accept: $accept, declineReason: $declineReason) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WebAnswerPlanRequestMutation, WebAnswerPlanRequestMutationVariables>;
export const WebMyPowersDocument = new TypedDocumentString(`
    query WebMyPowers($cpr: ID!) {
  citizen(cpr: $cpr) {
    cpr
    representatives {
      id
      status
      powers
      validFrom
      validUntil
      representative {
        kind
        name
        reference
        organisation
      }
      receipt {
        receiptId
        issuedAt
        howToRevoke
        collection {
          method
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebMyPowersQuery, WebMyPowersQueryVariables>;
export const WebGivePowerDocument = new TypedDocumentString(`
    mutation WebGivePower($input: GivePowerInput!) {
  givePowerOfRepresentation(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WebGivePowerMutation, WebGivePowerMutationVariables>;
export const WebRevokePowerDocument = new TypedDocumentString(`
    mutation WebRevokePower($id: ID!) {
  revokePowerOfRepresentation(id: $id) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<WebRevokePowerMutation, WebRevokePowerMutationVariables>;
export const WebMyAssignmentsDocument = new TypedDocumentString(`
    query WebMyAssignments {
  myAssignedPlans {
    cpr
  }
}
    `) as unknown as TypedDocumentString<WebMyAssignmentsQuery, WebMyAssignmentsQueryVariables>;
export const WebAssignedPlanDocument = new TypedDocumentString(`
    query WebAssignedPlan($cpr: ID!) {
  citizen(cpr: $cpr) {
    plan {
      joint {
        coordinatingCaseworker {
          name
          phone
        }
        citizenGoals {
          id
          text
        }
        agreements {
          id
          what
          progressNotes {
            id
            at
            authorName
            text
          }
        }
        meetings {
          id
          at
          place
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebAssignedPlanQuery, WebAssignedPlanQueryVariables>;
export const WebAddProgressNoteDocument = new TypedDocumentString(`
    mutation WebAddProgressNote($cpr: ID!, $agreementId: ID!, $text: String!) {
  addProgressNote(cpr: $cpr, agreementId: $agreementId, text: $text) {
    id
  }
}
    `) as unknown as TypedDocumentString<WebAddProgressNoteMutation, WebAddProgressNoteMutationVariables>;