/**
 * Providers who carry out the plan (docs/design.md rule 12): SOCIAL assigned Peter's § 85 support
 * ("Bostøtte 4 timer om ugen") to Bostedet Lærkehøj. Its staff (prov-1, Karim Nielsen) see that
 * agreement, the goal it serves and the coordinator's name and phone, through the joint plan's one
 * policy; each read is in Peter's access log naming the organisation and serviceloven § 141 stk. 5.
 * They write progress notes Anna and Peter see. Anything else, or after SOCIAL ends the assignment,
 * is the unknown citizen's answer.
 */
import { PERSONAS } from '@enplan/lib';
import { TestFederation, graphql, tokenFor, type GraphQLResult } from './federation';

const { peter, mette } = PERSONAS;
const UNKNOWN_CPR = '0707070707';

const PROVIDER_VIEW = /* GraphQL */ `
  query ProviderView($cpr: ID!) {
    citizen(cpr: $cpr) {
      plan {
        joint {
          status
          coordinatingCaseworker {
            name
            phone
          }
          citizenGoals {
            text
          }
          agreements {
            id
            what
            responsibleDepartment
            provider {
              name
              assignedBy
            }
            progressNotes {
              text
              authorName
              organisationName
            }
          }
          meetings {
            at
          }
          nextJointMeeting
          endedReason
          history {
            kind
          }
        }
      }
    }
  }
`;

const ADD_NOTE = /* GraphQL */ `
  mutation AddNote($cpr: ID!, $agreementId: ID!, $text: String!) {
    addProgressNote(cpr: $cpr, agreementId: $agreementId, text: $text) {
      text
      authorName
      organisationName
    }
  }
`;

const NOTES = /* GraphQL */ `
  query Notes($cpr: ID!) {
    citizen(cpr: $cpr) {
      plan {
        joint {
          version
          agreements {
            what
            provider {
              name
            }
            progressNotes {
              text
              authorName
              organisationName
            }
          }
        }
      }
    }
  }
`;

/** The unknown citizen's answer to a provider: FORBIDDEN at the plan, whatever exists. */
const NOTHING = {
  status: 200,
  data: { citizen: { plan: null } },
  errors: [
    {
      message: 'Your role gives no access to case data.',
      path: ['citizen', 'plan'],
      extensions: { code: 'FORBIDDEN', serviceName: 'plan' },
    },
  ],
};

describe('a provider carries out agreements of the plan (rule 12)', () => {
  let federation: TestFederation;
  const as = async (who: string, query: string, variables: Record<string, unknown>): Promise<GraphQLResult> =>
    graphql(federation.gateway.url, query, { token: await tokenFor(who), variables });

  beforeAll(async () => {
    federation = await TestFederation.start();
  });
  afterAll(async () => {
    await federation?.stop();
  });

  it("Karim (prov-1) sees Peter's assigned § 85 support, the goal it serves and the coordinator's name and phone, nothing else", async () => {
    expect(await as('prov-1', PROVIDER_VIEW, { cpr: peter.cpr })).toEqual({
      status: 200,
      data: {
        citizen: {
          plan: {
            joint: {
              status: 'ACTIVE',
              coordinatingCaseworker: { name: 'Anna Mortensen', phone: '+45 33 66 10 01' },
              citizenGoals: [{ text: 'Jeg vil kunne stå op om morgenen og holde mine aftaler.' }],
              agreements: [
                {
                  id: 'AGR-P2',
                  what: 'Bostøtte 4 timer om ugen',
                  responsibleDepartment: 'SOCIAL',
                  provider: { name: 'Bostedet Lærkehøj', assignedBy: 'SOCIAL' },
                  progressNotes: [],
                },
              ],
              // Not invited to the jobcentre's meeting: neither it nor its date.
              meetings: [],
              nextJointMeeting: null,
              endedReason: null,
              history: [],
            },
          },
        },
      },
    });
  });

  /** Karim's lines in Peter's access log, of one kind, as Peter reads them. */
  const karimsLines = async (kind: 'READ' | 'CHANGE') => {
    const log = await as(
      peter.cpr,
      'query Log($cpr: ID!) { citizen(cpr: $cpr) { accessLog(first: 500) { actorId actorName actorDepartment ownerDepartment categories decision kind operationName explanation } } }',
      { cpr: peter.cpr },
    );
    expect(log.errors).toBeUndefined();
    return (log.data as { citizen: { accessLog: Array<{ actorId: string; kind: string }> } }).citizen.accessLog.filter(
      (e) => e.actorId === 'prov-1' && e.kind === kind,
    );
  };
  /** What every line of Karim's says besides its kind and explanation: no department, the joint plan, § 141 stk. 5's operation. */
  const KARIMS_LINE = {
    actorId: 'prov-1',
    actorName: 'Karim Nielsen',
    actorDepartment: null,
    ownerDepartment: null,
    categories: ['PLAN'],
    decision: 'DISCLOSED',
    operationName: 'provider-assignment',
  };

  it("each of Karim's reads is in Peter's access log, naming Bostedet Lærkehøj and serviceloven § 141 stk. 5", async () => {
    await as('prov-1', PROVIDER_VIEW, { cpr: peter.cpr });
    const reads = await karimsLines('READ');
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(reads[0]).toEqual({
      ...KARIMS_LINE,
      kind: 'READ',
      explanation:
        'Bostedet Lærkehøj udfører aftaler i din plan og så de dele af planen, der er givet til dem (serviceloven § 141 stk. 5).',
    });
  });

  it("Karim's list of assigned plans is Peter's; a caseworker's is empty", async () => {
    const list = '{ myAssignedPlans { cpr } }';
    expect(await as('prov-1', list, {})).toEqual({ status: 200, data: { myAssignedPlans: [{ cpr: peter.cpr }] } });
    expect(await as('cw-soc-1', list, {})).toEqual({ status: 200, data: { myAssignedPlans: [] } });
  });

  it('Mette, whose plan assigns Karim nothing, and a CPR nobody has give Karim the same answer: nothing', async () => {
    expect(await as('prov-1', PROVIDER_VIEW, { cpr: UNKNOWN_CPR })).toEqual(NOTHING);
    expect(await as('prov-1', PROVIDER_VIEW, { cpr: mette.cpr })).toEqual(NOTHING);
  });

  it("Karim's progress note on the § 85 support reaches Anna (the coordinator) and Peter; other agreements take none from him", async () => {
    const text = 'Peter har selv handlet ind og ryddet op i køkkenet.';
    expect(await as('prov-1', ADD_NOTE, { cpr: peter.cpr, agreementId: 'AGR-P2', text })).toEqual({
      status: 200,
      data: { addProgressNote: { text, authorName: 'Karim Nielsen', organisationName: 'Bostedet Lærkehøj' } },
    });
    const note = { text, authorName: 'Karim Nielsen', organisationName: 'Bostedet Lærkehøj' };
    for (const reader of ['cw-emp-1', peter.cpr]) {
      const plan = await as(reader, NOTES, { cpr: peter.cpr });
      expect(plan.errors).toBeUndefined();
      expect((plan.data as { citizen: { plan: { joint: { agreements: unknown[] } } } }).citizen.plan.joint.agreements).toEqual([
        { what: 'Virksomhedspraktikken følges op på det fælles møde.', provider: null, progressNotes: [] },
        { what: 'Bostøtte 4 timer om ugen', provider: { name: 'Bostedet Lærkehøj' }, progressNotes: [note] },
      ]);
    }
    // The jobcentre's agreement is not Karim's, and Mette's plan is not his: the unknown citizen's answer.
    const refused = {
      status: 200,
      data: null,
      errors: [
        {
          message: 'Your role gives no access to case data.',
          path: ['addProgressNote'],
          extensions: { code: 'FORBIDDEN', serviceName: 'plan' },
        },
      ],
    };
    expect(await as('prov-1', ADD_NOTE, { cpr: peter.cpr, agreementId: 'AGR-P1', text })).toEqual(refused);
    expect(await as('prov-1', ADD_NOTE, { cpr: mette.cpr, agreementId: 'AGR-P2', text })).toEqual(refused);
    expect(await as('prov-1', ADD_NOTE, { cpr: UNKNOWN_CPR, agreementId: 'AGR-P2', text })).toEqual(refused);
  });

  it("Karim's progress note is in Peter's access log as a change, naming Bostedet Lærkehøj and serviceloven § 141 stk. 5", async () => {
    // The one note the test before wrote; the refused attempts wrote nothing.
    expect(await karimsLines('CHANGE')).toEqual([
      {
        ...KARIMS_LINE,
        kind: 'CHANGE',
        explanation: 'Bostedet Lærkehøj skrev et notat om en aftale, de udfører i din plan (serviceloven § 141 stk. 5).',
      },
    ]);
  });

  it("with the consent service down, Karim's note is refused (CONSENT_UNAVAILABLE) and not written: no record, no note (rule 5)", async () => {
    const text = 'Dette notat må ikke gemmes uden en linje i Peters log.';
    await federation.stopSubgraph('consent');
    try {
      const refused = await as('prov-1', ADD_NOTE, { cpr: peter.cpr, agreementId: 'AGR-P2', text });
      expect(refused.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['addProgressNote'], 'CONSENT_UNAVAILABLE']]);
    } finally {
      await federation.startSubgraph('consent');
    }
    const plan = await as('cw-emp-1', NOTES, { cpr: peter.cpr });
    expect(JSON.stringify(plan.data)).not.toContain(text);
    expect(await karimsLines('CHANGE')).toHaveLength(1);
  });

  it('only the responsible department assigns and ends; Karim changes nothing of the plan himself', async () => {
    const version = async () =>
      ((await as('cw-soc-1', NOTES, { cpr: peter.cpr })).data as { citizen: { plan: { joint: { version: number } } } }).citizen
        .plan.joint.version;
    const end = (who: string, v: number) =>
      as(
        who,
        'mutation End($cpr: ID!, $v: Int!) { endAssignment(cpr: $cpr, expectedVersion: $v, agreementId: "AGR-P2") { version } }',
        {
          cpr: peter.cpr,
          v,
        },
      );
    const v = await version();
    expect((await end('prov-1', v)).errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', 'Your role gives no access to case data.'],
    ]);
    expect((await end('cw-emp-1', v)).errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', 'Only the department responsible for the agreement can assign it to a provider.'],
    ]);
    expect(await version()).toBe(v);
  });

  it("SOCIAL ends the assignment: Karim's next request gets the unknown citizen's answer; assigned again, he sees it again", async () => {
    const joint = (await as('cw-soc-1', NOTES, { cpr: peter.cpr })).data as { citizen: { plan: { joint: { version: number } } } };
    const v = joint.citizen.plan.joint.version;
    expect(
      await as(
        'cw-soc-1',
        'mutation End($cpr: ID!, $v: Int!) { endAssignment(cpr: $cpr, expectedVersion: $v, agreementId: "AGR-P2") { version } }',
        {
          cpr: peter.cpr,
          v,
        },
      ),
    ).toEqual({ status: 200, data: { endAssignment: { version: v + 1 } } });
    expect(await as('prov-1', PROVIDER_VIEW, { cpr: peter.cpr })).toEqual(NOTHING);
    expect(await as('prov-1', PROVIDER_VIEW, { cpr: peter.cpr })).toEqual(
      await as('prov-1', PROVIDER_VIEW, { cpr: UNKNOWN_CPR }),
    );

    const assign = await as(
      'cw-soc-1',
      'mutation Assign($cpr: ID!, $v: Int!) { assignAgreement(cpr: $cpr, expectedVersion: $v, agreementId: "AGR-P2", organisation: "BOSTEDET_LAERKEHOEJ") { version history { kind } } }',
      { cpr: peter.cpr, v: v + 1 },
    );
    expect(assign).toEqual({
      status: 200,
      data: {
        assignAgreement: {
          version: v + 2,
          history: expect.arrayContaining([
            { kind: 'AGREEMENT_ASSIGNED' },
            { kind: 'ASSIGNMENT_ENDED' },
            { kind: 'PROGRESS_NOTE_ADDED' },
          ]),
        },
      },
    });
    const again = await as('prov-1', PROVIDER_VIEW, { cpr: peter.cpr });
    expect(
      (again.data as { citizen: { plan: { joint: { agreements: Array<{ id: string }> } } } }).citizen.plan.joint.agreements.map(
        (a) => a.id,
      ),
    ).toEqual(['AGR-P2']);
  });

  describe('invited to joint meetings: by the coordinator or the assigning department, withdrawn by them', () => {
    const INVITE = /* GraphQL */ `
      mutation Invite($cpr: ID!, $v: Int!, $meetingId: ID!, $organisation: ID!) {
        inviteProviderToMeeting(cpr: $cpr, expectedVersion: $v, meetingId: $meetingId, organisation: $organisation) {
          version
          meetings {
            id
            invitedProviders
            invitedOrganisations
          }
        }
      }
    `;
    const WITHDRAW = /* GraphQL */ `
      mutation Withdraw($cpr: ID!, $v: Int!, $meetingId: ID!, $organisation: ID!) {
        withdrawProviderInvitation(cpr: $cpr, expectedVersion: $v, meetingId: $meetingId, organisation: $organisation) {
          version
        }
      }
    `;
    const SCHEDULE = /* GraphQL */ `
      mutation Schedule($cpr: ID!, $v: Int!) {
        scheduleJointMeeting(
          cpr: $cpr
          expectedVersion: $v
          meeting: { at: "2026-12-22T13:00:00+01:00", place: "Bostedet Lærkehøj", participants: [EMPLOYMENT, SOCIAL] }
        ) {
          version
          meetings {
            id
            place
          }
        }
      }
    `;
    const KARIMS_MEETINGS =
      '{ citizen(cpr: "' + peter.cpr + '") { plan { joint { meetings { at place invitedProviders } nextJointMeeting } } } }';
    const versionOf = async (cpr: string) =>
      ((await as('cw-emp-1', NOTES, { cpr })).data as { citizen: { plan: { joint: { version: number } } } }).citizen.plan.joint
        .version;
    const codes = (result: GraphQLResult) => result.errors?.map((e) => [e.extensions?.code, e.message]);
    let newMeeting: string;

    it('Anna (the coordinator) schedules a meeting at Bostedet and invites it: Karim sees that meeting and not the jobcentre’s', async () => {
      const scheduled = await as('cw-emp-1', SCHEDULE, { cpr: peter.cpr, v: await versionOf(peter.cpr) });
      expect(scheduled.errors).toBeUndefined();
      const { meetings, version } = (
        scheduled.data as { scheduleJointMeeting: { version: number; meetings: Array<{ id: string; place: string }> } }
      ).scheduleJointMeeting;
      newMeeting = meetings.find((m) => m.place === 'Bostedet Lærkehøj')!.id;
      const invited = await as('cw-emp-1', INVITE, {
        cpr: peter.cpr,
        v: version,
        meetingId: newMeeting,
        organisation: 'BOSTEDET_LAERKEHOEJ',
      });
      expect(invited).toEqual({
        status: 200,
        data: {
          inviteProviderToMeeting: {
            version: version + 1,
            meetings: [
              { id: 'MEET-P1', invitedProviders: [], invitedOrganisations: [] },
              { id: newMeeting, invitedProviders: ['Bostedet Lærkehøj'], invitedOrganisations: ['BOSTEDET_LAERKEHOEJ'] },
            ],
          },
        },
      });
      expect(await as('prov-1', KARIMS_MEETINGS, {})).toEqual({
        status: 200,
        data: {
          citizen: {
            plan: {
              joint: {
                meetings: [
                  { at: '2026-12-22T12:00:00.000Z', place: 'Bostedet Lærkehøj', invitedProviders: ['Bostedet Lærkehøj'] },
                ],
                nextJointMeeting: '2026-12-22T12:00:00.000Z',
              },
            },
          },
        },
      });
    });

    it('Bo (SOCIAL assigned the support) invites Bostedet to the jobcentre meeting too; Karim now sees both', async () => {
      const invited = await as('cw-soc-1', INVITE, {
        cpr: peter.cpr,
        v: await versionOf(peter.cpr),
        meetingId: 'MEET-P1',
        organisation: 'BOSTEDET_LAERKEHOEJ',
      });
      expect(invited.errors).toBeUndefined();
      const seen = (await as('prov-1', KARIMS_MEETINGS, {})).data as {
        citizen: { plan: { joint: { meetings: Array<{ place: string }> } } };
      };
      expect(seen.citizen.plan.joint.meetings.map((m) => m.place)).toEqual(['Jobcentret, mødelokale 2', 'Bostedet Lærkehøj']);
    });

    it('refused, with the plan unchanged: inviting twice, a provider with no assignment in the plan, an unknown one, and Karim inviting himself', async () => {
      const v = await versionOf(peter.cpr);
      const invite = (who: string, cpr: string, version: number, meetingId: string, organisation: string) =>
        as(who, INVITE, { cpr, v: version, meetingId, organisation });
      expect(codes(await invite('cw-emp-1', peter.cpr, v, 'MEET-P1', 'BOSTEDET_LAERKEHOEJ'))).toEqual([
        ['BAD_USER_INPUT', 'The provider is already invited to that meeting.'],
      ]);
      // Mette's plan (Anna coordinates it) assigns Bostedet nothing.
      expect(codes(await invite('cw-emp-1', mette.cpr, await versionOf(mette.cpr), 'MEET-M1', 'BOSTEDET_LAERKEHOEJ'))).toEqual([
        ['BAD_USER_INPUT', 'The provider carries out no agreement of this plan: assign it one first.'],
      ]);
      expect(codes(await invite('cw-emp-1', peter.cpr, v, 'MEET-P1', 'KOEBENHAVNS_KOMMUNE'))).toEqual([
        ['BAD_USER_INPUT', 'No provider organisation with that code.'],
      ]);
      expect(codes(await invite('prov-1', peter.cpr, v, newMeeting, 'BOSTEDET_LAERKEHOEJ'))).toEqual([
        ['FORBIDDEN', 'Your role gives no access to case data.'],
      ]);
      expect(await versionOf(peter.cpr)).toBe(v);
    });

    it('Bo withdraws the jobcentre invitation and Anna hers: Karim sees no meeting; both are in the history', async () => {
      for (const [who, meetingId] of [
        ['cw-soc-1', 'MEET-P1'],
        ['cw-emp-1', newMeeting],
      ] as const) {
        const v = await versionOf(peter.cpr);
        expect(await as(who, WITHDRAW, { cpr: peter.cpr, v, meetingId, organisation: 'BOSTEDET_LAERKEHOEJ' })).toEqual({
          status: 200,
          data: { withdrawProviderInvitation: { version: v + 1 } },
        });
      }
      expect(await as('prov-1', KARIMS_MEETINGS, {})).toEqual({
        status: 200,
        data: { citizen: { plan: { joint: { meetings: [], nextJointMeeting: null } } } },
      });
      const history = await as(
        'cw-emp-1',
        '{ citizen(cpr: "' + peter.cpr + '") { plan { joint { history { kind factsJson } } } } }',
        {},
      );
      const kinds = (
        history.data as { citizen: { plan: { joint: { history: Array<{ kind: string; factsJson: string }> } } } }
      ).citizen.plan.joint.history.filter((h) => h.kind.startsWith('PROVIDER_'));
      expect(kinds.map((h) => [h.kind, JSON.parse(h.factsJson).organisation])).toEqual(
        expect.arrayContaining([
          ['PROVIDER_INVITED', 'Bostedet Lærkehøj'],
          ['PROVIDER_INVITED', 'Bostedet Lærkehøj'],
          ['PROVIDER_INVITATION_WITHDRAWN', 'Bostedet Lærkehøj'],
          ['PROVIDER_INVITATION_WITHDRAWN', 'Bostedet Lærkehøj'],
        ]),
      );
      expect(kinds).toHaveLength(4);
    });
  });
});
