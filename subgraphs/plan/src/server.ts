import {
  assertPower,
  demoCaseworkers,
  INBOX_SENDER,
  ConsentClient,
  createAssertionSigner,
  databaseLocation,
  FINDER_ISSUER,
  OutboxRelay,
  WebhookDeliverer,
  errors,
  loadSubgraphTypeDefs,
  namesOnBehalfOf,
  NO_ROLE_MESSAGE,
  providerOrganisation,
  parseCpr,
  perRequest,
  silentLogger,
  type Actor,
  type ConsentClientOptions,
  type Cpr,
  type Deliverer,
  type Notification,
  type SubgraphContext,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import { coordinatorApi, inboxApi } from './inboxApi';
import { personalOmbudInvitation } from './personalOmbud';
import { JointPlanAccess } from './JointPlanAccess';
import { jointPlanAccessKind } from './jointPlanAccessKind';
import { JointPlanWrites, newId } from './JointPlanWrites';
import { planChanges, type Changed } from './planChanges';
import {
  nextJointMeeting,
  type Agreement,
  type JointMeeting,
  type JointPlanRecord,
  type PlanChangeRecord,
  type PlanRequestRecord,
  type ProgressNote,
} from './planModel';
import { openPlanDatabase } from './openPlanDatabase';
import { planSeed } from './seed';
import { CandidateFinder, type FindingSettings } from './finding/CandidateFinder';
import { DepartmentQuestioner } from './finding/DepartmentQuestioner';
import { demoPopulation, registryDepartments } from './finding/findingPopulation';
import { findingResolvers } from './finding/findingResolvers';
import { courseResolvers } from './course/courseResolvers';
import { CourseService } from './course/CourseService';
import { PlanDocuments } from './course/document/PlanDocuments';
import { PdfPrinter } from './course/document/PdfPrinter';

const MAX_CITIZENS = 100;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The client's operation, for the access log: the query planner names a fetch `<operation>__<subgraph>__<n>`. */
function clientOperationName(info: GraphQLResolveInfo): string | null {
  return info.operation.name?.value.replace(/__[a-z0-9_-]+__\d+$/, '') ?? null;
}

/** A citizen may only look themself up; caseworkers and auditors may name anyone (their data is gated per department). */
function citizenRef(cpr: Cpr, actor: Actor): { cpr: Cpr } {
  if (actor.role === 'CITIZEN' && actor.cpr !== cpr) throw errors.forbidden('A citizen can only see their own data.');
  if (actor.role === 'SERVICE') throw errors.forbidden('Not for service callers.');
  return { cpr };
}

/** The registry's name of a provider (its code when the registry no longer has it). */
const organisationName = (code: string) => providerOrganisation(code)?.name ?? code;

/** The department of a writer `JointPlanWrites.change` let through: only a caseworker may assign (the citizen may not). */
function departmentOf(actor: Actor) {
  if (actor.role !== 'CASEWORKER') throw errors.forbidden('Only the departments taking part may change this.');
  return actor.department;
}

function ownOnly(actor: Actor, cpr: string, what: string): void {
  if (actor.role !== 'CITIZEN' || actor.cpr !== cpr) throw errors.forbidden(`Only the citizen can see their ${what}.`);
}

/** The plan subgraph, and its candidate finder with the citizens it looks through (for a run on demand). */
export interface PlanSubgraphInstance extends SubgraphInstance {
  finder: CandidateFinder;
  findingPopulation: () => Iterable<string>;
}

export interface PlanSubgraphOptions extends SubgraphOptions {
  /** The consent service that decides who may see a citizen's joint plan. */
  consent: ConsentClientOptions;
  /** A Digital Post integration to deliver every notification to as well (JSON POST). */
  digitalPostUrl?: string;
  /** @default Date.now */
  now?: () => number;
  /** The candidate finder's switch and limits (off unless both legal basis and threshold are set). */
  finding?: FindingSettings;
  /**
   * The department subgraphs the finder asks, with their URLs (looked up when a run starts).
   * @default every department of the registry, at SUBGRAPH_URL_<NAME> or its default port
   */
  findingDepartments?: ReadonlyArray<{ name: string; url: () => string }>;
  /** How often the finder runs by itself while on; 0 = only when called. @default 0 */
  findingRunEveryMs?: number;
  /** Outbox polling and first retry delay. @default 500 and 1000 */
  outboxPollMs?: number;
  outboxRetryBaseMs?: number;
  /** The longest wait between two attempts at one message (NOTIFICATION_RETRY_MAX_MS). @default 300000 */
  outboxRetryMaxMs?: number;
}

/**
 * The plan subgraph: entry points to a citizen, the joint part of the one plan, requests and the
 * citizen's inbox, on the SQLite file or, with `databaseUrl`, on PostgreSQL shared by several processes.
 */
export async function createPlanSubgraph(options: PlanSubgraphOptions): Promise<PlanSubgraphInstance> {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  // The outbox's channels are these deliverers' (the inbox is the store's own, used once the relay runs).
  const deliverers: Record<string, Deliverer> = {
    inbox: { deliver: async (n: Notification) => void (await database.store.deliverToInbox(n)) },
    ...(options.digitalPostUrl && { 'digital-post': new WebhookDeliverer({ url: options.digitalPostUrl }) }),
  };
  const location = databaseLocation(options.databaseUrl, options.databaseFile);
  const database = await openPlanDatabase(location, Object.keys(deliverers));
  const { store, outbox } = database;
  try {
    await store.seed([...demoCaseworkers()], planSeed(options.syntheticCitizens ?? 0));
  } catch (error) {
    await database.close();
    throw error;
  }
  const consent = new ConsentClient(options.consent);
  const access = new JointPlanAccess(consent, logger);
  const relay = new OutboxRelay(outbox, {
    deliverers,
    logger,
    pollMs: options.outboxPollMs,
    retryBaseMs: options.outboxRetryBaseMs,
    retryMaxMs: options.outboxRetryMaxMs,
    now,
  });
  const writes = new JointPlanWrites(store, access, consent, now);
  relay.start();
  const signer = createAssertionSigner(options.consent.signingKey, FINDER_ISSUER);
  const finder = new CandidateFinder(
    options.finding ?? { retentionDays: 30, batchSize: 500 },
    store,
    consent,
    new DepartmentQuestioner(options.findingDepartments ?? registryDepartments(), () => signer, options.consent.timeoutMs),
    logger,
    now,
  );
  const findingPopulation = () => demoPopulation(options.syntheticCitizens ?? 0);
  const findingRuns =
    finder.enabled && options.findingRunEveryMs
      ? setInterval(() => {
          finder
            .run(findingPopulation())
            .catch((error: unknown) =>
              logger.error('candidate finder run failed', { message: error instanceof Error ? error.message : String(error) }),
            );
        }, options.findingRunEveryMs)
      : undefined;
  findingRuns?.unref();
  const finding = findingResolvers(finder, store, now);

  // Per request, the plans its citizens' resolvers ask for in one tick are read together: one query,
  // and the disclosures that follow land in one tick too, so JointPlanAccess records them in one write.
  // Not cached: a write earlier in the same request must be read back as written.
  const planLoader = perRequest(
    () =>
      new DataLoader<string, JointPlanRecord | null>(
        async (cprs) => {
          const plans = await store.currentPlans(cprs);
          return cprs.map((cpr) => plans.get(cpr) ?? null);
        },
        { cache: false },
      ),
  );
  /** The joint part of `cpr`'s plan, or null when there is none, once `actor` may know either (see JointPlanAccess). */
  const jointPlan = (cpr: string, context: SubgraphContext, info: GraphQLResolveInfo) =>
    access.read(
      { actor: context.actor, operationName: clientOperationName(info), kind: jointPlanAccessKind(info) },
      cpr,
      context,
      () => planLoader(context).load(cpr),
    );
  const printer = new PdfPrinter();
  const courseService = new CourseService(store, database.course, access, writes, consent, logger, now);
  const course = courseResolvers(
    courseService,
    new PlanDocuments(store, courseService, consent, now, (html) => printer.print(html)),
    // Any of the course's fields is a read of the plan's content, never an overview.
    (context, info) => (cpr) =>
      access.read({ actor: context.actor, operationName: clientOperationName(info), kind: 'READ' }, cpr, context, () =>
        planLoader(context).load(cpr),
      ),
    clientOperationName,
    now,
  );
  /**
   * The running plans `context.actor` coordinates, split by whether the citizen's consent still makes
   * their department a party; fails closed (CONSENT_UNAVAILABLE) when that cannot be decided.
   */
  const coordinated = async (context: SubgraphContext) => {
    const { actor } = context;
    if (actor.role !== 'CASEWORKER') return { shared: [], notShared: [] };
    const plans = await store.plansCoordinatedBy(actor.id);
    const verdicts = await Promise.allSettled(plans.map((p) => access.check(actor, p.cpr, context)));
    const unavailable = verdicts.find((v) => v.status === 'rejected' && v.reason?.extensions?.code === 'CONSENT_UNAVAILABLE');
    if (unavailable?.status === 'rejected') throw unavailable.reason;
    return {
      shared: plans.filter((_, i) => verdicts[i]!.status === 'fulfilled'),
      notShared: plans.filter((p, i) => verdicts[i]!.status === 'rejected' && p.status !== 'ENDED'),
    };
  };
  type WriteArgs<A> = { cpr: string; expectedVersion: number } & A;
  /** A mutation that changes an existing plan: the args beside cpr and expectedVersion go to `apply`. */
  const change =
    <A>(kind: keyof typeof planChanges, apply: (plan: JointPlanRecord, args: A) => Changed) =>
    (_: unknown, args: WriteArgs<A>, context: SubgraphContext) =>
      writes.change(context.actor, parseCpr(args.cpr), args.expectedVersion, kind, (plan) => apply(plan, args), context);

  const scheduleMeeting = change(
    'scheduleMeeting',
    (plan, { meeting }: { meeting: Parameters<typeof planChanges.scheduleMeeting>[1] }) =>
      planChanges.scheduleMeeting(plan, meeting, newId('MEET')),
  );

  /** Inviting a provider to a joint meeting, or withdrawing the invitation (rule 12): by its registry code. */
  const invitation =
    (kind: 'inviteProvider' | 'withdrawInvitation') =>
    (_: unknown, args: WriteArgs<{ meetingId: string; organisation: string }>, context: SubgraphContext) =>
      writes.change(
        context.actor,
        parseCpr(args.cpr),
        args.expectedVersion,
        kind,
        (plan) => {
          const provider = providerOrganisation(args.organisation);
          if (!provider) throw errors.badUserInput('No provider organisation with that code.', { field: 'organisation' });
          const inviter = { id: context.actor.id, department: departmentOf(context.actor) };
          return planChanges[kind](plan, args.meetingId, provider, inviter);
        },
        context,
      );

  return {
    finder,
    findingPopulation,
    module: {
      name: 'plan',
      typeDefs: loadSubgraphTypeDefs('plan'),
      routes: (app) => {
        inboxApi(store, logger)(app);
        coordinatorApi(store, logger)(app);
      },
      resolvers: {
        Query: {
          citizen: (_: unknown, { cpr }: { cpr: string }, { actor }: SubgraphContext) => citizenRef(parseCpr(cpr), actor),
          citizens: (_: unknown, { cprs }: { cprs: string[] }, { actor }: SubgraphContext) => {
            if (cprs.length > MAX_CITIZENS)
              throw errors.badUserInput(`At most ${MAX_CITIZENS} citizens at once.`, { field: 'cprs' });
            return cprs.map((cpr) => citizenRef(parseCpr(cpr), actor));
          },
          // Only plans the caseworker may still see: after a withdrawal the list must not reveal that a plan exists.
          myCoordinatedPlans: async (_: unknown, __: unknown, context: SubgraphContext) =>
            (await coordinated(context)).shared.map((p) => ({ cpr: p.cpr })),
          myAssignedPlans: async (_: unknown, __: unknown, { actor }: SubgraphContext) =>
            actor.role === 'PROVIDER' ? (await store.plansAssignedTo(actor.organisation)).map((p) => ({ cpr: p.cpr })) : [],
          // The coordinator learns that, and when, a citizen stopped sharing; nothing of the plan itself.
          myCoordinatedPlansNoLongerShared: async (_: unknown, __: unknown, context: SubgraphContext) =>
            Promise.all(
              (await coordinated(context)).notShared.map(async (plan) => {
                const withdrawal = (await store.history(plan.id)).find((change) => change.actorId === INBOX_SENDER);
                return { cpr: plan.cpr, withdrawnAt: withdrawal ? iso(withdrawal.at) : null };
              }),
            ),
          planRequestsForMyDepartment: async (_: unknown, __: unknown, { actor }: SubgraphContext) => {
            if (actor.role !== 'CASEWORKER')
              throw errors.forbidden('Requests for one plan reach the caseworkers of the departments named.');
            return (await store.pendingRequestsFor(actor.department)).map((r) => ({
              id: r.id,
              citizenCpr: r.cpr,
              requestedAt: iso(r.requestedAt),
            }));
          },
          ...finding.Query,
        },
        FindingCandidate: finding.FindingCandidate,
        Citizen: {
          __resolveReference: (ref: { cpr: string }) => ({ cpr: ref.cpr }),
          // Always an object for the citizen and caseworkers: each sees their own department's section
          // (rule 1) whatever the consent says, and the joint part only when a party (OnePlan.joint).
          plan: async ({ cpr }: { cpr: string }, _: unknown, context: SubgraphContext) => {
            const { actor } = context;
            if (actor.role === 'CITIZEN' && actor.cpr === cpr) return { cpr };
            if (actor.role === 'CASEWORKER') return { cpr };
            // A provider only where something is assigned to it: elsewhere the unknown citizen's answer (rule 12).
            if (actor.role === 'PROVIDER') await access.assigned(actor.organisation, () => planLoader(context).load(cpr));
            else throw errors.forbidden(NO_ROLE_MESSAGE);
            return { cpr };
          },
          planRequests: ({ cpr }: { cpr: string }, _: unknown, { actor }: SubgraphContext) => {
            ownOnly(actor, cpr, 'requests');
            assertPower(actor, 'REQUEST_PLAN');
            return store.requestsOf(cpr);
          },
          inbox: ({ cpr }: { cpr: string }, _: unknown, { actor }: SubgraphContext) => {
            ownOnly(actor, cpr, 'inbox');
            assertPower(actor, 'RECEIVE_INBOX');
            return store.inboxOf(cpr);
          },
          doNotLookForMe: ({ cpr }: { cpr: string }, _: unknown, { actor }: SubgraphContext) => {
            ownOnly(actor, cpr, 'choice about the candidate finder');
            return store.findingOptOut(cpr);
          },
        },
        OnePlan: {
          __resolveReference: (ref: { cpr: string }) => ({ cpr: ref.cpr }),
          joint: ({ cpr }: { cpr: string }, _: unknown, context: SubgraphContext, info: GraphQLResolveInfo) =>
            jointPlan(cpr, context, info),
          ...course.OnePlan,
        },
        AssessmentEntry: course.AssessmentEntry,
        JointDecision: course.JointDecision,
        MeasureDecision: course.MeasureDecision,
        Complaint: course.Complaint,
        ComplaintPart: course.ComplaintPart,
        PlanDocument: course.PlanDocument,
        JointPlan: {
          coordinatingCaseworker: async (plan: JointPlanRecord) =>
            (await store.caseworker(plan.coordinatingCaseworkerId)) ?? null,
          handOverCandidates: (plan: JointPlanRecord, _: unknown, { actor }: SubgraphContext) =>
            writes.handOverCandidates(actor, plan),
          nextJointMeeting: (plan: JointPlanRecord) => nextJointMeeting(plan),
          createdAt: (plan: JointPlanRecord) => iso(plan.createdAt),
          // The history tells every change of every party: not the part a provider is given.
          history: (plan: JointPlanRecord, _: unknown, { actor }: SubgraphContext) =>
            actor.role === 'PROVIDER' ? [] : store.history(plan.id),
        },
        Agreement: {
          provider: ({ provider }: Agreement) =>
            provider
              ? { ...provider, name: organisationName(provider.organisation), assignedAt: iso(provider.assignedAt) }
              : null,
          progressNotes: ({ progressNotes }: Agreement) => progressNotes ?? [],
        },
        ProgressNote: {
          at: (n: ProgressNote) => iso(n.at),
          organisationName: (n: ProgressNote) => organisationName(n.organisation),
        },
        JointMeeting: {
          invitedProviders: (m: JointMeeting) => (m.invitedOrganisations ?? []).map(organisationName),
          invitedOrganisations: (m: JointMeeting) => m.invitedOrganisations ?? [],
        },
        PlanChange: {
          at: (c: PlanChangeRecord) => iso(c.at),
          factsJson: (c: PlanChangeRecord) => (c.facts ? JSON.stringify(c.facts) : null),
          representativeName: (c: PlanChangeRecord) =>
            namesOnBehalfOf(c.actorName, c.actorDepartment ?? null)?.representativeName ?? null,
          representedName: (c: PlanChangeRecord) =>
            namesOnBehalfOf(c.actorName, c.actorDepartment ?? null)?.representedName ?? null,
        },
        PlanRequest: {
          requestedAt: (r: PlanRequestRecord) => iso(r.requestedAt),
          answeredAt: (r: PlanRequestRecord) => iso(r.answeredAt),
        },
        InboxMessage: {
          at: (n: Notification) => iso(n.createdAt),
          receiptJson: (n: Notification) => (n.receipt ? JSON.stringify(n.receipt) : null),
          factsJson: (n: Notification) => (n.facts ? JSON.stringify(n.facts) : null),
        },
        Mutation: {
          ...finding.Mutation,
          ...course.Mutation,
          requestOnePlan: (_: unknown, { departments }: { departments: string[] }, { actor }: SubgraphContext) => {
            assertPower(actor, 'REQUEST_PLAN');
            return writes.requestOnePlan(actor, departments);
          },
          cancelPlanRequest: (_: unknown, { id }: { id: string }, { actor }: SubgraphContext) => writes.cancelRequest(actor, id),
          answerPlanRequest: (
            _: unknown,
            a: { id: string; accept: boolean; declineReason?: string | null },
            context: SubgraphContext,
          ) => writes.answerRequest(context.actor, a.id, a.accept, a.declineReason, context),
          createOnePlan: (
            _: unknown,
            { input }: { input: { cpr: string; coordinatingCaseworkerId?: string | null; citizenGoals?: string[] | null } },
            context: SubgraphContext,
          ) => writes.create(context.actor, { ...input, cpr: parseCpr(input.cpr) }, context),
          activateOnePlan: change('activate', (plan) => planChanges.activate(plan)),
          endOnePlan: change('end', (plan, { reason }: { reason: string }) => planChanges.end(plan, reason)),
          handOverCoordination: async (_: unknown, args: WriteArgs<{ toCaseworkerId: string }>, context: SubgraphContext) => {
            const cpr = parseCpr(args.cpr);
            // The caller's own access first: checking the new coordinator must tell a stranger nothing.
            await access.check(context.actor, cpr, context);
            const to = await writes.handOverTarget(args.toCaseworkerId, cpr);
            return writes.change(
              context.actor,
              cpr,
              args.expectedVersion,
              'handOver',
              (plan) => planChanges.handOver(plan, to),
              context,
            );
          },
          setCitizenGoals: change('setCitizenGoals', (plan, { goals }: { goals: string[] }) =>
            planChanges.setCitizenGoals(plan, goals, newId('GOAL')),
          ),
          addAgreement: change(
            'addAgreement',
            (plan, { agreement }: { agreement: Parameters<typeof planChanges.addAgreement>[1] }) =>
              planChanges.addAgreement(plan, agreement, newId('AGR')),
          ),
          scheduleJointMeeting: async (
            parent: unknown,
            args: WriteArgs<{ meeting: Parameters<typeof planChanges.scheduleMeeting>[1] }>,
            context: SubgraphContext,
          ) => {
            // The citizen's personal ombud is invited by default (docs/design.md rule 13), unless another bisidder is named.
            const bisidder = args.meeting.bisidder || (await personalOmbudInvitation(consent, parseCpr(args.cpr)));
            return scheduleMeeting(parent, { ...args, meeting: { ...args.meeting, bisidder } }, context);
          },
          recordMeetingMinutes: change('recordMinutes', (plan, a: { meetingId: string; minutes: string }) =>
            planChanges.recordMinutes(plan, a.meetingId, a.minutes),
          ),
          setNextFollowUp: change('setNextFollowUp', (plan, { date }: { date: string }) =>
            planChanges.setNextFollowUp(plan, date),
          ),
          assignAgreement: (
            _: unknown,
            args: WriteArgs<{ agreementId: string; organisation: string }>,
            context: SubgraphContext,
          ) =>
            writes.change(
              context.actor,
              parseCpr(args.cpr),
              args.expectedVersion,
              'assign',
              (plan) => {
                const provider = providerOrganisation(args.organisation);
                if (!provider) throw errors.badUserInput('No provider organisation with that code.', { field: 'organisation' });
                return planChanges.assign(plan, args.agreementId, departmentOf(context.actor), provider, now());
              },
              context,
            ),
          endAssignment: (_: unknown, args: WriteArgs<{ agreementId: string }>, context: SubgraphContext) =>
            writes.change(
              context.actor,
              parseCpr(args.cpr),
              args.expectedVersion,
              'endAssignment',
              (plan) => planChanges.endAssignment(plan, args.agreementId, departmentOf(context.actor), organisationName),
              context,
            ),
          inviteProviderToMeeting: invitation('inviteProvider'),
          withdrawProviderInvitation: invitation('withdrawInvitation'),
          addProgressNote: (_: unknown, a: { cpr: string; agreementId: string; text: string }, { actor }: SubgraphContext) =>
            writes.addProgressNote(actor, parseCpr(a.cpr), a.agreementId, a.text),
        },
      },
    },
    close: async () => {
      clearInterval(findingRuns);
      await printer.close();
      await relay.stop();
      await database.close();
    },
  };
}
