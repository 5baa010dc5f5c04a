import { PERSONAS } from '@enplan/lib';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';

/*
 * The caseworker's everyday basics and sessions that never lose work (issue #27), in a real
 * headless Chromium against the real federation. The browser runs in UTC, as a laptop set up
 * abroad might: the app shows Copenhagen time all the same.
 */
describe("a caseworker's day in the web app: sessions, search, messages, layout", () => {
  const app = webAppInBrowser({ browser: { timezoneId: 'UTC' } });

  const peterMasked = '010180-XXXX';

  // The page's globals, typed by hand (the tests compile without the DOM library).
  type PageGlobals = {
    document: {
      title: string;
      activeElement: { id: string } | null;
      scrollingElement: { scrollWidth: number };
    };
    innerWidth: number;
    location: { pathname: string };
    sessionStorage: {
      getItem(key: string): string | null;
      setItem(key: string, value: string): void;
      length: number;
      key(i: number): string | null;
    };
  };

  /** How far the page is wider than the window: 0 when nothing scrolls sideways. */
  const sidewaysOverflow = (page: Page) =>
    page.evaluate(() => {
      const { document, innerWidth } = globalThis as unknown as PageGlobals;
      return Math.max(0, document.scrollingElement.scrollWidth - innerWidth);
    });

  const draftKeys = (page: Page) =>
    page.evaluate(() => {
      const { sessionStorage } = globalThis as unknown as PageGlobals;
      return Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i) ?? '').filter((k) =>
        k.startsWith('enplan.draft.'),
      );
    });

  /**
   * Anna signed in with a token that ends `seconds` from now, kept in the tab as the persona picker
   * keeps it: the way to meet a session's end without waiting 8 hours.
   */
  async function annaWithShortSession(page: Page, seconds: number): Promise<void> {
    const issued = await fetch(`${app.baseUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ who: 'cw-emp-1', ttlSeconds: seconds }),
    });
    const { token } = (await issued.json()) as { token: string };
    const me = await fetch(`${app.baseUrl}/auth/me`, { headers: { authorization: `Bearer ${token}` } });
    const { expiresAt, ...user } = (await me.json()) as { expiresAt: string };
    await page.goto(app.baseUrl);
    await page.evaluate(
      (session) => (globalThis as unknown as PageGlobals).sessionStorage.setItem('enplan.session', session),
      JSON.stringify({ token, user, expiresAt, renewal: { kind: 'dev', who: 'cw-emp-1' } }),
    );
    await page.goto(`${app.baseUrl}/caseworker`);
    await page.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
  }

  async function openByCpr(page: Page, cpr: string): Promise<void> {
    await page.getByLabel('CPR-nummer').fill(cpr);
    await page.getByRole('button', { name: 'Åbn' }).click();
  }

  it('warns Anna before her session ends, and lets her stay signed in', async () => {
    const anna = await app.browser.newPage();
    await annaWithShortSession(anna, 240);
    const warning = anna.getByTestId('session-warning');
    expect(await warning.locator('p').first().innerText()).toMatch(
      /^Din session udløber kl\. \d{2}\.\d{2}\. Det, du har skrevet i en formular, bliver gemt\.$/,
    );
    await expectAccessible(anna);
    await warning.getByRole('button', { name: 'Forbliv logget ind' }).click();
    // A fresh token (8 hours): no warning any more, and Anna is still at work.
    await warning.waitFor({ state: 'detached' });
    await anna.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
    expect(await anna.getByText('Logget ind som Anna Mortensen').count()).toBe(1);
    await anna.close();
  });

  it('keeps the agreement Anna was typing when her session ends: the sign-in page says why, and her text is back after signing in', async () => {
    const anna = await app.browser.newPage();
    await annaWithShortSession(anna, 15);
    await openByCpr(anna, PERSONAS.peter.cpr);
    await anna.getByRole('heading', { level: 1, name: `Fælles plan for Peter Hansen (${peterMasked})` }).waitFor();
    const typed = 'Peter møder op hos Bostedet hver tirsdag; Anna følger op.';
    const agreement = anna.getByRole('region', { name: 'Tilføj aftale' });
    await agreement.getByLabel('Hvad er aftalt').fill(typed);
    await agreement.getByLabel('Ansvarlig afdeling').selectOption('SOCIAL');

    // The token ends: the app says so on the sign-in page, in words, instead of dropping her silently.
    await anna.getByTestId('session-expired').waitFor({ timeout: 25_000 });
    expect(await anna.getByTestId('session-expired').innerText()).toBe(
      'Din session er udløbet, så du er logget ud. Log ind igen: det, du havde skrevet, er gemt.',
    );
    expect(await anna.locator('main').innerText()).not.toContain(typed);
    await expectAccessible(anna);
    await screenshot(anna, 'session-expired');

    await anna.getByRole('button', { name: /Anna Mortensen/ }).click();
    await anna.getByRole('heading', { level: 1, name: `Fælles plan for Peter Hansen (${peterMasked})` }).waitFor();
    const restored = anna.getByRole('region', { name: 'Tilføj aftale' });
    expect(await restored.getByLabel('Hvad er aftalt').inputValue()).toBe(typed);
    expect(await restored.getByLabel('Ansvarlig afdeling').inputValue()).toBe('SOCIAL');
    await screenshot(anna, 'session-draft-restored');

    // Sent, the draft is gone.
    await restored.getByRole('button', { name: 'Tilføj aftale' }).click();
    await restored.getByText('Gemt.').waitFor();
    await anna.getByTestId('agreements').getByText(`${typed} – ansvarlig: Socialforvaltningen, voksne`).waitFor();
    expect(await draftKeys(anna)).toEqual([]);
    await anna.close();
  });

  it('forgets the drafts when Anna signs out on purpose (a shared PC)', async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await openByCpr(anna, PERSONAS.peter.cpr);
    await anna
      .getByRole('region', { name: 'Afslut planen' })
      .getByLabel(/Hvorfor planen afsluttes/)
      .fill('Et udkast');
    expect(await draftKeys(anna)).toHaveLength(1);
    await anna.getByRole('button', { name: 'Log ud' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    expect(await anna.getByTestId('session-expired').count()).toBe(0);
    expect(await draftKeys(anna)).toEqual([]);
    await anna.close();
  });

  it('shows a meeting Anna types as 09:30 as 09.30, Copenhagen time, in a browser set to UTC', async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await openByCpr(anna, PERSONAS.peter.cpr);
    const meeting = anna.getByRole('region', { name: 'Planlæg fællesmøde' });
    await meeting.getByLabel('Tidspunkt').fill('2027-01-14T09:30');
    await meeting.getByLabel('Sted').fill('Jobcentret, mødelokale 2');
    await meeting.getByRole('group', { name: 'Deltagende afdelinger' }).getByLabel('Jobcentret').check();
    await meeting.getByRole('button', { name: 'Planlæg fællesmøde' }).click();
    await meeting.getByText('Gemt.').waitFor();
    await anna.getByTestId('meetings').getByText('14.01.2027, 09.30 · Jobcentret, mødelokale 2 – med Jobcentret').waitFor();
    // Summer time too: 1 July is UTC+2 in Copenhagen.
    await meeting.getByLabel('Tidspunkt').fill('2027-07-01T13:15');
    await meeting.getByLabel('Sted').fill('Borgerservice');
    await meeting.getByRole('group', { name: 'Deltagende afdelinger' }).getByLabel('Jobcentret').check();
    await meeting.getByRole('button', { name: 'Planlæg fællesmøde' }).click();
    await anna.getByTestId('meetings').getByText('01.07.2027, 13.15 · Borgerservice – med Jobcentret').waitFor();

    // The minutes' select (long texts of meetings) stays within the page at 1280 px.
    await anna.getByRole('region', { name: 'Referat' }).waitFor();
    expect(await sidewaysOverflow(anna)).toBe(0);
    await anna.close();
  });

  it("keeps the skip link on the caseworker's plan page: it moves the focus to the content", async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await openByCpr(anna, PERSONAS.peter.cpr);
    await anna.getByRole('region', { name: 'Fælles del', exact: true }).waitFor();
    // After a navigation the focus is on the page's heading; the skip link is the first thing of the page.
    await anna.getByRole('link', { name: 'Spring til indhold' }).focus();
    await anna.keyboard.press('Enter');
    await anna.waitForFunction(() => (globalThis as unknown as PageGlobals).document.activeElement?.id === 'main');
    expect(await anna.evaluate(() => (globalThis as unknown as PageGlobals).location.pathname)).toBe('/caseworker/plan');
    await anna.getByRole('heading', { level: 1, name: `Fælles plan for Peter Hansen (${peterMasked})` }).waitFor();
    await anna.getByRole('region', { name: 'Fælles del', exact: true }).waitFor();
    await anna.close();
  });

  it('lays out the caseworker and citizen plan pages at 375 px without sideways scrolling', async () => {
    const anna = await app.browser.newPage();
    await anna.setViewportSize({ width: 375, height: 800 });
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await openByCpr(anna, PERSONAS.peter.cpr);
    await anna.getByRole('region', { name: 'Fælles del', exact: true }).getByText('Koordinerende sagsbehandler').waitFor();
    expect(await sidewaysOverflow(anna)).toBe(0);
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-one-plan-375');
    await anna.close();

    const peter = await app.browser.newPage();
    await peter.setViewportSize({ width: 375, height: 800 });
    await signInAs(peter, app.baseUrl, 'Peter Hansen');
    await peter.getByRole('heading', { level: 1, name: 'Min plan' }).waitFor();
    await peter.getByRole('region', { name: 'Fælles del', exact: true }).waitFor();
    expect(await sidewaysOverflow(peter)).toBe(0);
    await expectAccessible(peter);
    await screenshot(peter, 'citizen-my-plan-375');
    await peter.close();
  });

  it('gives every page a title of its own', async () => {
    const titles: string[] = [];
    const title = async (page: Page) =>
      titles.push(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.title));
    const anna = await app.browser.newPage();
    await anna.goto(app.baseUrl);
    await anna.getByRole('heading', { level: 1, name: 'Log ind' }).waitFor();
    await title(anna);
    await anna.getByRole('button', { name: /Anna Mortensen/ }).click();
    await anna.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
    await title(anna);
    await anna.getByRole('link', { name: 'Anmodninger om én plan' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Anmodninger om én plan' }).waitFor();
    await title(anna);
    await anna.getByRole('link', { name: 'Mine borgere' }).click();
    await openByCpr(anna, PERSONAS.peter.cpr);
    await anna.getByRole('heading', { level: 1, name: `Fælles plan for Peter Hansen (${peterMasked})` }).waitFor();
    await title(anna);
    await anna.close();

    const peter = await app.browser.newPage();
    await signInAs(peter, app.baseUrl, 'Peter Hansen');
    for (const [link, heading] of [
      ['Min plan', 'Min plan'],
      ['Bed om én plan', 'Bed om én plan'],
      ['Indbakke', 'Indbakke'],
      ['Hvem har set mine data', 'Hvem har set mine data'],
    ]) {
      await peter.getByRole('navigation').getByRole('link', { name: link }).click();
      await peter.getByRole('heading', { level: 1, name: heading }).waitFor();
      await title(peter);
    }
    await peter.close();
    expect(titles).toEqual([
      'Log ind – Én plan',
      'Mine borgere – Én plan',
      'Anmodninger om én plan – Én plan',
      `Fælles plan for ${peterMasked} – Én plan`,
      'Min plan – Én plan',
      'Bed om én plan – Én plan',
      'Indbakke – Én plan',
      'Hvem har set mine data – Én plan',
    ]);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('lets Anna search her citizens by CPR number or name, and says how many match', async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    const table = anna.getByRole('table', { name: 'Mine borgere' });
    await table.getByRole('link', { name: peterMasked }).waitFor();
    const all = await table.locator('tbody tr').count();
    const search = anna.getByRole('searchbox', { name: 'Søg i Mine borgere' });
    await search.fill('010180-4321');
    await anna.getByTestId('caseload-count').getByText(`Viser 1 af ${all} borgere.`).waitFor();
    expect(await table.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^Peter Hansen \(010180-XXXX\)\t/)]);
    await search.fill('0101');
    expect(await table.getByRole('link', { name: peterMasked }).count()).toBe(1);
    // By name too: the jobcentre's own case knows it.
    await search.fill('peter hansen');
    await anna.getByTestId('caseload-count').getByText(`Viser 1 af ${all} borgere.`).waitFor();
    expect(await table.getByRole('link').allInnerTexts()).toEqual(['Peter Hansen (010180-XXXX)']);
    await search.fill('311299');
    await anna.getByTestId('caseload-count').getByText(`Viser 0 af ${all} borgere.`).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(0);
    await expectAccessible(anna);
    await search.fill('');
    expect(await table.locator('tbody tr').count()).toBe(all);
    await anna.close();
  });

  it('says a CPR number with an impossible date is not one, and one her department does not know says only that', async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    // Day 32: the gateway refuses it (BAD_USER_INPUT); the page says so instead of going blank.
    await openByCpr(anna, '3213801234');
    const refused = anna.getByTestId('cpr-refused');
    await refused.waitFor();
    expect(await refused.locator('p').innerText()).toBe(
      '321380-XXXX er ikke et gyldigt CPR-nummer: de første seks cifre skal være en dato (DDMMÅÅ). Tjek nummeret, og prøv igen.',
    );
    expect(await anna.getByRole('region', { name: 'Registrér samtykke' }).count()).toBe(0);
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-invalid-cpr');
    await refused.getByRole('link', { name: 'Tilbage til Mine borgere' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();

    // A real date nobody in the jobcentre knows: said in words, and the other departments' cards
    // read exactly as for Jonas, whom adult social services do know (rule 6: a denial reveals nothing).
    await openByCpr(anna, '0202024321');
    await anna.getByTestId('unknown-here').waitFor();
    expect(await anna.getByTestId('plan-heading').innerText()).toBe('Fælles plan for 020202-XXXX');
    expect(await anna.getByTestId('unknown-here').innerText()).toBe(
      'Din afdeling har ingen sag om borgeren med CPR-nummer 020202-XXXX. Tjek, at nummeret er skrevet rigtigt.',
    );
    const unknownSocial = await anna.getByTestId('case-SOCIAL').innerText();
    await expectAccessible(anna);
    await anna.getByRole('link', { name: 'Mine borgere' }).click();
    await openByCpr(anna, PERSONAS.jonas.cpr);
    await anna.getByRole('heading', { level: 1, name: 'Fælles plan for Jonas Berg (111175-XXXX)' }).waitFor();
    await anna.getByTestId('case-SOCIAL').getByTestId('withheld').waitFor();
    expect(await anna.getByTestId('case-SOCIAL').innerText()).toBe(unknownSocial);
    expect(await anna.getByTestId('unknown-here').count()).toBe(0);
    await anna.close();
  });

  it("names the citizen only where the caseworker's own department knows them: in Anna's caseload, and nothing of Mette for Clara", async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    const table = anna.getByRole('table', { name: 'Mine borgere' });
    await table.getByRole('link', { name: 'Peter Hansen (010180-XXXX)' }).waitFor();
    expect(await table.getByRole('link', { name: 'Mette Jensen (150285-XXXX)' }).count()).toBe(1);
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-caseload-names');
    await anna.close();

    // Clara (children and family) has no case about Mette: the heading is the masked CPR alone, though
    // three other departments know her name (rule 6).
    const clara = await app.browser.newPage();
    await signInAs(clara, app.baseUrl, /Clara Juhl/);
    await openByCpr(clara, PERSONAS.mette.cpr);
    await clara.getByTestId('unknown-here').waitFor();
    expect(await clara.getByTestId('plan-heading').innerText()).toBe('Fælles plan for 150285-XXXX');
    expect(await clara.locator('main').innerText()).not.toContain('Mette');
    await clara.close();
  });

  it("shows the plan's history in the reader's language, to the caseworker and to the citizen", async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await openByCpr(anna, PERSONAS.peter.cpr);
    const meeting = anna.getByRole('region', { name: 'Planlæg fællesmøde' });
    await meeting.getByLabel('Tidspunkt').fill('2027-02-03T10:00');
    await meeting.getByLabel('Sted').fill('Borgerservice, lokale 4');
    await meeting.getByRole('group', { name: 'Deltagende afdelinger' }).getByLabel('Jobcentret').check();
    await meeting.getByRole('button', { name: 'Planlæg fællesmøde' }).click();
    await meeting.getByText('Gemt.').waitFor();

    const when = String.raw`\d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2}`;
    const history = async (page: Page) => {
      await page.getByText(/^(Historik|History) \(\d+ (ændringer|changes)\)$/).click();
      return page.getByTestId('history').getByRole('listitem').allInnerTexts();
    };
    const danish = await history(anna);
    expect(danish[0]).toMatch(
      new RegExp(
        `^${when} · Anna Mortensen \\(Jobcentret\\): Fællesmøde planlagt 03\\.02\\.2027, 10\\.00 på Borgerservice, lokale 4\\.$`,
      ),
    );
    expect(danish.at(-1)).toMatch(new RegExp(`^${when} · Demo data: Planen blev overført fra et andet system\\.$`));
    expect(danish.join('\n')).not.toMatch(/The plan|scheduled|Agreement added/);
    await expectAccessible(anna);

    await anna.getByLabel('Sprog').selectOption('en');
    try {
      const english = await anna.getByTestId('history').getByRole('listitem').allInnerTexts();
      expect(english[0]).toMatch(
        / · Anna Mortensen \(Jobcentret\): Joint meeting scheduled for .+ at Borgerservice, lokale 4\.$/,
      );
      expect(english.at(-1)).toMatch(/ · Demo data: The plan was brought over from another system\.$/);
      expect(english).toHaveLength(danish.length);
    } finally {
      await anna.getByLabel('Language').selectOption('da');
    }
    await anna.close();

    // Peter reads the same history in his own plan.
    const peter = await app.browser.newPage();
    await signInAs(peter, app.baseUrl, 'Peter Hansen');
    await peter.getByRole('heading', { level: 1, name: 'Min plan' }).waitFor();
    expect(await history(peter)).toEqual(danish);
    await expectAccessible(peter);
    await screenshot(peter, 'citizen-plan-history');
    await peter.close();
  });
});
