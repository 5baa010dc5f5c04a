import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Response } from 'express';
import {
  CONSENT_CHANGES_EXTENSION,
  databaseLocation,
  errors,
  loadSubgraphTypeDefs,
  silentLogger,
  type Actor,
  type ConfigReader,
  type SubgraphContext,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { AccessLog, type AccessLogEntry } from './AccessLog';
import { changeFeedRoute } from './changeFeedRoute';
import { CheckpointSigner, DEV_CHECKPOINT_KEY } from './checkpointSigner';
import type { ConsentRecord } from './consentModel';
import { consentFromInput, type GiveConsentInput } from './consentInput';
import { consentStatus } from './decide';
import { internalApi } from './internalApi';
import { openConsentDatabase } from './openConsentDatabase';
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
}

/** The consent subgraph's own settings from the environment (see README, Configuration). */
export function readConsentOptions(env: ConfigReader, production: boolean): Omit<ConsentSubgraphOptions, keyof SubgraphOptions> {
  return {
    checkpointKey: env.secret('ACCESS_LOG_CHECKPOINT_KEY', production ? undefined : DEV_CHECKPOINT_KEY),
    retentionMs: env.integer('ACCESS_LOG_RETENTION_DAYS', 730, { min: 1, max: 36_500 }) * DAY_MS,
    pruneIntervalMs: env.integer('ACCESS_LOG_PRUNE_INTERVAL_MS', 3_600_000, { min: 0, max: 7 * DAY_MS }),
  };
}

function assertMayRead(actor: Actor, cpr: string, what: 'consents' | 'accessLog'): void {
  if (actor.role === 'CITIZEN' && actor.cpr === cpr) return;
  if (actor.role === 'AUDITOR') return;
  if (what === 'consents' && actor.role === 'CASEWORKER') return;
  throw errors.forbidden(what === 'consents' ? 'You may not see these consents.' : 'Only the citizen and auditors may see the access log.');
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
export async function createConsentSubgraph(options: ConsentSubgraphOptions): Promise<SubgraphInstance & { accessLog: AccessLog }> {
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const maxValidityMs = options.maxValidityMs ?? 365 * DAY_MS;
  const database = await openConsentDatabase(databaseLocation(options.databaseUrl, options.databaseFile), logger);
  const { store, changes } = database;
  const accessLog = new AccessLog(database.accessLog, { now, signer: new CheckpointSigner(options.checkpointKey ?? DEV_CHECKPOINT_KEY) });
  try {
    if (database.needsAnchor) await accessLog.anchorUpgradedLog();
    await store.seed(consentSeed(now(), options.syntheticCitizens ?? 0));
  } catch (error) {
    await database.close();
    throw error;
  }
  const changed = (context: ConsentContext, cpr: string) => (context.consentChanges ??= new Set()).add(cpr);
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

  return {
    accessLog,
    module: {
      name: 'consent',
      typeDefs: loadSubgraphTypeDefs('consent'),
      routes: (app) => {
        internalApi({ store, accessLog, now, logger })(app);
        changeFeedRoute(changes, streams)(app);
      },
      plugins: [reportConsentChanges as ApolloServerPlugin<SubgraphContext>, endStreams],
      resolvers: {
        Citizen: {
          __resolveReference: (ref: { cpr: string }) => ({ cpr: ref.cpr }),
          consents: ({ cpr }: { cpr: string }, _: unknown, { actor }: ConsentContext) => {
            assertMayRead(actor, cpr, 'consents');
            return store.consentsOf(cpr);
          },
          accessLog: ({ cpr }: { cpr: string }, { first }: { first: number }, { actor }: ConsentContext) => {
            assertMayRead(actor, cpr, 'accessLog');
            if (first < 1 || first > 1000) throw errors.badUserInput('first must be from 1 to 1000.', { field: 'first' });
            return accessLog.entriesOf(cpr, first);
          },
        },
        Consent: {
          validFrom: (c: ConsentRecord) => iso(c.validFrom),
          validUntil: (c: ConsentRecord) => iso(c.validUntil),
          withdrawnAt: (c: ConsentRecord) => iso(c.withdrawnAt),
          evidence: (c: ConsentRecord) => ({ ...c.evidence, recordedAt: iso(c.evidence.recordedAt) }),
          status: (c: ConsentRecord) => consentStatus(c, now()),
        },
        AccessLogEntry: {
          at: (e: AccessLogEntry) => iso(e.at),
        },
        Mutation: {
          giveConsent: async (_: unknown, { input }: { input: GiveConsentInput }, context: ConsentContext) => {
            const consent = await consentFromInput(input, context.actor, store, {
              now: now(),
              maxValidityMs,
              newId: () => `CON-${randomUUID()}`,
            });
            await store.insert(consent);
            changed(context, consent.cpr);
            return consent;
          },
          withdrawConsent: async (_: unknown, { id }: { id: string }, context: ConsentContext) => {
            const { actor } = context;
            const consent = await store.byId(id);
            const mayWithdraw = consent && ((actor.role === 'CITIZEN' && actor.cpr === consent.cpr) || actor.role === 'CASEWORKER');
            // The same answer for "no such consent" and "not yours": ids reveal nothing.
            if (!consent || !mayWithdraw) throw errors.badUserInput('No consent with that id that you may withdraw.', { field: 'id' });
            await store.withdraw(id, now(), actor.id);
            changed(context, consent.cpr);
            return store.byId(id);
          },
        },
      },
    },
    close: async () => {
      clearInterval(pruning);
      await database.close();
    },
  };
}
