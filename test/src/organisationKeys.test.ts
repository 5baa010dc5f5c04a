import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ASSERTION_HEADER,
  createAssertionSigner,
  devKeyFiles,
  GATEWAY_ISSUER,
  gatewayKeyOfSubgraph,
  PERSONAS,
  readPrivateJwk,
  type Actor,
} from '@enplan/lib';
import type { VendorStandIn } from '@enplan/tools/src/standInServer';
import { startDepartmentStandIn } from '@enplan/tools/src/vendorStandIn';
import { ServiceProcess } from './serviceProcesses';

/**
 * Rule 11, as the processes run: the region's psychiatry (a kit department of Region Hovedstaden)
 * and the municipality's social department, each its own Node process from the build on its
 * committed dev keys. Each trusts only the gateway key for its own organisation.
 */
const HANNE: Actor = { role: 'CASEWORKER', id: 'reg-psy-1', name: 'Hanne Vestergaard', department: 'PSYCHIATRY' };
const BO: Actor = { role: 'CASEWORKER', id: 'cw-soc-1', name: 'Bo Kristensen', department: 'SOCIAL' };
const entities = (cpr: string, selection: string) =>
  JSON.stringify({
    query: `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Citizen { ${selection} } } }`,
    variables: { representations: [{ __typename: 'Citizen', cpr }] },
  });
const METTES_COURSE = entities(PERSONAS.mette.cpr, 'psychiatry { __typename }');
const PETERS_SOCIAL_CASE = entities(PERSONAS.peter.cpr, 'social { kind }');

describe("each organisation's subgraphs trust only the gateway key kept for that organisation", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'enplan-org-keys-'));
  let vendor: VendorStandIn;
  let psychiatry: ServiceProcess;
  let social: ServiceProcess;
  const urls = new Map<string, string>();
  const regionKey = readPrivateJwk(gatewayKeyOfSubgraph('psychiatry').dev.privateJwk);
  const municipalKey = readPrivateJwk(devKeyFiles('gateway').privateJwk);

  const call = async (subgraph: string, key: typeof regionKey, body: string, actor: Actor, issuer = GATEWAY_ISSUER) => {
    const signer = await createAssertionSigner(key, issuer);
    const header = await signer.sign({ audience: subgraph, method: 'POST', path: '/graphql', body, actor });
    const response = await fetch(urls.get(subgraph)!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ASSERTION_HEADER]: header },
      body,
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const lastRefusal = (service: ServiceProcess) => service.logs.filter((l) => l.message === 'rejected subgraph request').at(-1);

  beforeAll(async () => {
    vendor = await startDepartmentStandIn('psychiatry');
    const common = { PORT: '0', METRICS_PORT: '0', SYNTHETIC_CITIZENS: '0', DATA_DIR: dataDir };
    psychiatry = ServiceProcess.start('psychiatry', 'tools/dist/kitDepartment.js', {
      ...common,
      KIT_DEPARTMENT: 'psychiatry',
      VENDOR_URL: vendor.url,
    });
    social = ServiceProcess.start('social', 'subgraphs/social/dist/index.js', common);
    for (const service of [psychiatry, social]) {
      const { port } = await service.waitForLog('subgraph listening');
      urls.set(service.name, `http://127.0.0.1:${String(port)}/graphql`);
    }
  });
  afterAll(async () => {
    await Promise.all([psychiatry?.stop(), social?.stop()]);
    await vendor?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("the region's psychiatry answers a call signed with the region's key: Hanne reads Mette's course", async () => {
    const result = await call('psychiatry', regionKey, METTES_COURSE, HANNE);
    expect(result).toEqual({ status: 200, body: { data: { _entities: [{ psychiatry: { __typename: 'PsychiatricCourse' } }] } } });
  });

  it("and refuses one signed with the municipality's key → 401, the key unknown", async () => {
    expect((await call('psychiatry', municipalKey, METTES_COURSE, HANNE)).status).toBe(401);
    expect(lastRefusal(psychiatry)?.reason).toBe('unknown key id (kid)');
  });

  it("SOCIAL answers the municipality's key and refuses the region's → 401, the key unknown", async () => {
    expect(await call('social', municipalKey, PETERS_SOCIAL_CASE, BO)).toEqual({
      status: 200,
      body: { data: { _entities: [{ social: { kind: 'Socialpædagogisk støtte' } }] } },
    });
    expect((await call('social', regionKey, PETERS_SOCIAL_CASE, BO)).status).toBe(401);
    expect(lastRefusal(social)?.reason).toBe('unknown key id (kid)');
  });

  it('the region does not trust the candidate finder (rule 14: it never asks another organisation) → 401', async () => {
    const finder: Actor = { role: 'SERVICE', id: 'enplan-plan', name: 'enplan-plan' };
    const planKey = readPrivateJwk(devKeyFiles('plan').privateJwk);
    expect((await call('psychiatry', planKey, METTES_COURSE, finder, 'enplan-plan')).status).toBe(401);
    expect(lastRefusal(psychiatry)?.reason).toBe('untrusted issuer');
  });
});
