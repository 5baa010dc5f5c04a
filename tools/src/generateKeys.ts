import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadRegistry, organisationGatewayKeys, SIGNING_SERVICES, writeSigningKeyPair } from '@enplan/lib';

/**
 * `npm run keys -- <dir>`: fresh ES256 key pairs for a deployment, the gateway's (it signs every
 * subgraph call), the plan subgraph's (its calls to the consent service) and the consent service's
 * (its deliveries to the citizen's inbox in the plan subgraph), and one more for the gateway per
 * other organisation with departments in federation.json (its calls to that organisation, rule 11;
 * named like its dev key, e.g. `gateway-region-hovedstaden`). Key ids carry the date, so a rotated
 * key is told apart from the one it replaces.
 */
async function main(): Promise<void> {
  loadRegistry();
  const dir = resolve(process.argv[2] ?? 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const date = new Date().toISOString().slice(0, 10);
  const pairs: Array<{ name: string; owner: string; receivers?: string }> = [
    ...SIGNING_SERVICES.map((name) => ({ name, owner: `the ${name}` })),
    ...organisationGatewayKeys().map((key) => ({
      name: key.name,
      owner: `the gateway, ${key.signingKeyVariable}`,
      receivers: `${key.organisation}'s subgraphs, ${key.jwksVariable}`,
    })),
  ];
  for (const { name, owner, receivers } of pairs) {
    const { privateJwkFile, jwksFile } = await writeSigningKeyPair(dir, name, `enplan-${name}-${date}`);
    process.stdout.write(
      `${name}: private key ${privateJwkFile} (only for ${owner}), public keys ${jwksFile}${receivers ? ` (for ${receivers})` : ''}\n`,
    );
  }
}

void main();
