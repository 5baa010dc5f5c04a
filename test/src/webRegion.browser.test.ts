import { PERSONAS } from '@enplan/lib';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';
import { graphql, tokenFor } from './federation';

/*
 * The region's coordinator and the municipality's caseworker in the web app (docs/design.md rule 11),
 * in a real headless Chromium against the real federation: the region's department is a department
 * of the supergraph, so the app shows it with no page of its own.
 */
/** Mette's course at the region, as its card on the plan page reads. */
const METTES_COURSE = 'Region Hovedstadens Psykiatri\n\nAmbulant forløb · Åben · 02.06.2026 · Hanne Vestergaard';

describe("the region's psychiatry in the web app", () => {
  const app = webAppInBrowser();

  async function openByCpr(page: Page, cpr: string): Promise<void> {
    await page.getByLabel('CPR-nummer').fill(cpr);
    await page.getByRole('button', { name: 'Åbn' }).click();
  }

  it("Hanne (Region Hovedstadens Psykiatri) opens Mette's plan: her course, and the jobcentre's case as a party to Mette's consent", async () => {
    const hanne = await app.browser.newPage();
    await signInAs(hanne, app.baseUrl, /Hanne Vestergaard — Region Hovedstadens Psykiatri/);
    await openByCpr(hanne, PERSONAS.mette.cpr);
    await hanne.getByRole('heading', { level: 1, name: 'Fælles plan for Mette Jensen (150285-XXXX)' }).waitFor();
    const course = hanne.getByTestId('case-PSYCHIATRY');
    await course.getByText(/Ambulant forløb/).waitFor();
    expect(await course.innerText()).toBe(METTES_COURSE);
    expect(await hanne.getByTestId('case-EMPLOYMENT').innerText()).toMatch(/^Jobcentret\n\nJobafklaringsforløb · Åben · /);
    // Housing support is no party with the region: withheld, as any department without consent.
    await hanne.getByTestId('case-HOUSING').getByTestId('withheld').waitFor();
    await expectAccessible(hanne);
    await screenshot(hanne, 'region-coordinator-mette');
    await hanne.close();
  });

  it("Hanne opens Peter's plan and learns nothing: every department withheld, the region has no course and says only that", async () => {
    const hanne = await app.browser.newPage();
    await signInAs(hanne, app.baseUrl, /Hanne Vestergaard/);
    await openByCpr(hanne, PERSONAS.peter.cpr);
    await hanne.getByTestId('unknown-here').waitFor();
    expect(await hanne.getByTestId('plan-heading').innerText()).toBe('Fælles plan for 010180-XXXX');
    for (const code of ['EMPLOYMENT', 'SOCIAL', 'CHILDREN', 'HOUSING'])
      await hanne.getByTestId(`case-${code}`).getByTestId('withheld').waitFor();
    expect(await hanne.locator('main').innerText()).not.toContain('Peter');
    await expectAccessible(hanne);
    await hanne.close();
  });

  it("Anna sees Mette's course at the region beside the municipality's cases", async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await openByCpr(anna, PERSONAS.mette.cpr);
    const course = anna.getByTestId('case-PSYCHIATRY');
    await course.getByText(/Ambulant forløb/).waitFor();
    expect(await course.innerText()).toBe(METTES_COURSE);
    await expectAccessible(anna);
    await anna.close();
  });

  it("Bo's consent form says the region is a separate data controller, and that an oral consent never covers it", async () => {
    const bo = await app.browser.newPage();
    await signInAs(bo, app.baseUrl, /Bo Kristensen/);
    await openByCpr(bo, PERSONAS.lars.cpr);
    const form = bo.getByRole('region', { name: 'Registrér samtykke' });
    await form.getByRole('group', { name: 'Må ses af' }).getByLabel('Region Hovedstadens Psykiatri').check();
    expect(await form.getByTestId('separate-controller-note').allInnerTexts()).toEqual([
      'Region Hovedstadens Psykiatri hører under Region Hovedstaden, en anden myndighed end kommunen og selvstændig dataansvarlig for sine egne oplysninger. Kvitteringen nævner den.',
    ]);
    expect(await form.getByTestId('oral-other-organisation').count()).toBe(0);
    await form.getByLabel('Hvordan samtykket er givet').selectOption('ORAL');
    expect(await form.getByTestId('oral-other-organisation').innerText()).toBe(
      'Et mundtligt samtykke dækker aldrig oplysninger mellem kommunen og en anden myndighed: det kræver skriftligt samtykke eller MitID.',
    );
    await expectAccessible(bo);
    await screenshot(bo, 'caseworker-consent-form-region');
    await bo.close();
  });

  // Last: Mette's withdrawal ends the region's view for the tests after it.
  it("Mette's withdrawal receipt names Region Hovedstaden as a separate data controller, and Hanne no longer sees her jobcentre case", async () => {
    const withdrawal = await graphql(app.federation.gateway.url, 'mutation { withdrawConsent(id: "CON-000002") { status } }', {
      token: await tokenFor(PERSONAS.mette.cpr),
    });
    expect(withdrawal.data).toEqual({ withdrawConsent: { status: 'WITHDRAWN' } });

    const mette = await app.browser.newPage();
    await signInAs(mette, app.baseUrl, 'Mette Jensen');
    await mette.getByRole('link', { name: 'Indbakke' }).click();
    const message = mette.getByTestId('inbox-message').filter({ hasText: 'Kvittering for tilbagekaldt samtykke' });
    await message.getByRole('link', { name: 'Læs kvitteringen' }).click();
    await mette.getByTestId('receipt').waitFor();
    expect(await mette.getByTestId('separate-controller').allInnerTexts()).toEqual([
      'Region Hovedstaden (Region Hovedstadens Psykiatri): en anden myndighed end kommunen, ansvarlig for sine egne oplysninger.',
    ]);
    await expectAccessible(mette);
    await screenshot(mette, 'citizen-receipt-region');
    await mette.close();

    const hanne = await app.browser.newPage();
    await signInAs(hanne, app.baseUrl, /Hanne Vestergaard/);
    await openByCpr(hanne, PERSONAS.mette.cpr);
    await hanne.getByTestId('case-EMPLOYMENT').getByTestId('withheld').waitFor();
    expect(await hanne.getByTestId('case-PSYCHIATRY').innerText()).toBe(METTES_COURSE);
    await hanne.close();
  });
});
