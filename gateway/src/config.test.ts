import { ConfigError } from '@enplan/lib';
import { loadGatewayConfig } from './config';

describe('gateway configuration', () => {
  it('bounds the per-operation caches by default, so one-off operations cannot grow the heap without limit', () => {
    const config = loadGatewayConfig({});
    expect(config.queryPlanCacheMiB).toBe(10);
    expect(config.documentCacheMiB).toBe(5);
  });

  it('takes the cache sizes from the environment', () => {
    const config = loadGatewayConfig({ QUERY_PLAN_CACHE_MIB: '20', DOCUMENT_CACHE_MIB: '2' });
    expect(config.queryPlanCacheMiB).toBe(20);
    expect(config.documentCacheMiB).toBe(2);
  });

  it('refuses to start with an unbounded or nonsensical cache size and names every problem at once', () => {
    let error: unknown;
    try {
      loadGatewayConfig({ DOCUMENT_CACHE_MIB: '0', QUERY_PLAN_CACHE_MIB: 'lots' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'QUERY_PLAN_CACHE_MIB must be a whole number from 1 to 1024 (got "lots")',
      'DOCUMENT_CACHE_MIB must be a whole number from 1 to 1024 (got "0")',
    ]);
  });
});
