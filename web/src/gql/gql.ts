/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AccessLogFields on AccessLogEntry {\n    sequence\n    at\n    actorName\n    actorDepartment\n    ownerDepartment\n    categories\n    decision\n    kind\n    operationName\n    explanation\n    representativeName\n    representedName\n  }\n": typeof types.AccessLogFieldsFragmentDoc,
    "\n  mutation WebGiveConsent($input: GiveConsentInput!) {\n    giveConsent(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.WebGiveConsentDocument,
    "\n  fragment ConsentFields on Consent {\n    id\n    status\n    validFrom\n    validUntil\n    withdrawnAt\n    provisions {\n      effect\n      ownerDepartments\n      recipientDepartments\n      categories\n    }\n    evidence {\n      method\n      recordedAt\n      documentRef\n    }\n    givenByRepresentative {\n      citizenName\n      representative {\n        name\n      }\n    }\n    withdrawnByRepresentative {\n      citizenName\n      representative {\n        name\n      }\n    }\n  }\n": typeof types.ConsentFieldsFragmentDoc,
    "\n  mutation WebWithdrawConsent($id: ID!) {\n    withdrawConsent(id: $id) {\n      id\n      status\n      withdrawnAt\n    }\n  }\n": typeof types.WebWithdrawConsentDocument,
    "\n  mutation WebCreateOnePlan($input: CreateOnePlanInput!) {\n    createOnePlan(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": typeof types.WebCreateOnePlanDocument,
    "\n  query WebDoNotLookForMe($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      doNotLookForMe\n    }\n  }\n": typeof types.WebDoNotLookForMeDocument,
    "\n  mutation WebSetDoNotLookForMe($doNotLookForMe: Boolean!) {\n    setDoNotLookForMe(doNotLookForMe: $doNotLookForMe)\n  }\n": typeof types.WebSetDoNotLookForMeDocument,
    "\n  query WebNoLongerShared {\n    myCoordinatedPlansNoLongerShared {\n      cpr\n      withdrawnAt\n    }\n  }\n": typeof types.WebNoLongerSharedDocument,
    "\n  fragment SectionFields on PlanSection {\n    department\n    caseworker {\n      name\n    }\n    goals {\n      id\n      description\n    }\n    actions {\n      id\n      title\n      legalBasis\n      followUpDate\n    }\n    nextFollowUp\n  }\n": typeof types.SectionFieldsFragmentDoc,
    "\n  fragment PlanViewFields on OnePlan {\n    joint {\n      version\n      status\n      nextJointMeeting\n      nextFollowUp\n      citizenGoals {\n        id\n        text\n      }\n      coordinatingCaseworker {\n        name\n        department\n      }\n      handOverCandidates {\n        id\n        name\n        department\n      }\n      agreements {\n        id\n        what\n        responsibleDepartment\n        dueDate\n        provider {\n          organisation\n          name\n        }\n        progressNotes {\n          id\n          at\n          authorName\n          text\n        }\n      }\n      meetings {\n        id\n        at\n        place\n        participants\n        bisidder\n        minutes\n        invitedProviders\n        invitedOrganisations\n      }\n      history {\n        version\n        at\n        actorName\n        actorDepartment\n        kind\n        factsJson\n        summary\n        representativeName\n        representedName\n      }\n    }\n    ...DepartmentSections\n  }\n": typeof types.PlanViewFieldsFragmentDoc,
    "\n  fragment DepartmentSections on OnePlan {\n    __typename\n  }\n": typeof types.DepartmentSectionsFragmentDoc,
    "\n  query WebPlanDocument($cpr: ID!, $purpose: DocumentPurpose!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        document(purpose: $purpose) {\n          sha256\n          pdfBase64\n        }\n      }\n    }\n  }\n": typeof types.WebPlanDocumentDocument,
    "\n  mutation WebAddAgreement($cpr: ID!, $expectedVersion: Int!, $agreement: AgreementInput!) {\n    addAgreement(cpr: $cpr, expectedVersion: $expectedVersion, agreement: $agreement) {\n      id\n      version\n    }\n  }\n": typeof types.WebAddAgreementDocument,
    "\n  mutation WebSetNextFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {\n    setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) {\n      id\n      version\n    }\n  }\n": typeof types.WebSetNextFollowUpDocument,
    "\n  mutation WebSetCitizenGoals($cpr: ID!, $expectedVersion: Int!, $goals: [String!]!) {\n    setCitizenGoals(cpr: $cpr, expectedVersion: $expectedVersion, goals: $goals) {\n      id\n      version\n    }\n  }\n": typeof types.WebSetCitizenGoalsDocument,
    "\n  mutation WebHandOverCoordination($cpr: ID!, $expectedVersion: Int!, $toCaseworkerId: ID!) {\n    handOverCoordination(cpr: $cpr, expectedVersion: $expectedVersion, toCaseworkerId: $toCaseworkerId) {\n      id\n      version\n    }\n  }\n": typeof types.WebHandOverCoordinationDocument,
    "\n  mutation WebActivateOnePlan($cpr: ID!, $expectedVersion: Int!) {\n    activateOnePlan(cpr: $cpr, expectedVersion: $expectedVersion) {\n      id\n      version\n    }\n  }\n": typeof types.WebActivateOnePlanDocument,
    "\n  mutation WebEndOnePlan($cpr: ID!, $expectedVersion: Int!, $reason: String!) {\n    endOnePlan(cpr: $cpr, expectedVersion: $expectedVersion, reason: $reason) {\n      id\n      version\n    }\n  }\n": typeof types.WebEndOnePlanDocument,
    "\n  mutation WebScheduleJointMeeting($cpr: ID!, $expectedVersion: Int!, $meeting: JointMeetingInput!) {\n    scheduleJointMeeting(cpr: $cpr, expectedVersion: $expectedVersion, meeting: $meeting) {\n      id\n      version\n    }\n  }\n": typeof types.WebScheduleJointMeetingDocument,
    "\n  mutation WebRecordMeetingMinutes($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $minutes: String!) {\n    recordMeetingMinutes(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, minutes: $minutes) {\n      id\n      version\n    }\n  }\n": typeof types.WebRecordMeetingMinutesDocument,
    "\n  mutation WebInviteProviderToMeeting($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {\n    inviteProviderToMeeting(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, organisation: $organisation) {\n      id\n      version\n    }\n  }\n": typeof types.WebInviteProviderToMeetingDocument,
    "\n  mutation WebWithdrawProviderInvitation($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {\n    withdrawProviderInvitation(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, organisation: $organisation) {\n      id\n      version\n    }\n  }\n": typeof types.WebWithdrawProviderInvitationDocument,
    "\n  fragment OwnDepartmentCase on Citizen {\n    __typename\n  }\n": typeof types.OwnDepartmentCaseFragmentDoc,
    "\n  query WebAccessLog($cpr: ID!, $first: Int!) {\n    citizen(cpr: $cpr) {\n      cpr\n      accessLog(first: $first) {\n        ...AccessLogFields\n      }\n    }\n  }\n": typeof types.WebAccessLogDocument,
    "\n  query WebPowersToActFor {\n    powersToActFor {\n      id\n      cpr\n      citizenName\n      powers\n      validUntil\n    }\n  }\n": typeof types.WebPowersToActForDocument,
    "\n  query WebFindingStatus {\n    finding {\n      enabled\n      legalBasis\n      threshold\n      retentionDays\n    }\n  }\n": typeof types.WebFindingStatusDocument,
    "\n  query WebFindingCandidates {\n    findingCandidates {\n      id\n      maskedCpr\n      departmentCount\n      foundAt\n      invitedAt\n    }\n  }\n": typeof types.WebFindingCandidatesDocument,
    "\n  mutation WebInviteFindingCandidate($id: ID!) {\n    inviteFindingCandidate(id: $id) {\n      id\n      invitedAt\n    }\n  }\n": typeof types.WebInviteFindingCandidateDocument,
    "\n  query WebCaseload {\n    myCoordinatedPlans {\n      cpr\n      ...OwnDepartmentCase\n      plan {\n        joint {\n          status\n          nextJointMeeting\n          coordinatingCaseworker {\n            name\n          }\n        }\n      }\n      consents {\n        id\n        status\n      }\n    }\n  }\n": typeof types.WebCaseloadDocument,
    "\n  query WebCourse($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        assessment {\n          version\n          entries {\n            id\n            lifeArea\n            text\n            authorName\n            authorDepartment\n            at\n          }\n        }\n        decision {\n          version\n          status\n          issuedVersion\n          measures {\n            id\n            what\n            department\n            decision {\n              outcome\n              legalBasis\n              reasons\n              start\n              end\n            }\n          }\n        }\n        complaint {\n          version\n          text\n          parts {\n            department\n            measureIds\n            status\n            dueAt\n            overdue\n            reasons\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebCourseDocument,
    "\n  mutation WebWriteAssessment($cpr: ID!, $expectedVersion: Int!, $lifeArea: LifeArea!, $text: String!) {\n    writeAssessment(cpr: $cpr, expectedVersion: $expectedVersion, lifeArea: $lifeArea, text: $text) {\n      version\n    }\n  }\n": typeof types.WebWriteAssessmentDocument,
    "\n  mutation WebDraftJointDecision($cpr: ID!) {\n    draftJointDecision(cpr: $cpr) {\n      version\n    }\n  }\n": typeof types.WebDraftJointDecisionDocument,
    "\n  mutation WebDecideMeasure($cpr: ID!, $expectedVersion: Int!, $measureId: ID!, $decision: MeasureDecisionInput!) {\n    decideMeasure(cpr: $cpr, expectedVersion: $expectedVersion, measureId: $measureId, decision: $decision) {\n      version\n      status\n    }\n  }\n": typeof types.WebDecideMeasureDocument,
    "\n  mutation WebReassessComplaint(\n    $cpr: ID!\n    $expectedVersion: Int!\n    $outcome: ReassessmentOutcome!\n    $reasons: String!\n    $changes: [MeasureChangeInput!]\n  ) {\n    reassessComplaint(cpr: $cpr, expectedVersion: $expectedVersion, outcome: $outcome, reasons: $reasons, changes: $changes) {\n      version\n    }\n  }\n": typeof types.WebReassessComplaintDocument,
    "\n  query WebCaseworkerPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        ...PlanViewFields\n      }\n      ...DepartmentCases\n      representatives {\n        id\n        powers\n        validUntil\n        representative {\n          kind\n          name\n          organisation\n        }\n      }\n      consents {\n        ...ConsentFields\n      }\n    }\n  }\n": typeof types.WebCaseworkerPlanDocument,
    "\n  fragment DepartmentCases on Citizen {\n    __typename\n  }\n": typeof types.DepartmentCasesFragmentDoc,
    "\n  query WebMyDecision($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        decision {\n          id\n          status\n          issuedVersion\n          issuedAt\n          measures {\n            id\n            what\n            department\n            decision {\n              outcome\n              legalBasis\n              reasons\n              start\n              end\n            }\n          }\n          complaintGuidance {\n            text\n            deadline\n          }\n        }\n        complaint {\n          id\n          text\n          filedAt\n          parts {\n            department\n            status\n            dueAt\n            reasons\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebMyDecisionDocument,
    "\n  mutation WebFileComplaint($cpr: ID!, $measureIds: [ID!]!, $text: String!) {\n    fileComplaint(cpr: $cpr, measureIds: $measureIds, text: $text) {\n      id\n    }\n  }\n": typeof types.WebFileComplaintDocument,
    "\n  query WebMyPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        ...PlanViewFields\n      }\n      consents {\n        ...ConsentFields\n      }\n    }\n  }\n": typeof types.WebMyPlanDocument,
    "\n  query WebMyInbox($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      inbox {\n        id\n        kind\n        at\n        subject\n        body\n        consentId\n        receiptJson\n        factsJson\n      }\n    }\n  }\n": typeof types.WebMyInboxDocument,
    "\n  query WebMyPlanRequests($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      planRequests {\n        id\n        requestedAt\n        departments\n        status\n        declineReason\n        answeredAt\n      }\n    }\n  }\n": typeof types.WebMyPlanRequestsDocument,
    "\n  mutation WebRequestOnePlan($departments: [Department!]!) {\n    requestOnePlan(departments: $departments) {\n      id\n      status\n    }\n  }\n": typeof types.WebRequestOnePlanDocument,
    "\n  mutation WebCancelPlanRequest($id: ID!) {\n    cancelPlanRequest(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.WebCancelPlanRequestDocument,
    "\n  query WebPlanRequestsForMyDepartment {\n    planRequestsForMyDepartment {\n      id\n      citizenCpr\n      requestedAt\n    }\n  }\n": typeof types.WebPlanRequestsForMyDepartmentDocument,
    "\n  query WebRequestingCitizens($cprs: [ID!]!) {\n    citizens(cprs: $cprs) {\n      cpr\n      ...OwnDepartmentCase\n    }\n  }\n": typeof types.WebRequestingCitizensDocument,
    "\n  mutation WebAnswerPlanRequest($id: ID!, $accept: Boolean!, $declineReason: String) {\n    answerPlanRequest(id: $id, accept: $accept, declineReason: $declineReason) {\n      id\n      status\n    }\n  }\n": typeof types.WebAnswerPlanRequestDocument,
    "\n  query WebMyPowers($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      representatives {\n        id\n        status\n        powers\n        validFrom\n        validUntil\n        representative {\n          kind\n          name\n          reference\n          organisation\n        }\n        receipt {\n          receiptId\n          issuedAt\n          howToRevoke\n          collection {\n            method\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebMyPowersDocument,
    "\n  mutation WebGivePower($input: GivePowerInput!) {\n    givePowerOfRepresentation(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.WebGivePowerDocument,
    "\n  mutation WebRevokePower($id: ID!) {\n    revokePowerOfRepresentation(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.WebRevokePowerDocument,
    "\n  query WebMyAssignments {\n    myAssignedPlans {\n      cpr\n    }\n  }\n": typeof types.WebMyAssignmentsDocument,
    "\n  query WebAssignedPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      plan {\n        joint {\n          coordinatingCaseworker {\n            name\n            phone\n          }\n          citizenGoals {\n            id\n            text\n          }\n          agreements {\n            id\n            what\n            progressNotes {\n              id\n              at\n              authorName\n              text\n            }\n          }\n          meetings {\n            id\n            at\n            place\n          }\n        }\n      }\n    }\n  }\n": typeof types.WebAssignedPlanDocument,
    "\n  mutation WebAddProgressNote($cpr: ID!, $agreementId: ID!, $text: String!) {\n    addProgressNote(cpr: $cpr, agreementId: $agreementId, text: $text) {\n      id\n    }\n  }\n": typeof types.WebAddProgressNoteDocument,
};
const documents: Documents = {
    "\n  fragment AccessLogFields on AccessLogEntry {\n    sequence\n    at\n    actorName\n    actorDepartment\n    ownerDepartment\n    categories\n    decision\n    kind\n    operationName\n    explanation\n    representativeName\n    representedName\n  }\n": types.AccessLogFieldsFragmentDoc,
    "\n  mutation WebGiveConsent($input: GiveConsentInput!) {\n    giveConsent(input: $input) {\n      id\n      status\n    }\n  }\n": types.WebGiveConsentDocument,
    "\n  fragment ConsentFields on Consent {\n    id\n    status\n    validFrom\n    validUntil\n    withdrawnAt\n    provisions {\n      effect\n      ownerDepartments\n      recipientDepartments\n      categories\n    }\n    evidence {\n      method\n      recordedAt\n      documentRef\n    }\n    givenByRepresentative {\n      citizenName\n      representative {\n        name\n      }\n    }\n    withdrawnByRepresentative {\n      citizenName\n      representative {\n        name\n      }\n    }\n  }\n": types.ConsentFieldsFragmentDoc,
    "\n  mutation WebWithdrawConsent($id: ID!) {\n    withdrawConsent(id: $id) {\n      id\n      status\n      withdrawnAt\n    }\n  }\n": types.WebWithdrawConsentDocument,
    "\n  mutation WebCreateOnePlan($input: CreateOnePlanInput!) {\n    createOnePlan(input: $input) {\n      id\n      version\n      status\n    }\n  }\n": types.WebCreateOnePlanDocument,
    "\n  query WebDoNotLookForMe($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      doNotLookForMe\n    }\n  }\n": types.WebDoNotLookForMeDocument,
    "\n  mutation WebSetDoNotLookForMe($doNotLookForMe: Boolean!) {\n    setDoNotLookForMe(doNotLookForMe: $doNotLookForMe)\n  }\n": types.WebSetDoNotLookForMeDocument,
    "\n  query WebNoLongerShared {\n    myCoordinatedPlansNoLongerShared {\n      cpr\n      withdrawnAt\n    }\n  }\n": types.WebNoLongerSharedDocument,
    "\n  fragment SectionFields on PlanSection {\n    department\n    caseworker {\n      name\n    }\n    goals {\n      id\n      description\n    }\n    actions {\n      id\n      title\n      legalBasis\n      followUpDate\n    }\n    nextFollowUp\n  }\n": types.SectionFieldsFragmentDoc,
    "\n  fragment PlanViewFields on OnePlan {\n    joint {\n      version\n      status\n      nextJointMeeting\n      nextFollowUp\n      citizenGoals {\n        id\n        text\n      }\n      coordinatingCaseworker {\n        name\n        department\n      }\n      handOverCandidates {\n        id\n        name\n        department\n      }\n      agreements {\n        id\n        what\n        responsibleDepartment\n        dueDate\n        provider {\n          organisation\n          name\n        }\n        progressNotes {\n          id\n          at\n          authorName\n          text\n        }\n      }\n      meetings {\n        id\n        at\n        place\n        participants\n        bisidder\n        minutes\n        invitedProviders\n        invitedOrganisations\n      }\n      history {\n        version\n        at\n        actorName\n        actorDepartment\n        kind\n        factsJson\n        summary\n        representativeName\n        representedName\n      }\n    }\n    ...DepartmentSections\n  }\n": types.PlanViewFieldsFragmentDoc,
    "\n  fragment DepartmentSections on OnePlan {\n    __typename\n  }\n": types.DepartmentSectionsFragmentDoc,
    "\n  query WebPlanDocument($cpr: ID!, $purpose: DocumentPurpose!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        document(purpose: $purpose) {\n          sha256\n          pdfBase64\n        }\n      }\n    }\n  }\n": types.WebPlanDocumentDocument,
    "\n  mutation WebAddAgreement($cpr: ID!, $expectedVersion: Int!, $agreement: AgreementInput!) {\n    addAgreement(cpr: $cpr, expectedVersion: $expectedVersion, agreement: $agreement) {\n      id\n      version\n    }\n  }\n": types.WebAddAgreementDocument,
    "\n  mutation WebSetNextFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {\n    setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) {\n      id\n      version\n    }\n  }\n": types.WebSetNextFollowUpDocument,
    "\n  mutation WebSetCitizenGoals($cpr: ID!, $expectedVersion: Int!, $goals: [String!]!) {\n    setCitizenGoals(cpr: $cpr, expectedVersion: $expectedVersion, goals: $goals) {\n      id\n      version\n    }\n  }\n": types.WebSetCitizenGoalsDocument,
    "\n  mutation WebHandOverCoordination($cpr: ID!, $expectedVersion: Int!, $toCaseworkerId: ID!) {\n    handOverCoordination(cpr: $cpr, expectedVersion: $expectedVersion, toCaseworkerId: $toCaseworkerId) {\n      id\n      version\n    }\n  }\n": types.WebHandOverCoordinationDocument,
    "\n  mutation WebActivateOnePlan($cpr: ID!, $expectedVersion: Int!) {\n    activateOnePlan(cpr: $cpr, expectedVersion: $expectedVersion) {\n      id\n      version\n    }\n  }\n": types.WebActivateOnePlanDocument,
    "\n  mutation WebEndOnePlan($cpr: ID!, $expectedVersion: Int!, $reason: String!) {\n    endOnePlan(cpr: $cpr, expectedVersion: $expectedVersion, reason: $reason) {\n      id\n      version\n    }\n  }\n": types.WebEndOnePlanDocument,
    "\n  mutation WebScheduleJointMeeting($cpr: ID!, $expectedVersion: Int!, $meeting: JointMeetingInput!) {\n    scheduleJointMeeting(cpr: $cpr, expectedVersion: $expectedVersion, meeting: $meeting) {\n      id\n      version\n    }\n  }\n": types.WebScheduleJointMeetingDocument,
    "\n  mutation WebRecordMeetingMinutes($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $minutes: String!) {\n    recordMeetingMinutes(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, minutes: $minutes) {\n      id\n      version\n    }\n  }\n": types.WebRecordMeetingMinutesDocument,
    "\n  mutation WebInviteProviderToMeeting($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {\n    inviteProviderToMeeting(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, organisation: $organisation) {\n      id\n      version\n    }\n  }\n": types.WebInviteProviderToMeetingDocument,
    "\n  mutation WebWithdrawProviderInvitation($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {\n    withdrawProviderInvitation(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, organisation: $organisation) {\n      id\n      version\n    }\n  }\n": types.WebWithdrawProviderInvitationDocument,
    "\n  fragment OwnDepartmentCase on Citizen {\n    __typename\n  }\n": types.OwnDepartmentCaseFragmentDoc,
    "\n  query WebAccessLog($cpr: ID!, $first: Int!) {\n    citizen(cpr: $cpr) {\n      cpr\n      accessLog(first: $first) {\n        ...AccessLogFields\n      }\n    }\n  }\n": types.WebAccessLogDocument,
    "\n  query WebPowersToActFor {\n    powersToActFor {\n      id\n      cpr\n      citizenName\n      powers\n      validUntil\n    }\n  }\n": types.WebPowersToActForDocument,
    "\n  query WebFindingStatus {\n    finding {\n      enabled\n      legalBasis\n      threshold\n      retentionDays\n    }\n  }\n": types.WebFindingStatusDocument,
    "\n  query WebFindingCandidates {\n    findingCandidates {\n      id\n      maskedCpr\n      departmentCount\n      foundAt\n      invitedAt\n    }\n  }\n": types.WebFindingCandidatesDocument,
    "\n  mutation WebInviteFindingCandidate($id: ID!) {\n    inviteFindingCandidate(id: $id) {\n      id\n      invitedAt\n    }\n  }\n": types.WebInviteFindingCandidateDocument,
    "\n  query WebCaseload {\n    myCoordinatedPlans {\n      cpr\n      ...OwnDepartmentCase\n      plan {\n        joint {\n          status\n          nextJointMeeting\n          coordinatingCaseworker {\n            name\n          }\n        }\n      }\n      consents {\n        id\n        status\n      }\n    }\n  }\n": types.WebCaseloadDocument,
    "\n  query WebCourse($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        assessment {\n          version\n          entries {\n            id\n            lifeArea\n            text\n            authorName\n            authorDepartment\n            at\n          }\n        }\n        decision {\n          version\n          status\n          issuedVersion\n          measures {\n            id\n            what\n            department\n            decision {\n              outcome\n              legalBasis\n              reasons\n              start\n              end\n            }\n          }\n        }\n        complaint {\n          version\n          text\n          parts {\n            department\n            measureIds\n            status\n            dueAt\n            overdue\n            reasons\n          }\n        }\n      }\n    }\n  }\n": types.WebCourseDocument,
    "\n  mutation WebWriteAssessment($cpr: ID!, $expectedVersion: Int!, $lifeArea: LifeArea!, $text: String!) {\n    writeAssessment(cpr: $cpr, expectedVersion: $expectedVersion, lifeArea: $lifeArea, text: $text) {\n      version\n    }\n  }\n": types.WebWriteAssessmentDocument,
    "\n  mutation WebDraftJointDecision($cpr: ID!) {\n    draftJointDecision(cpr: $cpr) {\n      version\n    }\n  }\n": types.WebDraftJointDecisionDocument,
    "\n  mutation WebDecideMeasure($cpr: ID!, $expectedVersion: Int!, $measureId: ID!, $decision: MeasureDecisionInput!) {\n    decideMeasure(cpr: $cpr, expectedVersion: $expectedVersion, measureId: $measureId, decision: $decision) {\n      version\n      status\n    }\n  }\n": types.WebDecideMeasureDocument,
    "\n  mutation WebReassessComplaint(\n    $cpr: ID!\n    $expectedVersion: Int!\n    $outcome: ReassessmentOutcome!\n    $reasons: String!\n    $changes: [MeasureChangeInput!]\n  ) {\n    reassessComplaint(cpr: $cpr, expectedVersion: $expectedVersion, outcome: $outcome, reasons: $reasons, changes: $changes) {\n      version\n    }\n  }\n": types.WebReassessComplaintDocument,
    "\n  query WebCaseworkerPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        ...PlanViewFields\n      }\n      ...DepartmentCases\n      representatives {\n        id\n        powers\n        validUntil\n        representative {\n          kind\n          name\n          organisation\n        }\n      }\n      consents {\n        ...ConsentFields\n      }\n    }\n  }\n": types.WebCaseworkerPlanDocument,
    "\n  fragment DepartmentCases on Citizen {\n    __typename\n  }\n": types.DepartmentCasesFragmentDoc,
    "\n  query WebMyDecision($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        decision {\n          id\n          status\n          issuedVersion\n          issuedAt\n          measures {\n            id\n            what\n            department\n            decision {\n              outcome\n              legalBasis\n              reasons\n              start\n              end\n            }\n          }\n          complaintGuidance {\n            text\n            deadline\n          }\n        }\n        complaint {\n          id\n          text\n          filedAt\n          parts {\n            department\n            status\n            dueAt\n            reasons\n          }\n        }\n      }\n    }\n  }\n": types.WebMyDecisionDocument,
    "\n  mutation WebFileComplaint($cpr: ID!, $measureIds: [ID!]!, $text: String!) {\n    fileComplaint(cpr: $cpr, measureIds: $measureIds, text: $text) {\n      id\n    }\n  }\n": types.WebFileComplaintDocument,
    "\n  query WebMyPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        ...PlanViewFields\n      }\n      consents {\n        ...ConsentFields\n      }\n    }\n  }\n": types.WebMyPlanDocument,
    "\n  query WebMyInbox($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      inbox {\n        id\n        kind\n        at\n        subject\n        body\n        consentId\n        receiptJson\n        factsJson\n      }\n    }\n  }\n": types.WebMyInboxDocument,
    "\n  query WebMyPlanRequests($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      planRequests {\n        id\n        requestedAt\n        departments\n        status\n        declineReason\n        answeredAt\n      }\n    }\n  }\n": types.WebMyPlanRequestsDocument,
    "\n  mutation WebRequestOnePlan($departments: [Department!]!) {\n    requestOnePlan(departments: $departments) {\n      id\n      status\n    }\n  }\n": types.WebRequestOnePlanDocument,
    "\n  mutation WebCancelPlanRequest($id: ID!) {\n    cancelPlanRequest(id: $id) {\n      id\n      status\n    }\n  }\n": types.WebCancelPlanRequestDocument,
    "\n  query WebPlanRequestsForMyDepartment {\n    planRequestsForMyDepartment {\n      id\n      citizenCpr\n      requestedAt\n    }\n  }\n": types.WebPlanRequestsForMyDepartmentDocument,
    "\n  query WebRequestingCitizens($cprs: [ID!]!) {\n    citizens(cprs: $cprs) {\n      cpr\n      ...OwnDepartmentCase\n    }\n  }\n": types.WebRequestingCitizensDocument,
    "\n  mutation WebAnswerPlanRequest($id: ID!, $accept: Boolean!, $declineReason: String) {\n    answerPlanRequest(id: $id, accept: $accept, declineReason: $declineReason) {\n      id\n      status\n    }\n  }\n": types.WebAnswerPlanRequestDocument,
    "\n  query WebMyPowers($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      representatives {\n        id\n        status\n        powers\n        validFrom\n        validUntil\n        representative {\n          kind\n          name\n          reference\n          organisation\n        }\n        receipt {\n          receiptId\n          issuedAt\n          howToRevoke\n          collection {\n            method\n          }\n        }\n      }\n    }\n  }\n": types.WebMyPowersDocument,
    "\n  mutation WebGivePower($input: GivePowerInput!) {\n    givePowerOfRepresentation(input: $input) {\n      id\n      status\n    }\n  }\n": types.WebGivePowerDocument,
    "\n  mutation WebRevokePower($id: ID!) {\n    revokePowerOfRepresentation(id: $id) {\n      id\n      status\n    }\n  }\n": types.WebRevokePowerDocument,
    "\n  query WebMyAssignments {\n    myAssignedPlans {\n      cpr\n    }\n  }\n": types.WebMyAssignmentsDocument,
    "\n  query WebAssignedPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      plan {\n        joint {\n          coordinatingCaseworker {\n            name\n            phone\n          }\n          citizenGoals {\n            id\n            text\n          }\n          agreements {\n            id\n            what\n            progressNotes {\n              id\n              at\n              authorName\n              text\n            }\n          }\n          meetings {\n            id\n            at\n            place\n          }\n        }\n      }\n    }\n  }\n": types.WebAssignedPlanDocument,
    "\n  mutation WebAddProgressNote($cpr: ID!, $agreementId: ID!, $text: String!) {\n    addProgressNote(cpr: $cpr, agreementId: $agreementId, text: $text) {\n      id\n    }\n  }\n": types.WebAddProgressNoteDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccessLogFields on AccessLogEntry {\n    sequence\n    at\n    actorName\n    actorDepartment\n    ownerDepartment\n    categories\n    decision\n    kind\n    operationName\n    explanation\n    representativeName\n    representedName\n  }\n"): typeof import('./graphql').AccessLogFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebGiveConsent($input: GiveConsentInput!) {\n    giveConsent(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').WebGiveConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsentFields on Consent {\n    id\n    status\n    validFrom\n    validUntil\n    withdrawnAt\n    provisions {\n      effect\n      ownerDepartments\n      recipientDepartments\n      categories\n    }\n    evidence {\n      method\n      recordedAt\n      documentRef\n    }\n    givenByRepresentative {\n      citizenName\n      representative {\n        name\n      }\n    }\n    withdrawnByRepresentative {\n      citizenName\n      representative {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ConsentFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebWithdrawConsent($id: ID!) {\n    withdrawConsent(id: $id) {\n      id\n      status\n      withdrawnAt\n    }\n  }\n"): typeof import('./graphql').WebWithdrawConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCreateOnePlan($input: CreateOnePlanInput!) {\n    createOnePlan(input: $input) {\n      id\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').WebCreateOnePlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebDoNotLookForMe($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      doNotLookForMe\n    }\n  }\n"): typeof import('./graphql').WebDoNotLookForMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebSetDoNotLookForMe($doNotLookForMe: Boolean!) {\n    setDoNotLookForMe(doNotLookForMe: $doNotLookForMe)\n  }\n"): typeof import('./graphql').WebSetDoNotLookForMeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebNoLongerShared {\n    myCoordinatedPlansNoLongerShared {\n      cpr\n      withdrawnAt\n    }\n  }\n"): typeof import('./graphql').WebNoLongerSharedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SectionFields on PlanSection {\n    department\n    caseworker {\n      name\n    }\n    goals {\n      id\n      description\n    }\n    actions {\n      id\n      title\n      legalBasis\n      followUpDate\n    }\n    nextFollowUp\n  }\n"): typeof import('./graphql').SectionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PlanViewFields on OnePlan {\n    joint {\n      version\n      status\n      nextJointMeeting\n      nextFollowUp\n      citizenGoals {\n        id\n        text\n      }\n      coordinatingCaseworker {\n        name\n        department\n      }\n      handOverCandidates {\n        id\n        name\n        department\n      }\n      agreements {\n        id\n        what\n        responsibleDepartment\n        dueDate\n        provider {\n          organisation\n          name\n        }\n        progressNotes {\n          id\n          at\n          authorName\n          text\n        }\n      }\n      meetings {\n        id\n        at\n        place\n        participants\n        bisidder\n        minutes\n        invitedProviders\n        invitedOrganisations\n      }\n      history {\n        version\n        at\n        actorName\n        actorDepartment\n        kind\n        factsJson\n        summary\n        representativeName\n        representedName\n      }\n    }\n    ...DepartmentSections\n  }\n"): typeof import('./graphql').PlanViewFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DepartmentSections on OnePlan {\n    __typename\n  }\n"): typeof import('./graphql').DepartmentSectionsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebPlanDocument($cpr: ID!, $purpose: DocumentPurpose!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        document(purpose: $purpose) {\n          sha256\n          pdfBase64\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebPlanDocumentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebAddAgreement($cpr: ID!, $expectedVersion: Int!, $agreement: AgreementInput!) {\n    addAgreement(cpr: $cpr, expectedVersion: $expectedVersion, agreement: $agreement) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebAddAgreementDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebSetNextFollowUp($cpr: ID!, $expectedVersion: Int!, $date: String!) {\n    setNextFollowUp(cpr: $cpr, expectedVersion: $expectedVersion, date: $date) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebSetNextFollowUpDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebSetCitizenGoals($cpr: ID!, $expectedVersion: Int!, $goals: [String!]!) {\n    setCitizenGoals(cpr: $cpr, expectedVersion: $expectedVersion, goals: $goals) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebSetCitizenGoalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebHandOverCoordination($cpr: ID!, $expectedVersion: Int!, $toCaseworkerId: ID!) {\n    handOverCoordination(cpr: $cpr, expectedVersion: $expectedVersion, toCaseworkerId: $toCaseworkerId) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebHandOverCoordinationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebActivateOnePlan($cpr: ID!, $expectedVersion: Int!) {\n    activateOnePlan(cpr: $cpr, expectedVersion: $expectedVersion) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebActivateOnePlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebEndOnePlan($cpr: ID!, $expectedVersion: Int!, $reason: String!) {\n    endOnePlan(cpr: $cpr, expectedVersion: $expectedVersion, reason: $reason) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebEndOnePlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebScheduleJointMeeting($cpr: ID!, $expectedVersion: Int!, $meeting: JointMeetingInput!) {\n    scheduleJointMeeting(cpr: $cpr, expectedVersion: $expectedVersion, meeting: $meeting) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebScheduleJointMeetingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebRecordMeetingMinutes($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $minutes: String!) {\n    recordMeetingMinutes(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, minutes: $minutes) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebRecordMeetingMinutesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebInviteProviderToMeeting($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {\n    inviteProviderToMeeting(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, organisation: $organisation) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebInviteProviderToMeetingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebWithdrawProviderInvitation($cpr: ID!, $expectedVersion: Int!, $meetingId: ID!, $organisation: ID!) {\n    withdrawProviderInvitation(cpr: $cpr, expectedVersion: $expectedVersion, meetingId: $meetingId, organisation: $organisation) {\n      id\n      version\n    }\n  }\n"): typeof import('./graphql').WebWithdrawProviderInvitationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OwnDepartmentCase on Citizen {\n    __typename\n  }\n"): typeof import('./graphql').OwnDepartmentCaseFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebAccessLog($cpr: ID!, $first: Int!) {\n    citizen(cpr: $cpr) {\n      cpr\n      accessLog(first: $first) {\n        ...AccessLogFields\n      }\n    }\n  }\n"): typeof import('./graphql').WebAccessLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebPowersToActFor {\n    powersToActFor {\n      id\n      cpr\n      citizenName\n      powers\n      validUntil\n    }\n  }\n"): typeof import('./graphql').WebPowersToActForDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebFindingStatus {\n    finding {\n      enabled\n      legalBasis\n      threshold\n      retentionDays\n    }\n  }\n"): typeof import('./graphql').WebFindingStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebFindingCandidates {\n    findingCandidates {\n      id\n      maskedCpr\n      departmentCount\n      foundAt\n      invitedAt\n    }\n  }\n"): typeof import('./graphql').WebFindingCandidatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebInviteFindingCandidate($id: ID!) {\n    inviteFindingCandidate(id: $id) {\n      id\n      invitedAt\n    }\n  }\n"): typeof import('./graphql').WebInviteFindingCandidateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebCaseload {\n    myCoordinatedPlans {\n      cpr\n      ...OwnDepartmentCase\n      plan {\n        joint {\n          status\n          nextJointMeeting\n          coordinatingCaseworker {\n            name\n          }\n        }\n      }\n      consents {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').WebCaseloadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebCourse($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        assessment {\n          version\n          entries {\n            id\n            lifeArea\n            text\n            authorName\n            authorDepartment\n            at\n          }\n        }\n        decision {\n          version\n          status\n          issuedVersion\n          measures {\n            id\n            what\n            department\n            decision {\n              outcome\n              legalBasis\n              reasons\n              start\n              end\n            }\n          }\n        }\n        complaint {\n          version\n          text\n          parts {\n            department\n            measureIds\n            status\n            dueAt\n            overdue\n            reasons\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebCourseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebWriteAssessment($cpr: ID!, $expectedVersion: Int!, $lifeArea: LifeArea!, $text: String!) {\n    writeAssessment(cpr: $cpr, expectedVersion: $expectedVersion, lifeArea: $lifeArea, text: $text) {\n      version\n    }\n  }\n"): typeof import('./graphql').WebWriteAssessmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebDraftJointDecision($cpr: ID!) {\n    draftJointDecision(cpr: $cpr) {\n      version\n    }\n  }\n"): typeof import('./graphql').WebDraftJointDecisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebDecideMeasure($cpr: ID!, $expectedVersion: Int!, $measureId: ID!, $decision: MeasureDecisionInput!) {\n    decideMeasure(cpr: $cpr, expectedVersion: $expectedVersion, measureId: $measureId, decision: $decision) {\n      version\n      status\n    }\n  }\n"): typeof import('./graphql').WebDecideMeasureDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebReassessComplaint(\n    $cpr: ID!\n    $expectedVersion: Int!\n    $outcome: ReassessmentOutcome!\n    $reasons: String!\n    $changes: [MeasureChangeInput!]\n  ) {\n    reassessComplaint(cpr: $cpr, expectedVersion: $expectedVersion, outcome: $outcome, reasons: $reasons, changes: $changes) {\n      version\n    }\n  }\n"): typeof import('./graphql').WebReassessComplaintDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebCaseworkerPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        ...PlanViewFields\n      }\n      ...DepartmentCases\n      representatives {\n        id\n        powers\n        validUntil\n        representative {\n          kind\n          name\n          organisation\n        }\n      }\n      consents {\n        ...ConsentFields\n      }\n    }\n  }\n"): typeof import('./graphql').WebCaseworkerPlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DepartmentCases on Citizen {\n    __typename\n  }\n"): typeof import('./graphql').DepartmentCasesFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebMyDecision($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        cpr\n        decision {\n          id\n          status\n          issuedVersion\n          issuedAt\n          measures {\n            id\n            what\n            department\n            decision {\n              outcome\n              legalBasis\n              reasons\n              start\n              end\n            }\n          }\n          complaintGuidance {\n            text\n            deadline\n          }\n        }\n        complaint {\n          id\n          text\n          filedAt\n          parts {\n            department\n            status\n            dueAt\n            reasons\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebMyDecisionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebFileComplaint($cpr: ID!, $measureIds: [ID!]!, $text: String!) {\n    fileComplaint(cpr: $cpr, measureIds: $measureIds, text: $text) {\n      id\n    }\n  }\n"): typeof import('./graphql').WebFileComplaintDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebMyPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      plan {\n        ...PlanViewFields\n      }\n      consents {\n        ...ConsentFields\n      }\n    }\n  }\n"): typeof import('./graphql').WebMyPlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebMyInbox($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      inbox {\n        id\n        kind\n        at\n        subject\n        body\n        consentId\n        receiptJson\n        factsJson\n      }\n    }\n  }\n"): typeof import('./graphql').WebMyInboxDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebMyPlanRequests($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      planRequests {\n        id\n        requestedAt\n        departments\n        status\n        declineReason\n        answeredAt\n      }\n    }\n  }\n"): typeof import('./graphql').WebMyPlanRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebRequestOnePlan($departments: [Department!]!) {\n    requestOnePlan(departments: $departments) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').WebRequestOnePlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebCancelPlanRequest($id: ID!) {\n    cancelPlanRequest(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').WebCancelPlanRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebPlanRequestsForMyDepartment {\n    planRequestsForMyDepartment {\n      id\n      citizenCpr\n      requestedAt\n    }\n  }\n"): typeof import('./graphql').WebPlanRequestsForMyDepartmentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebRequestingCitizens($cprs: [ID!]!) {\n    citizens(cprs: $cprs) {\n      cpr\n      ...OwnDepartmentCase\n    }\n  }\n"): typeof import('./graphql').WebRequestingCitizensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebAnswerPlanRequest($id: ID!, $accept: Boolean!, $declineReason: String) {\n    answerPlanRequest(id: $id, accept: $accept, declineReason: $declineReason) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').WebAnswerPlanRequestDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebMyPowers($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      cpr\n      representatives {\n        id\n        status\n        powers\n        validFrom\n        validUntil\n        representative {\n          kind\n          name\n          reference\n          organisation\n        }\n        receipt {\n          receiptId\n          issuedAt\n          howToRevoke\n          collection {\n            method\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebMyPowersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebGivePower($input: GivePowerInput!) {\n    givePowerOfRepresentation(input: $input) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').WebGivePowerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebRevokePower($id: ID!) {\n    revokePowerOfRepresentation(id: $id) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').WebRevokePowerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebMyAssignments {\n    myAssignedPlans {\n      cpr\n    }\n  }\n"): typeof import('./graphql').WebMyAssignmentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebAssignedPlan($cpr: ID!) {\n    citizen(cpr: $cpr) {\n      plan {\n        joint {\n          coordinatingCaseworker {\n            name\n            phone\n          }\n          citizenGoals {\n            id\n            text\n          }\n          agreements {\n            id\n            what\n            progressNotes {\n              id\n              at\n              authorName\n              text\n            }\n          }\n          meetings {\n            id\n            at\n            place\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').WebAssignedPlanDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebAddProgressNote($cpr: ID!, $agreementId: ID!, $text: String!) {\n    addProgressNote(cpr: $cpr, agreementId: $agreementId, text: $text) {\n      id\n    }\n  }\n"): typeof import('./graphql').WebAddProgressNoteDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
