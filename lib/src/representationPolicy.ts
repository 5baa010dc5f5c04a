import type { Actor } from './actor';
import { errors } from './errors';
import type { Power, RepresentativeRef } from './representation';

/**
 * How the signed-in person would be named as a representative, or undefined when they cannot be one:
 * a citizen by their own CPR (never while already acting for someone), a personal ombud by staff id.
 */
export function representativeRefOf(actor: Actor): RepresentativeRef | undefined {
  if (actor.role === 'CITIZEN' && actor.representation === undefined) return { kind: 'PERSON', ref: actor.cpr };
  if (actor.role === 'OMBUD') return { kind: 'PERSONAL_OMBUD', ref: actor.id };
  return undefined;
}

/** Defence in depth for a subgraph: a representative without `power` is refused; the citizen themself always passes. */
export function assertPower(actor: Actor, power: Power): void {
  if (actor.role === 'CITIZEN' && actor.representation && !actor.representation.powers.includes(power))
    throw errors.forbidden(`Your power of representation does not cover this (${power}).`);
}
