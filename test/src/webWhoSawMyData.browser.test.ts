import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';

/*
 * "Who saw my data" as a citizen can understand it (issue #27): what a caseworker's list of citizens
 * disclosed is recorded as an overview, and the citizen reads one line per person, department and
 * day, in whole sentences, with how often and, on demand, when.
 */
describe('Mette reads who saw her data after Anna opened Mine borgere five times', () => {
  const app = webAppInBrowser();
  let mette: Page;

  it('Anna opens Mine borgere five times, and never Mette’s plan', async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    for (let i = 0; i < 5; i += 1) {
      if (i > 0) await anna.reload();
      await anna.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
      await anna.getByRole('link', { name: '150285-XXXX' }).waitFor();
    }
    await expectAccessible(anna);
    await anna.close();
  });

  it('shows Mette one line for Anna today: she saw in her overview that Mette has a joint plan, five times', async () => {
    mette = await app.browser.newPage();
    await signInAs(mette, app.baseUrl, 'Mette Jensen');
    await mette.getByRole('link', { name: 'Hvem har set mine data' }).click();
    await mette.getByRole('heading', { level: 1, name: 'Hvem har set mine data' }).waitFor();
    const groups = mette.getByTestId('log-group');
    await groups.first().waitFor();
    expect(await groups.count()).toBe(1);
    const annaToday = groups.first();
    expect(await annaToday.getByRole('heading', { level: 2 }).innerText()).toMatch(
      /^Anna Mortensen \(Jobcentret\) · \w+dag den \d+\. \w+ \d{4}$/,
    );
    const events = annaToday.getByTestId('log-event');
    expect(await events.count()).toBe(1);
    expect(await events.first().getByTestId('log-sentence').innerText()).toBe(
      'Anna Mortensen så i sit overblik, at du har en fælles plan.',
    );
    expect(await events.first().locator('.log-count').innerText()).toBe('5 gange');
    expect(await mette.getByRole('status').innerText()).toMatch(/^1 linje \(5 registreringer\)/);
    // No sentence stops mid-way, as "så planen fra" did.
    for (const sentence of await mette.getByTestId('log-sentence').allInnerTexts()) expect(sentence).not.toMatch(/ fra\.?$/);

    // The times, on demand, in Copenhagen time.
    await events.first().getByText('Se tidspunkterne').click();
    expect(await events.first().locator('details p').innerText()).toMatch(/^De 5 tidspunkter: (\d{2}\.\d{2}(, )?){5}$/);
    await expectAccessible(mette);
    await screenshot(mette, 'citizen-who-saw-my-data');
  });

  it('filters by what happened, and exports every record as a CSV a Danish spreadsheet opens', async () => {
    await mette.getByLabel('Hvad skete der').selectOption('READ');
    await mette.getByText('Ingen registreringer.').waitFor();
    await mette.getByLabel('Hvad skete der').selectOption('OVERVIEW');
    await mette.getByTestId('log-group').first().waitFor();

    const [download] = await Promise.all([
      mette.waitForEvent('download'),
      mette.getByRole('link', { name: 'Hent som regneark (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('hvem-har-set-mine-data.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('Tidspunkt;Hvem;Afdeling;Hvad skete der;Udfald;Slags oplysninger;Oplysninger fra');
    // The export is complete where the view groups: one row per record.
    expect(lines).toHaveLength(6);
    for (const line of lines.slice(1))
      expect(line).toMatch(
        /^\d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2};Anna Mortensen;Jobcentret;så i sit overblik, at du har en fælles plan;Tilladt;planen;$/,
      );
  });

  it('reads the same in English', async () => {
    await mette.getByLabel('Sprog').selectOption('en');
    try {
      await mette.getByText('Anna Mortensen saw in their overview that you have a joint plan.').waitFor();
      expect(await mette.getByTestId('log-event').first().locator('.log-count').innerText()).toBe('5 times');
      await expectAccessible(mette);
    } finally {
      await mette.getByRole('combobox', { name: /Language|Sprog/ }).selectOption('da');
    }
  });
});
