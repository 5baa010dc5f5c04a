import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '@enplan/lib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { TestFederation, type FederationOptions } from './federation';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const WEB_DIST = resolve(REPO_ROOT, 'web', 'dist');

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The built web app, or a clear message: browser tests run against the app as it is shipped. */
export function requireBuiltWebApp(): string {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`No built web app in ${WEB_DIST}: run npm run build (or npm run -w web build) first.`);
  return WEB_DIST;
}

/** A headless Chromium with a fresh profile, no network chatter of its own. */
export class TestBrowser {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profileDir: string,
  ) {}

  /** `timezoneId`: the browser's own time zone (the app shows Copenhagen time whatever it is). @default Europe/Copenhagen */
  static async launch({ timezoneId = 'Europe/Copenhagen' }: { timezoneId?: string } = {}): Promise<TestBrowser> {
    const profileDir = mkdtempSync(join(tmpdir(), 'enplan-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      // axe-core is injected as an inline script, which the app's Content-Security-Policy rightly forbids.
      bypassCSP: true,
      locale: 'da-DK',
      timezoneId,
      viewport: { width: 1280, height: 900 },
    });
    return new TestBrowser(context, profileDir);
  }

  /**
   * A new tab of its own: sessionStorage (where the app keeps the token) is per tab, so one tab is one
   * signed-in person, as two caseworkers at two desks.
   */
  async newPage(): Promise<Page> {
    const page = await this.context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profileDir, { recursive: true, force: true });
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** WCAG 2.0/2.1 level A and AA violations axe-core finds on the page as it is now. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; help: string; targets: string[] }>> {
  // These callbacks run in the page; its globals are typed here by hand (the tests compile without the DOM library).
  type AxeGlobal = {
    axe?: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> };
    document: unknown;
  };
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as AxeGlobal;
    const result = await axe!.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations;
  });
  return violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.flatMap((n) => n.target) }));
}

/** Asserts that axe-core finds no WCAG A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

export interface WebAppInBrowser {
  /** The federation whose gateway serves the built web app (WEB_DIST) and the dev persona picker. */
  readonly federation: TestFederation;
  readonly browser: TestBrowser;
  /** The gateway's origin, where the app is served. */
  readonly baseUrl: string;
}

/**
 * For a test file: starts the federation (with `options`) serving the web app as shipped, and a
 * Chromium, before its tests, and stops both after them. Read the fields inside the tests (they are set by then).
 */
export function webAppInBrowser(
  options: Omit<FederationOptions, 'gatewayEnv'> & { browser?: Parameters<typeof TestBrowser.launch>[0] } = {},
): WebAppInBrowser {
  const running = {} as { federation: TestFederation; browser: TestBrowser; baseUrl: string };
  beforeAll(async () => {
    const webDist = requireBuiltWebApp();
    const { browser: browserOptions, ...federationOptions } = options;
    running.federation = await TestFederation.start({ ...federationOptions, gatewayEnv: { WEB_DIST: webDist } });
    running.baseUrl = new URL(running.federation.gateway.url).origin;
    running.browser = await TestBrowser.launch(browserOptions);
  }, 60_000);
  afterAll(async () => {
    await running.browser?.close();
    await running.federation?.stop();
  });
  return running;
}

/**
 * Saves a screenshot for the README when WEB_SCREENSHOTS_DIR is set (see README: "Screenshots");
 * otherwise does nothing, so ordinary test runs leave no files behind.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.WEB_SCREENSHOTS_DIR;
  if (dir) await page.screenshot({ path: resolve(REPO_ROOT, dir, `${name}.png`), fullPage: true });
}

/** Signs in through the development persona picker, as a person at the keyboard would. */
export async function signInAs(page: Page, baseUrl: string, personaButton: RegExp | string): Promise<void> {
  await page.goto(baseUrl);
  await page.getByRole('button', { name: personaButton }).click();
}
