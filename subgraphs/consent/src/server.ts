import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  CONSENT_CHANGES_EXTENSION,
  errors,
  loadSubgraphTypeDefs,
  inTransaction,
  openDatabase,
  OutboxRelay,
  SqliteOutbox,
  silentLogger,
  type Actor,
  type SubgraphContext,
  type SubgraphInstance,
  type SubgraphOptions,
} from '@enplan/lib';
import { AccessLog, type AccessLogEntry } from './AccessLog';
import type { ConsentRecord } from './consentModel';
import { consentFromInput, type GiveConsentInput } from './consentInput';
import { consentDeliverers, queueReceipt, type ConsentNotificationOptions } from './consentNotifications';
import { mayReadConsent } from './consentReadPolicy';
import { consentReceipt, receiptDocument } from './consentReceipt';
import { SqliteConsentStore } from './ConsentStore';
import { consentStatus } from './decide';
import { internalApi } from './internalApi';
import { consentSeed } from './seed';

/** Resolvers record the citizens whose consents changed; the plugin tells the gateway, which evicts its cache. */
type ConsentContext = SubgraphContext & { consentChanges?: Set<string> };

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export interface ConsentSubgraphOptions extends SubgraphOptions {
  /** @default Date.now; injectable so tests can decide at exact instants. */
  now?: () => number;
  /** Longest validity a new consent may have. @default 365 days */
  maxValidityMs?: number;
  /** Receipts for the citizen (their inbox, Digital Post). Unset: receipts are kept, none delivered. */
  notifications?: ConsentNotificationOptions;
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

/** The consent subgraph: consents, the decision API and the access log, in one SQLite file. */
export function createConsentSubgraph(options: ConsentSubgraphOptions): SubgraphInstance & { accessLog: AccessLog } {
  const now = options.now ?? Date.now;
  const maxValidityMs = options.maxValidityMs ?? 365 * 86_400_000;
  const db = openDatabase(options.databaseFile);
  const store = new SqliteConsentStore(db);
  const accessLog = new AccessLog(db);
  if (store.isEmpty()) store.seed(consentSeed(now(), options.syntheticCitizens ?? 0));
  const changed = (context: ConsentContext, cpr: string) => (context.consentChanges ??= new Set()).add(cpr);
  const deliverers = options.notifications ? consentDeliverers(options.notifications) : {};
  const outbox = new SqliteOutbox(db, Object.keys(deliverers));
  const relay = new OutboxRelay(outbox, {
    deliverers,
    logger: options.logger ?? silentLogger,
    pollMs: options.notifications?.pollMs,
    retryBaseMs: options.notifications?.retryBaseMs,
    now,
  });
  relay.start();

  return {
    accessLog,
    module: {
      name: 'consent',
      typeDefs: loadSubgraphTypeDefs('consent'),
      routes: internalApi({ store, accessLog, now, logger: options.logger ?? silentLogger }),
      plugins: [reportConsentChanges as ApolloServerPlugin<SubgraphContext>],
      resolvers: {
        Citizen: {
          __resolveReference: (ref: { cpr: string }) => ({ cpr: ref.cpr }),
          // Filtered, not refused: a caseworker outside the consents learns nothing, not even that one exists.
          consents: ({ cpr }: { cpr: string }, _: unknown, { actor }: ConsentContext) =>
            store.consentsOf(cpr).filter((consent) => mayReadConsent(actor, consent)),
          accessLog: ({ cpr }: { cpr: string }, { first }: { first: number }, { actor }: ConsentContext) => {
            assertMayReadAccessLog(actor, cpr);
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
          receipt: (c: ConsentRecord) => consentReceipt(c, c.withdrawnAt === null ? 'GIVEN' : 'WITHDRAWN', consentStatus(c, now()), now()),
          receiptDocument: (c: ConsentRecord) =>
            receiptDocument(consentReceipt(c, c.withdrawnAt === null ? 'GIVEN' : 'WITHDRAWN', consentStatus(c, now()), now())),
        },
        AccessLogEntry: {
          at: (e: AccessLogEntry) => iso(e.at),
        },
        Mutation: {
          giveConsent: (_: unknown, { input }: { input: GiveConsentInput }, context: ConsentContext) => {
            const consent = consentFromInput(input, context.actor, store, {
              now: now(),
              maxValidityMs,
              newId: () => `CON-${randomUUID()}`,
            });
            inTransaction(db, () => {
              store.insert(consent);
              if (consent.supersedes) store.markSuperseded(consent.supersedes, consent.id);
              queueReceipt(outbox, consent, 'GIVEN', consentStatus(consent, now()), consent.evidence.recordedAt);
            });
            changed(context, consent.cpr);
            return consent;
          },
          withdrawConsent: (_: unknown, { id }: { id: string }, context: ConsentContext) => {
            const { actor } = context;
            const consent = store.byId(id);
            const mayWithdraw = consent && (actor.role === 'CITIZEN' || actor.role === 'CASEWORKER') && mayReadConsent(actor, consent);
            // The same answer for "no such consent" and "not yours": ids reveal nothing.
            if (!consent || !mayWithdraw) throw errors.badUserInput('No consent with that id that you may withdraw.', { field: 'id' });
            const at = now();
            inTransaction(db, () => {
              if (!store.withdraw(id, at, actor.id)) return;
              const withdrawn = store.byId(id)!;
              queueReceipt(outbox, withdrawn, 'WITHDRAWN', consentStatus(withdrawn, at), at);
            });
            changed(context, consent.cpr);
            return store.byId(id);
          },
        },
      },
    },
    close: () => {
      void relay.stop();
      db.close();
    },
  };
}
