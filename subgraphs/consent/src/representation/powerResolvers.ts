import { randomUUID } from 'node:crypto';
import { errors, representativeRefOf, type Actor, type SubgraphContext } from '@enplan/lib';
import {
  isTheCitizenThemself,
  powerFromInput,
  powerReceipt,
  powerStatus,
  representativeView,
  type GivePowerInput,
} from './powers';
import type { PowerRecord, PowerStore } from './PowerStore';
import type { ConsentRecord } from '../consentModel';
import type { ConsentStore } from '../ConsentStore';
import { mayReadConsent } from '../consentReadPolicy';
import { consentStatus } from '../decide';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Whether a caseworker stands in the citizen's course: a consent of the citizen in force makes their
 * department a party (the consent read policy), or they recorded a power of the citizen's themself.
 */
function standsInTheCourse(actor: Actor, consents: readonly ConsentRecord[], powers: readonly PowerRecord[], now: number) {
  const party = consents.some((c) => consentStatus(c, now) === 'ACTIVE' && mayReadConsent(actor, c));
  return party || powers.some((p) => p.evidence.recordedBy === actor.id);
}

/**
 * Who sees a citizen's powers: the citizen all of them; a caseworker who stands in the citizen's
 * course those in force (who stands at the citizen's side, docs/design.md rule 13); anyone else
 * (another department's or organisation's staff, a representative acting for them) none, the same
 * empty answer as for a citizen with no representative: that someone has a personal ombud is
 * itself the citizen's data.
 */
async function visiblePowers(
  actor: Actor,
  cpr: string,
  stores: { powers: PowerStore; consents: ConsentStore },
  now: number,
): Promise<PowerRecord[]> {
  if (isTheCitizenThemself(actor, cpr)) return stores.powers.powersOf(cpr);
  if (actor.role !== 'CASEWORKER') return [];
  const powers = await stores.powers.powersOf(cpr);
  if (!standsInTheCourse(actor, await stores.consents.consentsOf(cpr), powers, now)) return [];
  return powers.filter((p) => powerStatus(p, now) === 'ACTIVE');
}

/**
 * The consent service's powers of representation in the graph. `changed` announces the citizen to
 * the gateway's cache in the response, as a consent change is (the change feed does it for every gateway).
 */
export function powerResolvers({
  store,
  consents,
  now,
  maxValidityMs,
  changed,
}: {
  store: PowerStore;
  consents: ConsentStore;
  now: () => number;
  maxValidityMs: number;
  changed: (context: SubgraphContext, cpr: string) => void;
}) {
  return {
    Citizen: {
      representatives: async ({ cpr }: { cpr: string }, _: unknown, { actor }: SubgraphContext) =>
        visiblePowers(actor, cpr, { powers: store, consents }, now()),
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
        changed(context, power.cpr);
        return power;
      },
      revokePowerOfRepresentation: async (_: unknown, { id }: { id: string }, context: SubgraphContext) => {
        const { actor } = context;
        const power = await store.byId(id);
        // The same answer for "no such power" and "not yours": ids reveal nothing.
        if (!power || !(isTheCitizenThemself(actor, power.cpr) || actor.role === 'CASEWORKER'))
          throw errors.badUserInput('No power of representation with that id that you may revoke.', { field: 'id' });
        await store.revoke(id, now(), actor.id);
        changed(context, power.cpr);
        return store.byId(id);
      },
    },
  };
}
