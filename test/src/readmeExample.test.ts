/**
 * The README is a test: its "Try it" example, taken from README.md itself so the two cannot drift,
 * runs verbatim in a shell whose PATH starts with the machine's own programs (/usr/bin: Node 20
 * here, curl), against a running federation. Only the gateway's address is changed: the README's
 * port 4000 may be in use by someone's `npm start`.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PERSONAS, REPO_ROOT } from '@enplan/lib';
import { errorCodesByPath, graphql, TestFederation } from './federation';
import { PETERS_EMPLOYMENT_SECTION } from './petersPlan';

const PETER = PERSONAS.peter.cpr;
const README_GATEWAY = 'http://127.0.0.1:4000/graphql';
/** The machine's own programs first, as a newcomer's shell has them. */
const NEWCOMER_PATH = '/usr/bin:/bin';

/** The first `sh` block under the README heading that starts with `heading`. */
function readmeShellBlock(heading: string): string {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith(heading));
  const block = section && /^```sh\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (!block) throw new Error(`README.md has no sh block under "## ${heading}"`);
  return block;
}

function sh(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', script], {
      cwd: REPO_ROOT,
      env: { PATH: NEWCOMER_PATH, HOME: process.env.HOME ?? '/root' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("the README's first example, as a newcomer runs it", () => {
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start();
  }, 60_000);
  afterAll(() => federation?.stop());

  it("gets Anna a token under the machine's own Node and shows her Peter's one plan, with what his consent withholds", async () => {
    const example = readmeShellBlock('Try it');
    expect(example.split(README_GATEWAY)).toHaveLength(2);
    const ran = await sh(example.replace(README_GATEWAY, federation.gateway.url));

    expect({ code: ran.code, stderr: ran.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(ran.stdout)).toEqual({
      data: {
        citizen: {
          plan: {
            joint: {
              coordinatingCaseworker: { name: 'Anna Mortensen' },
              status: 'ACTIVE',
              nextJointMeeting: '2026-12-08T09:00:00.000Z',
            },
            employment: PETERS_EMPLOYMENT_SECTION,
            // SOCIAL's plan: Peter's consent permits EMPLOYMENT⇄SOCIAL for PLAN.
            social: { goals: [{ description: 'Peter vil bo i sin egen lejlighed og betale husleje til tiden.' }] },
            // CHILDREN is not a party to his consent.
            children: null,
          },
          // His § 101 treatment is SUBSTANCE_ABUSE, which his consent denies.
          social: { kind: 'Socialpædagogisk støtte', substanceAbuseTreatment: null },
        },
      },
      errors: [
        {
          message:
            'The citizen has not consented to sharing CHILDREN data of these categories with your department: FAMILY, PLAN.',
          path: ['citizen', 'plan', 'children'],
          extensions: {
            code: 'CONSENT_REQUIRED',
            department: 'CHILDREN',
            categories: ['FAMILY', 'PLAN'],
            serviceName: 'children',
          },
        },
        {
          message:
            'The citizen has not consented to sharing SOCIAL data of these categories with your department: SUBSTANCE_ABUSE.',
          path: ['citizen', 'social', 'substanceAbuseTreatment'],
          extensions: { code: 'CONSENT_REQUIRED', department: 'SOCIAL', categories: ['SUBSTANCE_ABUSE'], serviceName: 'social' },
        },
      ],
    });
  }, 90_000);

  it("gives Peter's token and the auditor's the same way, each answered as the README says", async () => {
    const token = async (who: string) => {
      const ran = await sh(`./enplan token ${who}`);
      expect({ who, code: ran.code, stderr: ran.stderr }).toEqual({ who, code: 0, stderr: '' });
      return ran.stdout.trim();
    };
    const consents = await graphql(federation.gateway.url, `{ citizen(cpr: "${PETER}") { consents { id status } } }`, {
      token: await token(PETER),
    });
    expect(consents).toEqual({ status: 200, data: { citizen: { consents: [{ id: 'CON-000001', status: 'ACTIVE' }] } } });

    const asAuditor = await graphql(federation.gateway.url, `{ citizen(cpr: "${PETER}") { employment { kind } } }`, {
      token: await token('auditor'),
    });
    expect(errorCodesByPath(asAuditor)).toEqual({ 'citizen.employment': 'FORBIDDEN' });
  }, 90_000);
});
