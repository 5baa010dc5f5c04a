import { ConfigError, demoCaseworkers, loadRegistry } from '@enplan/lib';
import { demoClaims, issueDemoToken } from '../auth/demoTokens';
import { loadGatewayConfig } from '../config';

/**
 * `./enplan token <who>` (under any Node) or `npm run token -- <who>` prints a demo bearer token for the gateway's configured HS256 secret.
 * <who>: a demo caseworker's id (federation.json, e.g. cw-emp-1), a persona's CPR (0101804321), or `auditor`.
 */
async function main(): Promise<number> {
  loadRegistry();
  const who = process.argv[2];
  const claims = who ? demoClaims(who) : undefined;
  if (!claims) {
    process.stderr.write(
      `usage: ./enplan token <${demoCaseworkers()
        .map((c) => c.id)
        .join(' | ')} | CPR of a persona | auditor>\n`,
    );
    return 2;
  }
  const { jwt } = loadGatewayConfig();
  if (!jwt.secret) {
    process.stderr.write('The gateway verifies tokens with JWKS_URL; demo tokens need JWT_SECRET.\n');
    return 2;
  }
  process.stdout.write((await issueDemoToken(claims, { secret: jwt.secret, issuer: jwt.issuer, audience: jwt.audience })) + '\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write((error instanceof ConfigError ? error.message : String(error)) + '\n');
    process.exit(1);
  },
);
