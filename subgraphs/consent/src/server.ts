import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Response } from 'express';
import {
  CONSENT_CHANGES_EXTENSION,
  FINDING_LOG_OPERATION,
  assertPower,
  PROVIDER_LOG_OPERATION,
  databaseLocation,
  errors,
  loadSubgraphTypeDefs,
  namesOnBehalfOf,
  openDatabase,
  OutboxRelay,
  SqliteOutbox,
  silentLogger,
  type Actor,
  type ConfigReader,
  type SubgraphContext,
  type Department,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { AccessLog, type AccessLogEntry } from './AccessLog';
import { changeFeedRoute } from './changeFeedRoute';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from './checkpointSigner';
import type { ConsentRecord } from './consentModel';
import { consentFromInput, type GiveConsentInput } from './consentInput';
import { consentDeliverers, queueReceipt, type ConsentNotificationOptions } from './consentNotifications';
import { mayReadConsent } from './consentReadPolicy';
import { consentReceipt, receiptDocument } from './consentReceipt';
import { consentStatus } from './decide';
import { internalApi } from './internalApi';
import { openConsentDatabase } from './openConsentDatabase';
import { planCoordinator, type CoordinatorOf } from './representation/planCoordinator';
import { powerResolvers } from './representation/powerResolvers';
import { representativeAct } from './representation/powers';
import { powerSeed } from './representation/powerSeed';
import { representativeActView } from './representation/representativeActView';
import { representationRoute } from './representation/representationRoute';
import { consentSeed } from './seed';

const DAY_MS = 86_400_000;

/** Resolvers record the citizens whose consents changed; the plugin tells the gateway, which evicts its cache. */
type ConsentContext = SubgraphContext & { consentChanges?: Set<string> };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface ConsentSubgraphOptions extends SubgraphOptions {
  /** @default Date.now; injectable so tests can decide at exact instants. */
  now?: () => number;
  /** Longest validity a new consent may have. @default 365 days */
  maxValidityMs?: number;
  /** The secret the access log's checkpoints are signed with. @default DEV_CHECKPOINT_KEY */
  checkpointKey?: string;
  /** Access-log entries older than this are deleted by the pruning job. @default 730 days */
  retentionMs?: number;
  /** How often the pruning job runs; 0 turns it off. @default 1 hour */
  pruneIntervalMs?: number;
  /** Receipts for the citizen (their inbox, Digital Post). Unset: receipts are kept, none delivered. */
  notifications?: ConsentNotificationOptions;
}

/** The consent subgraph's own settings from the environment (see README, Configuration). */
export function readConsentOptions(env: ConfigReader, production: boolean): Omit<ConsentSubgraphOptions, keyof SubgraphOptions> {
  return {
    checkpointKey: env.secret('ACCESS_LOG_CHECKPOINT_KEY', production ? undefined : DEV_CHECKPOINT_KEY),
    retentionMs: env.integer('ACCESS_LOG_RETENTION_DAYS', 730, { min: 1, max: 36_500 }) * DAY_MS,
    pruneIntervalMs: env.integer('ACCESS_LOG_PRUNE_INTERVAL_MS', 3_600_000, { min: 0, max: 7 * DAY_MS }),
  };
}

function assertMayReadAccessLog(actor: Actor, cpr: string): void {
  if (actor.role === 'CITIZEN' && actor.cpr === cpr) return;
  if (actor.role === 'AUDITOR') return;
  throw errors.forbidden('Only the citizen and auditors may see the access log.');
}

const reportConsentChanges: ApolloServerPlugin<ConsentContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.consentChanges?.size && response.body.kind === 'single') {
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            [CONSENT_CHANGES_EXTENSION]: [...contextValue.consentChanges],
          };
        }
      },
    };
  },
};

/**
 * The consent subgraph: consents, the decision API, the access log and the change feed, on the
 * SQLite file or, with `databaseUrl`, on PostgreSQL shared by several replicas.
 */
export async function createConsentSubgraph(
  options: ConsentSubgraphOptions,
): Promise<SubgraphInstance & { accessLog: AccessLog }> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const maxValidityMs = options.maxValidityMs ?? 365 * DAY_MS;
  const database = await openConsentDatabase(databaseLocation(options.databaseUrl, options.databaseFile), logger);
  const { store, powers, changes } = database;
  const accessLog = new AccessLog(database.accessLog, {
    now,
    signer: new CheckpointSigner(options.checkpointKey ?? DEV_CHECKPOINT_KEY),
  });
  try {
    if (database.needsAnchor) await accessLog.anchorUpgradedLog();
    await store.seed(consentSeed(now(), options.syntheticCitizens ?? 0));
    await powers.seed(powerSeed(now()));
  } catch (error) {
    await database.close();
    throw error;
  }
  const streams = new Set<Response>();
  const prune = async () => {
    try {
      const deleted = await accessLog.prune(options.retentionMs ?? 730 * DAY_MS);
      if (deleted > 0) logger.info('access log: entries past retention deleted', { deleted });
    } catch (error) {
      logger.error('access log: pruning failed', { message: error instanceof Error ? error.message : String(error) });
    }
  };
  const pruneIntervalMs = options.pruneIntervalMs ?? 3_600_000;
  const pruning = pruneIntervalMs > 0 ? setInterval(() => void prune(), pruneIntervalMs).unref() : undefined;
  // Open change streams would hold the HTTP drain open: end them when the server stops.
  const endStreams: ApolloServerPlugin<SubgraphContext> = {
    async serverWillStart() {
      return {
        async drainServer() {
          for (const res of streams) res.end();
        },
      };
    },
  };
  // The citizen's receipts wait in an outbox until delivered. It is a SQLite file of this replica's own
  // (beside DATABASE_FILE), also when consents live on PostgreSQL: each replica delivers what it queued.
  const deliverers = options.notifications ? consentDeliverers(options.notifications) : {};
  const outboxDb = openDatabase(options.databaseFile.replace(/\.sqlite$/, '') + '.outbox.sqlite');
  const outbox = new SqliteOutbox(outboxDb, Object.keys(deliverers));
  const relay = new OutboxRelay(outbox, {
    deliverers,
    logger,
    pollMs: options.notifications?.pollMs,
    retryBaseMs: options.notifications?.retryBaseMs,
    retryMaxMs: options.notifications?.retryMaxMs,
    now,
  });
  relay.start();
  const changed = (context: ConsentContext, cpr: string) => (context.consentChanges ??= new Set()).add(cpr);
  // The plan subgraph says who coordinates a citizen's plan, at the inbox's address; without one, nobody can be told.
  const notifications = options.notifications;
  const coordinatorOf: CoordinatorOf = notifications
    ? planCoordinator({ planUrl: notifications.inboxUrl, signingKey: notifications.signingKey })
    : async () => {
        throw errors.powersUnavailable();
      };
  const representation = powerResolvers({ store: powers, now, maxValidityMs, changed, outbox, coordinatorOf });

  return {
    accessLog,
    module: {
      name: 'consent',
      typeDefs: loadSubgraphTypeDefs('consent'),
      routes: (app) => {
        internalApi({ store, accessLog, now, logger })(app);
        representationRoute({ store: powers, now, logger })(app);
        changeFeedRoute(changes, streams)(app);
      },
      plugins: [reportConsentChanges as ApolloServerPlugin<SubgraphContext>, endStreams],
      resolvers: {
        Query: representation.Query,
        PowerOfRepresentation: representation.PowerOfRepresentation,
        Citizen: {
          ...representation.Citizen,
          __resolveReference: (ref: { cpr: string }) => ({ cpr: ref.cpr }),
          // Filtered, not refused: a caseworker outside the consents learns nothing, not even that one exists.
          consents: async ({ cpr }: { cpr: string }, _: unknown, { actor }: ConsentContext) => {
            assertPower(actor, 'MANAGE_CONSENTS');
            return (await store.consentsOf(cpr)).filter((consent) => mayReadConsent(actor, consent));
          },
          accessLog: (
            { cpr }: { cpr: string },
            { first, before, department }: { first: number; before?: number | null; department?: Department | null },
            { actor }: ConsentContext,
          ) => {
            assertMayReadAccessLog(actor, cpr);
            assertPower(actor, 'READ_ACCESS_LOG');
            if (first < 1 || first > 1000) throw errors.badUserInput('first must be from 1 to 1000.', { field: 'first' });
            if (before != null && before < 1) throw errors.badUserInput('before must be a sequence from 1.', { field: 'before' });
            return accessLog.entriesOf(cpr, {
              first,
              ...(before != null && { before }),
              ...(department != null && { department }),
            });
          },
        },
        Consent: {
          validFrom: (c: ConsentRecord) => iso(c.validFrom),
          validUntil: (c: ConsentRecord) => iso(c.validUntil),
          withdrawnAt: (c: ConsentRecord) => iso(c.withdrawnAt),
          evidence: (c: ConsentRecord) => ({ ...c.evidence, recordedAt: iso(c.evidence.recordedAt) }),
          status: (c: ConsentRecord) => consentStatus(c, now()),
          givenByRepresentative: (c: ConsentRecord) => c.givenByRepresentative && representativeActView(c.givenByRepresentative),
          withdrawnByRepresentative: (c: ConsentRecord) =>
            c.withdrawnByRepresentative && representativeActView(c.withdrawnByRepresentative),
          receipt: (c: ConsentRecord) =>
            consentReceipt(c, c.withdrawnAt === null ? 'GIVEN' : 'WITHDRAWN', consentStatus(c, now()), now()),
          receiptDocument: (c: ConsentRecord) =>
            receiptDocument(consentReceipt(c, c.withdrawnAt === null ? 'GIVEN' : 'WITHDRAWN', consentStatus(c, now()), now())),
        },
        AccessLogEntry: {
          at: (e: AccessLogEntry) => iso(e.at),
          // Only the finder's and a provider's lines are written for the citizen to read; other reasons are internal.
          explanation: (e: AccessLogEntry) =>
            (e.operationName === FINDING_LOG_OPERATION || e.operationName === PROVIDER_LOG_OPERATION) &&
            e.actorDepartment === null
              ? e.reason
              : null,
          representativeName: (e: AccessLogEntry) => namesOnBehalfOf(e.actorName, e.actorDepartment)?.representativeName ?? null,
          representedName: (e: AccessLogEntry) => namesOnBehalfOf(e.actorName, e.actorDepartment)?.representedName ?? null,
        },
        Mutation: {
          ...representation.Mutation,
          giveConsent: async (_: unknown, { input }: { input: GiveConsentInput }, context: ConsentContext) => {
            assertPower(context.actor, 'MANAGE_CONSENTS');
            const at = now();
            const consent = await consentFromInput(input, context.actor, store, {
              now: at,
              maxValidityMs,
              newId: () => `CON-${randomUUID()}`,
              representative: await representativeAct(context.actor, powers, at),
            });
            await store.insert(consent);
            queueReceipt(outbox, consent, 'GIVEN', consentStatus(consent, now()), consent.evidence.recordedAt);
            changed(context, consent.cpr);
            return consent;
          },
          withdrawConsent: async (_: unknown, { id }: { id: string }, context: ConsentContext) => {
            const { actor } = context;
            assertPower(actor, 'MANAGE_CONSENTS');
            const consent = await store.byId(id);
            const mayWithdraw =
              consent && (actor.role === 'CITIZEN' || actor.role === 'CASEWORKER') && mayReadConsent(actor, consent);
            // The same answer for "no such consent" and "not yours": ids reveal nothing.
            if (!consent || !mayWithdraw)
              throw errors.badUserInput('No consent with that id that you may withdraw.', { field: 'id' });
            const at = now();
            await store.withdraw(id, at, actor.id, await representativeAct(actor, powers, at));
            const withdrawn = (await store.byId(id))!;
            // Every answer that says WITHDRAWN has its receipt queued, a retry's too: an attempt may have
            // committed and failed before queueing it (the store went away, the replica was killed). The
            // receipt is the same each time (the withdrawal's own time and id), and the inbox keeps one.
            if (withdrawn.withdrawnAt !== null)
              queueReceipt(
                outbox,
                withdrawn,
                'WITHDRAWN',
                consentStatus(withdrawn, withdrawn.withdrawnAt),
                withdrawn.withdrawnAt,
              );
            changed(context, consent.cpr);
            return withdrawn;
          },
        },
      },
    },
    close: async () => {
      clearInterval(pruning);
      await database.close();
      await relay.stop();
      outboxDb.close();
    },
  };
}
