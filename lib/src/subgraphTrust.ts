import { devKeyFiles, GATEWAY_ISSUER, loadKeySet, type SigningService, type TrustedIssuer } from './assertion';
import { readKeySetSource } from './assertionConfig';
import type { ConfigReader } from './config';
import { FINDER_SERVICE } from './findingField';
import { gatewayKeyOf, gatewayKeyOfSubgraph } from './gatewayKeys';
import { departmentOf, municipality, organisationOf } from './registry';

/** A service other than the gateway whose calls a subgraph may accept. */
export type TrustedService = Exclude<SigningService, 'gateway'>;

/**
 * Whose own keys a subgraph accepts: those it names, and for a municipal department the candidate
 * finder's (its yes/no question only, findingCheck.ts). The finder never asks another organisation's
 * departments (rule 14), so they do not trust it.
 */
export function trustedServicesOf(name: string, declared: readonly TrustedService[] = []): readonly TrustedService[] {
  const department = departmentOf(name);
  const municipal = department !== undefined && organisationOf(department) === municipality();
  return municipal ? [...new Set([...declared, FINDER_SERVICE])] : declared;
}

/** One key set a subgraph trusts: whose, the variable that names it, its dev default, and what its issuer may assert. */
export interface TrustedKeySet {
  issuer: string;
  variable: string;
  devJwks: string;
  /** Only a SERVICE actor whose id is the issuer (a service never speaks for a user). */
  serviceOnly: boolean;
}

/**
 * Every key set a subgraph trusts: the gateway's key for the subgraph's organisation (lib/src/gatewayKeys.ts:
 * the region's subgraph trusts only the key the gateway holds for the region), then each trusted service's.
 */
export function trustedKeySetsOf(name: string, declared: readonly TrustedService[] = []): TrustedKeySet[] {
  const gateway = gatewayKeyOfSubgraph(name);
  return [
    { issuer: GATEWAY_ISSUER, variable: gateway.jwksVariable, devJwks: gateway.dev.jwks, serviceOnly: false },
    ...trustedServicesOf(name, declared).map((service) => ({
      issuer: `enplan-${service}`,
      variable: `${service.toUpperCase()}_JWKS`,
      devJwks: devKeyFiles(service).jwks,
      serviceOnly: true,
    })),
  ];
}

/**
 * Reads where each trusted key set is (`trustedKeySetsOf`); problems go to `env`. Returns how to load
 * them, for after the whole configuration is known good. A
 * subgraph of another organisation refuses the municipality's `GATEWAY_JWKS` outright, so a shared
 * environment cannot make it trust the municipal key by mistake.
 */
export function readTrustedIssuers(
  env: ConfigReader,
  name: string,
  declared: readonly TrustedService[],
  production: boolean,
): () => TrustedIssuer[] {
  const sets = trustedKeySetsOf(name, declared);
  const municipal = gatewayKeyOf(undefined).jwksVariable;
  if (sets[0]!.variable !== municipal && env.optionalString(municipal) !== undefined) {
    env.problem(
      `${municipal} is the municipality's gateway key: ${name} belongs to another organisation and trusts only ${sets[0]!.variable}`,
    );
  }
  const sources = sets.map((set) => ({ ...set, source: readKeySetSource(env, set.variable, set.devJwks, production) }));
  return () => sources.map(({ issuer, source, serviceOnly }) => ({ issuer, keys: loadKeySet(source), serviceOnly }));
}
