import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAssertionVerifier,
  GATEWAY_ISSUER,
  loadKeySet,
  silentLogger,
  startSubgraphServer,
  type RunningService,
} from '@enplan/lib';
import { createConsentSubgraph, type ConsentSubgraphOptions } from '@enplan/subgraph-consent/src/server';
import { devGatewayVerifier } from './devSigning';

export interface ConsentReplica extends RunningService {
  /** The replica's origin (for CONSENT_URL). */
  origin: string;
  close(): Promise<void>;
}

/**
 * One more consent-service replica, a server of its own with its own connections, on the PostgreSQL
 * at `databaseUrl`. It trusts the gateway whose public keys are in `gatewayJwksFile` (default: the
 * committed development key).
 */
export async function startConsentReplica(
  databaseUrl: string,
  options: Partial<ConsentSubgraphOptions> = {},
  gatewayJwksFile?: string,
): Promise<ConsentReplica> {
  const instance = await createConsentSubgraph({
    databaseFile: join(mkdtempSync(join(tmpdir(), 'enplan-unused-')), 'consent.sqlite'),
    databaseUrl,
    ...options,
  });
  const running = await startSubgraphServer(
    instance.module,
    {
      verifier: gatewayJwksFile
        ? createAssertionVerifier({
            audience: 'consent',
            trusted: [{ issuer: GATEWAY_ISSUER, keys: loadKeySet(gatewayJwksFile), serviceOnly: false }],
          })
        : devGatewayVerifier('consent'),
      logger: silentLogger,
    },
    0,
  );
  return {
    ...running,
    origin: new URL(running.url).origin,
    close: async () => {
      await running.stop();
      await instance.close();
    },
  };
}
