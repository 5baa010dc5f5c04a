import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '@enplan/lib';
import { TestBrowser, axeViolations, requireBuiltWebApp } from './browser';
import { TestFederation } from './federation';

const NEMLOGIN_CPR = 'https://data.gov.dk/model/core/eid/cprNumber';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** The local OpenID Connect provider (test/oidc/provider.mjs) in its own process; resolves with its issuer URL. */
async function startProvider(redirectUri: string): Promise<{ issuer: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [resolve(REPO_ROOT, 'test', 'oidc', 'provider.mjs'), redirectUri], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its start-up warnings about development defaults are expected here; anything else is shown.
  child.stderr!.on('data', (chunk: Buffer) => {
    const text = chunk
      .toString()
      .split('\n')
      .filter((line) => line && !line.startsWith('oidc-provider WARNING'))
      .join('\n');
    if (text) process.stderr.write(text + '\n');
  });
  const firstLine = await new Promise<string>((done, fail) => {
    createInterface({ input: child.stdout! }).once('line', done);
    child.once('exit', (code) => fail(new Error(`the OIDC provider exited (${code})`)));
  });
  return { issuer: (JSON.parse(firstLine) as { issuer: string }).issuer, process: child };
}

/*
 * Production sign-in: the web app does OpenID Connect (authorization code + PKCE) against a
 * configured issuer, here a local provider playing NemLog-in; the gateway verifies the ID token by
 * the issuer's JWKS and maps NemLog-in's CPR claim. No dev persona picker.
 */
describe('signing in to the web app with OpenID Connect', () => {
  let federation: TestFederation;
  let provider: ChildProcess;
  let browser: TestBrowser;
  let baseUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const started = await startProvider(`${baseUrl}/auth/callback`);
    provider = started.process;
    federation = await TestFederation.start({
      gatewayEnv: {
        PORT: String(port),
        WEB_DIST: requireBuiltWebApp(),
        JWKS_URL: `${started.issuer}/jwks`,
        JWT_ISSUER: started.issuer,
        JWT_AUDIENCE: 'enplan-web',
        JWT_CLAIM_CPR: NEMLOGIN_CPR,
        JWT_CITIZEN_BY_CPR: 'true',
        OIDC_ISSUER: started.issuer,
        OIDC_CLIENT_ID: 'enplan-web',
        OIDC_SCOPE: 'openid profile nemlogin',
      },
    });
    browser = await TestBrowser.launch();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await federation?.stop();
    provider?.kill('SIGTERM');
  });

  it('signs Peter in through the provider (MitID via NemLog-in) and shows him his own plan', async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    const button = page.getByRole('button', { name: 'Log ind med MitID eller kommunens login' });
    await button.waitFor();
    // With an identity provider configured, there is no persona picker.
    expect(await page.getByRole('heading', { name: 'Vælg en demo-person' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await button.click();
    await page.waitForURL((url) => url.origin !== baseUrl);
    await page.locator('input[name="login"]').fill('peter');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page
      .locator('button[type="submit"]')
      .filter({ hasText: /continue/i })
      .click();

    await page.getByRole('heading', { level: 1, name: 'Min plan' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/citizen');
    expect(await page.locator('main').innerText()).toContain('Peter Hansen · CPR-nummer 010180-4321');
    await page.getByRole('listitem').filter({ hasText: 'Jeg vil have et arbejde og min egen lejlighed.' }).waitFor();
    await page.close();
  });

  it('refuses a callback it did not start (a forged or replayed redirect)', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/auth/callback?code=stolen&state=guessed`);
    await page.getByRole('alert').filter({ hasText: 'Log ind mislykkedes. Prøv igen.' }).waitFor();
    expect(await page.getByRole('heading', { level: 1, name: 'Min plan' }).count()).toBe(0);
    await page.close();
  });
});
