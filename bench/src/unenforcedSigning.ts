import { ASSERTION_HEADER, DATA_CATEGORIES, departmentOf, type Actor, type FetchCoverage } from '@enplan/lib';
import type { GatewayConfig } from '@enplan/gateway/src/config';
import { gatewaySigners } from '@enplan/gateway/src/dataSources/gatewaySigners';

/**
 * The signing the reference gateways (baseline, Hive) do so the subgraphs accept them: the same
 * ES256 assertion enplan sends, for the same body, covering every category of every citizen in it
 * (they enforce no consent), with the key for the subgraph's organisation. So they pay the same
 * cryptography, and the difference to enplan stays the price of consent.
 */
export async function unenforcedSigner(
  config: GatewayConfig,
): Promise<(audience: string, path: string, body: string, actor: Actor) => Promise<Record<string, string>>> {
  const signerFor = await gatewaySigners(config);
  return async (audience, path, body, actor) => {
    const representations =
      (JSON.parse(body) as { variables?: { representations?: Array<{ cpr?: unknown }> } }).variables?.representations ?? [];
    const coverage: FetchCoverage = new Map(
      representations.flatMap((r) =>
        typeof r.cpr === 'string' ? [[r.cpr, { categories: DATA_CATEGORIES, consentId: null }] as const] : [],
      ),
    );
    return {
      [ASSERTION_HEADER]: await signerFor(departmentOf(audience)).sign({ audience, method: 'POST', path, body, actor, coverage }),
    };
  };
}
