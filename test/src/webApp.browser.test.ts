import { PERSONAS } from '@enplan/lib';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';

/*
 * The web app in a real headless Chromium against the real federation: the gateway serves the built
 * app (WEB_DIST) and the dev persona picker; five subgraphs over temp SQLite files behind it.
 */
describe('the web app, in a browser, over the running federation', () => {
  const app = webAppInBrowser();

  const peterMasked = '010180-XXXX';

  async function annaOpensPetersPlan(page: Page): Promise<void> {
    await page.getByRole('link', { name: peterMasked }).click();
    await page.getByRole('heading', { level: 1, name: `Fælles plan for Peter Hansen (${peterMasked})` }).waitFor();
    await page.getByRole('heading', { name: 'Fælles del' }).or(page.getByTestId('withheld').first()).first().waitFor();
  }

  let anna: Page;
  let peter: Page;

  it('offers the demo personas to sign in with, accessibly', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.baseUrl);
    await page.getByRole('heading', { level: 2, name: 'Vælg en demo-person' }).waitFor();
    await screenshot(page, 'sign-in');
    expect(await page.getByRole('button', { name: /Anna Mortensen/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Peter Hansen' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    await expectAccessible(page);
    await page.close();
  });

  it("shows Anna her caseload with CPR numbers masked, and Peter's one plan: SOCIAL's section, CHILDREN not shared", async () => {
    anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await anna.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
    await anna.getByRole('link', { name: peterMasked }).waitFor();
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-caseload');

    await annaOpensPetersPlan(anna);
    const social = anna.getByTestId('section-SOCIAL');
    await social.getByText('Handleplan for voksne').waitFor();
    expect(await social.getByRole('heading', { level: 2 }).innerText()).toBe('Socialforvaltningen, voksne');
    expect(await social.innerText()).toContain('Bostøtte 4 timer om ugen');
    // Peter's consent denies SUBSTANCE_ABUSE: the § 101 treatment never reaches the jobcentre.
    expect(await anna.locator('main').innerText()).not.toContain('alkoholbehandling');
    // The section names its caseworker (CASE), the children (FAMILY) and the plan (PLAN): all three are missing.
    expect(await anna.getByTestId('section-CHILDREN').getByTestId('withheld').innerText()).toBe(
      'Ikke delt — borgerens samtykke dækker ikke sagsoplysninger, familieoplysninger og planen fra Børn og familie.',
    );
    expect(await anna.getByTestId('case-CHILDREN').getByTestId('withheld').innerText()).toBe(
      'Ikke delt — borgerens samtykke dækker ikke sagsoplysninger og familieoplysninger fra Børn og familie.',
    );
    // Peter's consent does not make HOUSING a party (docs/design.md's personas).
    expect(await anna.getByTestId('section-HOUSING').getByTestId('withheld').innerText()).toBe(
      'Ikke delt — borgerens samtykke dækker ikke sagsoplysninger og planen fra Boligsocial indsats.',
    );
    // No error dump on the page, and the whole CPR nowhere: only the citizen sees it.
    const text = await anna.locator('body').innerText();
    expect(text).not.toMatch(/CONSENT_REQUIRED|has not consented/);
    expect(text).not.toContain(PERSONAS.peter.cpr);
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-one-plan');
  });

  it('says the same in English when Anna switches language', async () => {
    await anna.getByLabel('Sprog').selectOption('en');
    try {
      expect(await anna.getByTestId('section-CHILDREN').getByTestId('withheld').innerText()).toBe(
        "Not shared — the citizen's consent does not cover case data, family data and the plan from Børn og familie.",
      );
      expect(await anna.locator('html').getAttribute('lang')).toBe('en');
      await expectAccessible(anna);
    } finally {
      // The choice is remembered in the browser, which the other personas' tabs share.
      await anna.getByRole('combobox', { name: /Language|Sprog/ }).selectOption('da');
    }
  });

  it('lets Peter see his own plan with his full CPR, and withdraw his consent with one click', async () => {
    peter = await app.browser.newPage();
    await signInAs(peter, app.baseUrl, 'Peter Hansen');
    await peter.getByRole('heading', { level: 1, name: 'Min plan' }).waitFor();
    await peter.getByRole('listitem').filter({ hasText: 'Jeg vil have et arbejde og min egen lejlighed.' }).waitFor();
    expect(await peter.locator('main').innerText()).toContain('010180-4321');
    const consent = peter.getByTestId('consent').filter({ hasText: 'CON-000001' });
    expect(await consent.getByText('Aktiv').count()).toBe(1);
    await expectAccessible(peter);
    await screenshot(peter, 'citizen-my-plan');

    await peter.getByRole('button', { name: /^Tilbagekald samtykke til én plan, \d+\. \w+ \d{4} \(CON-000001\)$/ }).click();
    await peter.getByText('Samtykket er tilbagekaldt. Det gælder med det samme.').waitFor();
    await consent.getByText('Tilbagekaldt', { exact: true }).waitFor();
    expect(
      await peter.getByRole('button', { name: /^Tilbagekald samtykke til én plan, \d+\. \w+ \d{4} \(CON-000001\)$/ }).count(),
    ).toBe(0);
  });

  it("shows Anna, on reload, that Peter's plan and SOCIAL's data are no longer shared", async () => {
    await anna.reload();
    await anna.getByRole('heading', { level: 1, name: `Fælles plan for Peter Hansen (${peterMasked})` }).waitFor();
    await anna.getByTestId('case-SOCIAL').getByTestId('withheld').waitFor();
    // Her own jobcentre section stays (rule 1); SOCIAL's section is a "not shared" notice in its place.
    await anna.getByTestId('section-SOCIAL').getByTestId('withheld').waitFor();
    await anna.getByTestId('section-EMPLOYMENT').waitFor();
    expect(await anna.locator('main').innerText()).not.toContain('Handleplan for voksne');
    expect(await anna.getByRole('region', { name: 'Fælles del' }).getByTestId('withheld').innerText()).toBe(
      'Ikke delt — borgerens samtykke gør ikke din afdeling til part i en fælles plan.',
    );
    expect(await anna.getByTestId('case-SOCIAL').getByTestId('withheld').innerText()).toBe(
      'Ikke delt — borgerens samtykke dækker ikke sagsoplysninger fra Socialforvaltningen, voksne.',
    );
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-after-withdrawal');
  });

  it('lists Anna\'s read and her refusals in Peter\'s "who saw my data", with filters', async () => {
    await peter.getByRole('link', { name: 'Hvem har set mine data' }).click();
    await peter.getByRole('heading', { level: 1, name: 'Hvem har set mine data' }).waitFor();
    const sentences = peter.getByTestId('log-sentence');
    await sentences.first().waitFor();
    const texts = await sentences.allInnerTexts();
    // One line per person, department and day; each kind of event a whole sentence.
    expect(await peter.getByTestId('log-group').first().getByRole('heading', { level: 2 }).innerText()).toMatch(
      /^Anna Mortensen \(Jobcentret\) · \w+dag den \d+\. \w+ \d{4}$/,
    );
    expect(texts).toContain('Anna Mortensen så sagsoplysninger og planen fra Socialforvaltningen, voksne.');
    expect(texts).toContain(
      'Anna Mortensen fik afslag på at se sagsoplysninger, familieoplysninger og planen fra Børn og familie.',
    );
    await expectAccessible(peter);

    const events = peter.getByTestId('log-event');
    await peter.getByLabel('Udfald').selectOption('DENIED');
    const refused = await events.allInnerTexts();
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((t) => t.includes('Afvist') && !t.includes('Tilladt'))).toBe(true);
    await peter.getByLabel('Slags oplysninger').selectOption('FAMILY');
    expect((await sentences.allInnerTexts()).every((t) => t.includes('familieoplysninger'))).toBe(true);
    await peter.getByLabel('Fra dato').fill('2099-01-01');
    await peter.getByText('Ingen registreringer.').waitFor();
  });

  it('lets Peter give a new consent by MitID, with the rules explained', async () => {
    await peter.getByRole('link', { name: 'Min plan' }).click();
    await peter.getByRole('heading', { level: 2, name: 'Giv samtykke' }).waitFor();
    const form = peter.getByRole('region', { name: 'Giv samtykke' });
    expect(await form.innerText()).toContain('et mundtligt samtykke dækker dem ikke');
    await expectAccessible(peter);
    await form.getByRole('group', { name: 'Oplysninger fra' }).getByLabel('Jobcentret').check();
    await form.getByRole('group', { name: 'Må ses af' }).getByLabel('Socialforvaltningen, voksne').check();
    await form.getByRole('group', { name: 'Slags oplysninger: Tillader' }).getByLabel('planen').check();
    await form.getByRole('button', { name: 'Giv samtykke' }).click();
    const confirmation = form.getByText(/^Samtykket er registreret\. \(CON-[\w-]+\)$/);
    const id = /\((CON-[\w-]+)\)/.exec(await confirmation.innerText())?.[1] as string;
    await peter.getByTestId('consent').filter({ hasText: id }).getByText('Aktiv', { exact: true }).waitFor();
    expect(
      await peter.getByRole('button', { name: new RegExp(`^Tilbagekald samtykke til én plan, .+ \\(${id}\\)$`) }).count(),
    ).toBe(1);
  });

  it("lets the auditor search Peter's access log, CPR masked", async () => {
    const auditor = await app.browser.newPage();
    await signInAs(auditor, app.baseUrl, /Revisor/);
    await auditor.getByRole('heading', { level: 1, name: 'Revision' }).waitFor();
    await auditor.getByLabel('CPR-nummer').fill('010180-4321');
    await auditor.getByRole('button', { name: 'Søg' }).click();
    await auditor.getByRole('heading', { level: 2, name: `Adgangslog · ${peterMasked}` }).waitFor();
    await auditor.getByTestId('log-event').first().waitFor();
    expect(await auditor.locator('body').innerText()).not.toContain(PERSONAS.peter.cpr);
    await expectAccessible(auditor);
    await screenshot(auditor, 'auditor');
    await auditor.close();
  });

  it("gives a developer GraphiQL from the project's own bundle, with the signed-in persona's token", async () => {
    const page = await app.browser.newPage();
    const fromElsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(app.baseUrl) && !/^(data|blob):/.test(request.url())) fromElsewhere.push(request.url());
    });
    await signInAs(page, app.baseUrl, 'Jonas Berg');
    await page.getByRole('heading', { level: 1, name: 'Min plan' }).waitFor();
    // GraphiQL asks for the schema first (with the persona's token), then is ready to run.
    const isIntrospection = (r: { url(): string; request(): { postData(): string | null } }) =>
      r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('IntrospectionQuery');
    const schemaLoaded = page.waitForResponse(isIntrospection);
    await page.goto(`${app.baseUrl}/graphql`);
    expect(new URL(page.url()).pathname).toBe('/graphiql.html');
    expect((await schemaLoaded).status()).toBe(200);
    // The editor has loaded the starting query (Monaco renders tokens as spans, spaces as no-break spaces).
    await page.locator('.graphiql-query-editor').getByText('__typename', { exact: true }).waitFor();
    // The run's answer, as the gateway sent it (the editor shows it in Monaco's own markup).
    const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && !isIntrospection(r));
    await page.getByRole('button', { name: /Execute query/ }).click();
    expect(await (await answer).json()).toEqual({ data: { __typename: 'Query' } });
    expect(fromElsewhere).toEqual([]);
    await page.close();
  });

  it("lets Bo record Jonas's written consent, warning that an oral one would not cover health data", async () => {
    const bo = await app.browser.newPage();
    await signInAs(bo, app.baseUrl, /Bo Kristensen/);
    await bo.getByLabel('CPR-nummer').fill('1111750011');
    await bo.getByRole('button', { name: 'Åbn' }).click();
    await bo.getByRole('heading', { level: 1, name: 'Fælles plan for Jonas Berg (111175-XXXX)' }).waitFor();
    const consents = bo.getByRole('region', { name: 'Samtykker' });
    await consents.getByText('Ingen samtykker.').waitFor();
    const form = bo.getByRole('region', { name: 'Registrér samtykke' });
    for (const group of ['Oplysninger fra', 'Må ses af']) {
      await form.getByRole('group', { name: group }).getByLabel('Jobcentret').check();
      await form.getByRole('group', { name: group }).getByLabel('Socialforvaltningen, voksne').check();
    }
    const permits = form.getByRole('group', { name: 'Slags oplysninger: Tillader' });
    await permits.getByLabel('planen').check();
    await permits.getByLabel('helbredsoplysninger').check();
    await form.getByLabel('Hvordan samtykket er givet').selectOption('ORAL');
    await form.locator('.warning').getByText('et mundtligt samtykke dækker dem ikke').waitFor();
    await expectAccessible(bo);
    await form.getByLabel('Hvordan samtykket er givet').selectOption('WRITTEN');
    expect(await form.locator('.warning').count()).toBe(0);
    await form.getByLabel('Journalnotat eller dokument (valgfrit)').fill('J.nr. 2026-0417');
    await form.getByRole('button', { name: 'Registrér samtykke' }).click();
    await form.getByText(/^Samtykket er registreret\. \(CON-[\w-]+\)$/).waitFor();
    const recorded = consents.getByTestId('consent');
    await recorded.getByText('Aktiv', { exact: true }).waitFor();
    expect(await recorded.innerText()).toContain(
      'Tillader at Jobcentret, Socialforvaltningen, voksne ser planen og helbredsoplysninger fra Jobcentret, Socialforvaltningen, voksne',
    );
    expect(await recorded.innerText()).toContain('Dokumentation: Skriftligt');
    await bo.close();
  });

  it('works from the keyboard alone: skip link, sign-in, opening a plan', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.baseUrl);
    await page.getByRole('button', { name: /Bo Kristensen/ }).waitFor();
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent,
      ),
    ).toBe('Spring til indhold');
    // Tab until Bo's button has focus, then Enter: no mouse anywhere.
    for (
      let i = 0;
      i < 20 &&
      !(await page
        .getByRole('button', { name: /Bo Kristensen/ })
        .evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement));
      i++
    ) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
    await page.getByLabel('CPR-nummer').focus();
    await page.keyboard.type('0101-65');
    await page.keyboard.press('Enter');
    await page.getByText('Skriv et CPR-nummer med 10 cifre.').waitFor();
    expect(await page.getByLabel('CPR-nummer').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('CPR-nummer').fill('');
    await page.keyboard.type('010165-0005');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Fælles plan for Lars Holm (010165-XXXX)' }).waitFor();
    await page.close();
  });

  it('keeps a caseworker out of the citizen and auditor pages', async () => {
    await anna.goto(`${app.baseUrl}/citizen/log`);
    await anna.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
    await anna.goto(`${app.baseUrl}/auditor`);
    await anna.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
  });
});
