import { PERSONAS } from '@enplan/lib';
import type { PlanSubgraphInstance } from '@enplan/subgraph-plan/src/server';
import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';

const LEGAL_BASIS = 'Lov om en samlet plan § 3 (kommunalbestyrelsens beslutning af 1. december 2026)';

/*
 * The candidate finder in the web app (issue #30), in a real Chromium over the running federation
 * with the finder switched on: the coordinating function's list and its one action, and the
 * invitation in Jonas's inbox with his "do not look for me again".
 */
describe('finding the citizens who could benefit, in a browser', () => {
  const app = webAppInBrowser({ finding: { legalBasis: LEGAL_BASIS, threshold: 3, retentionDays: 30, batchSize: 500 } });

  it('the coordinating function sees Jonas as a masked CPR and a count, and invites him, accessibly', async () => {
    const plan = app.federation.subgraph<PlanSubgraphInstance>('plan');
    await plan.finder.run(plan.findingPopulation());

    const page = await app.browser.newPage();
    await signInAs(page, app.baseUrl, /Koordinerende funktion/);
    await page.getByRole('heading', { level: 1, name: 'Borgere, der kan få gavn af én plan' }).waitFor();
    const candidate = page.getByTestId('finding-candidate');
    await candidate.waitFor();
    expect(await candidate.count()).toBe(1);
    expect(await candidate.getByRole('heading', { level: 2 }).innerText()).toBe('Borger 111175-XXXX');
    expect(await candidate.innerText()).toContain('Sager i 4 afdelinger');
    expect(await page.locator('main').innerText()).toContain(`Lovgrundlag: ${LEGAL_BASIS}`);
    // Nothing else about him: no whole CPR, no department named.
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(PERSONAS.jonas.cpr);
    expect(text).not.toMatch(/Jobcenter|Socialområdet|Børn og familie|Boligområdet/);
    await expectAccessible(page);

    await candidate.getByRole('button', { name: 'Send invitation til én plan' }).click();
    await page.getByTestId('outcome').getByText('Invitationen er sendt til borgerens indbakke og Digital Post.').waitFor();
    await candidate.getByText('Invitation sendt').waitFor();
    expect(await candidate.getByRole('button').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'coordinator-candidates');
    await page.close();
  });

  it('Jonas reads the invitation in his inbox and says "do not look for me again", accessibly', async () => {
    const page = await app.browser.newPage();
    await signInAs(page, app.baseUrl, PERSONAS.jonas.name);
    await page.getByRole('link', { name: 'Indbakke' }).click();
    const invitation = page.getByTestId('inbox-message').filter({ hasText: 'Tilbud om én samlet plan' });
    await invitation.waitFor();
    expect(await invitation.innerText()).toContain('Du behøver ikke gøre noget');
    expect(await invitation.innerText()).toContain(LEGAL_BASIS);
    await expectAccessible(page);

    const choice = page.getByRole('region', { name: 'Kommunens søgning efter borgere til én plan' });
    await choice.getByText('Kommunen må søge efter dig.').waitFor();
    await choice.getByRole('button', { name: 'Søg ikke efter mig igen' }).click();
    await choice.getByText('Gemt. Vi søger ikke efter dig fra nu af.').waitFor();
    await choice.getByText('Du har bedt os om ikke at søge efter dig.').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'citizen-finding-invitation');

    // Who saw my data: the check is there in plain words, with its legal basis.
    await page.getByRole('link', { name: 'Hvem har set mine data' }).click();
    const check = page.getByTestId('log-event').filter({ hasText: 'Kommunen undersøgte, om du har sager i flere afdelinger' });
    await check.waitFor();
    expect(await check.innerText()).toContain(`Lovgrundlag: ${LEGAL_BASIS}`);
    await expectAccessible(page);
    await page.close();

    // From then on the finder leaves him out before any department is asked.
    const plan = app.federation.subgraph<PlanSubgraphInstance>('plan');
    const report = await plan.finder.run(plan.findingPopulation());
    expect(report).toMatchObject({ considered: 6, leftOut: 4, checked: 2, candidates: 0 });
  });
});
