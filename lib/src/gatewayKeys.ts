import { devKeyFiles, writeSigningKeyPair, type JWK } from './assertion';
import { readSigningKey } from './assertionConfig';
import type { ConfigReader } from './config';
import { departmentOf, municipality, organisationOf, registeredSubgraphs, type Organisation } from './registry';

/**
 * The gateway holds one signing key per data controller (docs/design.md rule 11). Calls to the
 * municipality's subgraphs are signed with `GATEWAY_SIGNING_KEY_FILE` and verified with
 * `GATEWAY_JWKS`; calls to the departments of another organisation (the region) with a key kept for
 * that organisation alone, `GATEWAY_SIGNING_KEY_FILE_<CODE>`, which only its subgraphs trust
 * (`GATEWAY_JWKS_<CODE>`). A call signed for the region is then worth nothing at a municipal
 * department, and the municipality's key nothing at the region's. Rotation is by `kid` in each set.
 */
export interface GatewayKey {
  /** The organisation the key is for; undefined for the municipality's own key. */
  organisation?: string;
  /** The key pair's file name (`npm run keys`, lib/dev-keys): `gateway`, `gateway-region-hovedstaden`. */
  name: 'gateway' | `gateway-${string}`;
  /** Where the gateway finds the private key. */
  signingKeyVariable: string;
  /** Where the organisation's subgraphs find the public keys they trust. */
  jwksVariable: string;
  /** The committed pair used outside production (lib/dev-keys). */
  dev: { privateJwk: string; jwks: string };
}

/** The gateway's key for calls to `organisation`'s subgraphs; the municipality's for the municipality or none. */
export function gatewayKeyOf(organisation: Organisation | undefined): GatewayKey {
  if (organisation === undefined || organisation.code === municipality().code) {
    return {
      name: 'gateway',
      signingKeyVariable: 'GATEWAY_SIGNING_KEY_FILE',
      jwksVariable: 'GATEWAY_JWKS',
      dev: devKeyFiles('gateway'),
    };
  }
  const { code } = organisation;
  const name = `gateway-${code.toLowerCase().replaceAll('_', '-')}` as const;
  return {
    organisation: code,
    name,
    signingKeyVariable: `GATEWAY_SIGNING_KEY_FILE_${code}`,
    jwksVariable: `GATEWAY_JWKS_${code}`,
    dev: devKeyFiles(name),
  };
}

/** The key for calls to a department, by its code: its organisation's, as the registry says. */
export function gatewayKeyOfDepartment(department: string): GatewayKey {
  return gatewayKeyOf(organisationOf(department));
}

/** The key a subgraph of the registry trusts the gateway's calls by: its department's organisation's, else the municipality's. */
export function gatewayKeyOfSubgraph(name: string): GatewayKey {
  const department = departmentOf(name);
  return department === undefined ? gatewayKeyOf(undefined) : gatewayKeyOfDepartment(department);
}

/** The gateway's keys for other organisations: one for each that has a department in the registry. */
export function organisationGatewayKeys(): GatewayKey[] {
  const others = new Set<Organisation>();
  for (const s of registeredSubgraphs()) {
    const owner = s.kind === 'department' ? organisationOf(s.department) : undefined;
    if (owner && owner !== municipality()) others.add(owner);
  }
  return [...others].map(gatewayKeyOf);
}

/**
 * The gateway's private key for each other organisation (by code), read and checked like its own:
 * the committed dev key outside production, required in production. One organisation's key may not
 * be the municipality's (`municipal`), or that organisation would trust every municipal call too.
 */
export function readOrganisationSigningKeys(read: ConfigReader, municipal: JWK, production: boolean): Record<string, JWK> {
  const keys: Record<string, JWK> = {};
  for (const { organisation, signingKeyVariable, dev } of organisationGatewayKeys()) {
    const jwk = readSigningKey(read, signingKeyVariable, dev.privateJwk, production);
    if (!jwk || !organisation) continue;
    if (jwk.x === municipal.x && jwk.y === municipal.y) {
      read.problem(`${signingKeyVariable} is the same key as GATEWAY_SIGNING_KEY_FILE: ${organisation} needs a key of its own`);
    }
    keys[organisation] = jwk;
  }
  return keys;
}

/** A key pair as `writeSigningKeyPair` wrote it. */
export type KeyPair = Awaited<ReturnType<typeof writeSigningKeyPair>>;

/** The gateway's fresh key pairs for one deployment (a test federation, a harness), and how each service is told them. */
export interface GatewayKeyPairs {
  /** The municipality's pair. */
  municipal: KeyPair;
  /** Each other organisation's pair, by its code. */
  byOrganisation: ReadonlyMap<string, KeyPair>;
  /** The gateway's environment: every private key under its variable. */
  gatewayEnv: Readonly<Record<string, string>>;
  /** A subgraph's environment: the public keys of the one gateway key it trusts, under its variable. */
  subgraphEnv(name: string): Record<string, string>;
  /** The JWKS file a subgraph trusts the gateway by. */
  jwksFileOf(name: string): string;
}

/** Writes a fresh pair for every gateway key of the registry into `dir`, key ids `<kidPrefix>-<name>`. */
export async function writeGatewayKeyPairs(dir: string, kidPrefix: string): Promise<GatewayKeyPairs> {
  const keys = [gatewayKeyOf(undefined), ...organisationGatewayKeys()];
  const pairs = new Map<string, KeyPair>();
  for (const key of keys) pairs.set(key.name, await writeSigningKeyPair(dir, key.name, `${kidPrefix}-${key.name}`));
  const jwksFileOf = (name: string) => pairs.get(gatewayKeyOfSubgraph(name).name)!.jwksFile;
  return {
    municipal: pairs.get('gateway')!,
    byOrganisation: new Map(keys.flatMap((key) => (key.organisation ? [[key.organisation, pairs.get(key.name)!]] : []))),
    gatewayEnv: Object.fromEntries(keys.map((key) => [key.signingKeyVariable, pairs.get(key.name)!.privateJwkFile])),
    subgraphEnv: (name) => ({ [gatewayKeyOfSubgraph(name).jwksVariable]: jwksFileOf(name) }),
    jwksFileOf,
  };
}
