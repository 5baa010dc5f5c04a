import { randomUUID } from 'node:crypto';
import { errors, representativeRefOf, type Actor, type SqliteOutbox, type SubgraphContext } from '@enplan/lib';
import {
  isTheCitizenThemself,
  powerFromInput,
  powerReceipt,
  powerStatus,
  representativeView,
  type GivePowerInput,
} from './powers';
import type { CoordinatorOf } from './planCoordinator';
import { queuePowerReceipts } from './powerNotifications';
import type { PowerRecord, PowerStore } from './PowerStore';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Who sees a citizen's powers (docs/design.md rule 13), deny by default: the citizen all of them;
 * those in force, the coordinator of the citizen's joint plan and a personal ombud named for the
 * citizen (who stands at the citizen's side); a representative signed in as themself their own in
 * force. Anyone else, a representative acting for the citizen included, gets the empty list an
 * unknown citizen gets. The plan subgraph is asked only when a caseworker asks.
 */
async function visiblePowers(
  actor: Actor,
  cpr: string,
  powers: PowerRecord[],
  now: number,
  coordinatorOf: CoordinatorOf,
): Promise<PowerRecord[]> {
  if (isTheCitizenThemself(actor, cpr)) return powers;
  const inForce = powers.filter((p) => powerStatus(p, now) === 'ACTIVE');
  const self = representativeRefOf(actor);
  const held = self ? inForce.filter((p) => p.representativeKind === self.kind && p.representativeRef === self.ref) : [];
  if (self?.kind === 'PERSONAL_OMBUD' && held.length > 0) return inForce;
  if (held.length > 0) return held;
  if (actor.role === 'CASEWORKER' && inForce.length > 0 && (await coordinatorOf(cpr)) === actor.id) return inForce;
  return [];
}

/**
 * The consent service's powers of representation in the graph. `changed` announces the citizen to
 * the gateway's cache in the response, as a consent change is (the change feed does it for every gateway).
 * Each change queues its receipts in `outbox` (powerNotifications.ts).
 */
export function powerResolvers({
  store,
  now,
  maxValidityMs,
  changed,
  outbox,
  coordinatorOf,
}: {
  store: PowerStore;
  now: () => number;
  maxValidityMs: number;
  changed: (context: SubgraphContext, cpr: string) => void;
  outbox: SqliteOutbox;
  coordinatorOf: CoordinatorOf;
}) {
  return {
    Citizen: {
      representatives: async ({ cpr }: { cpr: string }, _: unknown, { actor }: SubgraphContext) =>
        visiblePowers(actor, cpr, await store.powersOf(cpr), now(), coordinatorOf),
    },
    PowerOfRepresentation: {
      representative: representativeView,
      validFrom: (p: PowerRecord) => iso(p.validFrom),
      validUntil: (p: PowerRecord) => iso(p.validUntil),
      revokedAt: (p: PowerRecord) => iso(p.revokedAt),
      evidence: (p: PowerRecord) => ({ ...p.evidence, recordedAt: iso(p.evidence.recordedAt) }),
      status: (p: PowerRecord) => powerStatus(p, now()),
      receipt: (p: PowerRecord) => powerReceipt(p, now()),
    },
    Query: {
      powersToActFor: async (_: unknown, __: unknown, { actor }: SubgraphContext) => {
        const self = representativeRefOf(actor);
        if (!self) return [];
        const at = now();
        return (await store.heldBy(self.kind, self.ref)).filter((p) => powerStatus(p, at) === 'ACTIVE');
      },
    },
    Mutation: {
      givePowerOfRepresentation: async (_: unknown, { input }: { input: GivePowerInput }, context: SubgraphContext) => {
        const power = await powerFromInput(input, context.actor, store, {
          now: now(),
          maxValidityMs,
          newId: () => `FM-${randomUUID()}`,
        });
        await store.insert(power);
        // A change revokes the old power and gives the new one: one receipt of the change, not two.
        queuePowerReceipts(outbox, power, power.supersedes ? 'CHANGED' : 'GIVEN', power.evidence.recordedAt);
        changed(context, power.cpr);
        return power;
      },
      revokePowerOfRepresentation: async (_: unknown, { id }: { id: string }, context: SubgraphContext) => {
        const { actor } = context;
        const power = await store.byId(id);
        // The same answer for "no such power" and "not yours": ids reveal nothing.
        if (!power || !(isTheCitizenThemself(actor, power.cpr) || actor.role === 'CASEWORKER'))
          throw errors.badUserInput('No power of representation with that id that you may revoke.', { field: 'id' });
        const at = now();
        if (await store.revoke(id, at, actor.id)) queuePowerReceipts(outbox, (await store.byId(id))!, 'REVOKED', at);
        changed(context, power.cpr);
        return store.byId(id);
      },
    },
  };
}
