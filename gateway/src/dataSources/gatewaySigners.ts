import { createAssertionSigner, GATEWAY_ISSUER, gatewayKeyOfDepartment, type AssertionSigner } from '@enplan/lib';
import type { GatewayConfig } from '../config';

/** The signer for calls to one subgraph, by the department it serves (undefined for consent, plan). */
export type SignerFor = (department: string | undefined) => AssertionSigner;

/**
 * The gateway's signers, one per data controller (lib/src/gatewayKeys.ts, rule 11): a department of
 * another organisation gets calls signed with the key kept for that organisation (as the registry
 * says whose it is); everything else the municipality's. All sign as the gateway (one issuer).
 */
export async function gatewaySigners(config: Pick<GatewayConfig, 'signingKey' | 'organisationSigningKeys'>): Promise<SignerFor> {
  const municipal = await createAssertionSigner(config.signingKey, GATEWAY_ISSUER);
  const byOrganisation = new Map<string, AssertionSigner>();
  for (const [code, key] of Object.entries(config.organisationSigningKeys)) {
    byOrganisation.set(code, await createAssertionSigner(key, GATEWAY_ISSUER));
  }
  return (department) => {
    const organisation = department === undefined ? undefined : gatewayKeyOfDepartment(department).organisation;
    if (organisation === undefined) return municipal;
    const signer = byOrganisation.get(organisation);
    // Config validation reads a key for every organisation of the registry: a miss is a programming error.
    if (!signer) throw new Error(`No signing key for ${organisation}; refusing to serve its departments`);
    return signer;
  };
}
