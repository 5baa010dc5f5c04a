import { maskCpr, paaVegneAf } from '@enplan/lib';
import type { RepresentativeAct } from '../consentModel';

/** A representative as shown: a person's CPR masked, an ombud's staff id as it is. */
export function actingRepresentativeView(act: Pick<RepresentativeAct, 'kind' | 'ref' | 'name' | 'organisation'>) {
  return {
    kind: act.kind,
    name: act.name,
    reference: act.kind === 'PERSON' ? maskCpr(act.ref) : act.ref,
    organisation: act.organisation,
  };
}

/** A representative's act as the API and the receipts show it: the CPR masked, the sentence in Danish. */
export function representativeActView(act: RepresentativeAct) {
  return {
    powerId: act.powerId,
    representative: actingRepresentativeView(act),
    citizenName: act.citizenName,
    text: paaVegneAf(act.name, act.citizenName),
  };
}
