import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';

/*
 * Representatives (issue #28) in a real Chromium: Sara acts for her father Lars from the header,
 * Lars sees, changes and revokes her power with its receipt on Mine fuldmagter, her next page is
 * refused, and Bo, Lars's coordinator, sees who stands at his side (Anna, who is not, sees nobody).
 */
describe('representatives, in a browser', () => {
  const app = webAppInBrowser();

  // First: the next test revokes Sara's power.
  it("shows Bo, who coordinates Lars's plan, who stands at Lars's side, with the powers; Anna, who does not, sees nobody", async () => {
    const bo = await app.browser.newPage();
    await signInAs(bo, app.baseUrl, /Bo Kristensen/);
    await bo.getByLabel('CPR-nummer').first().fill('010165-0005');
    await bo.getByRole('button', { name: 'Åbn' }).click();
    const side = bo.getByRole('region', { name: 'Står ved borgerens side' });
    expect(await side.getByTestId('representatives').innerText()).toMatch(
      /^Sara Holm, Person: læse min plan, se, hvem der har set mine data, give og trække samtykker tilbage\. Gælder til \d{2}\.\d{2}\.\d{4}\.$/,
    );
    await expectAccessible(bo);
    await screenshot(bo, 'caseworker-representatives');
    await bo.close();

    // The powers in force are for the coordinator: Anna gets the answer of a citizen with none.
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await anna.getByLabel('CPR-nummer').first().fill('010165-0005');
    await anna.getByRole('button', { name: 'Åbn' }).click();
    await anna
      .getByRole('region', { name: 'Står ved borgerens side' })
      .getByText('Borgeren har ingen fuldmagtshaver eller personligt ombud.')
      .waitFor();
    await anna.close();
  });

  it('Sara acts for Lars, sees his plan and log; Lars changes and revokes her power; her next page is refused', async () => {
    const sara = await app.browser.newPage();
    await signInAs(sara, app.baseUrl, 'Sara Holm');
    await sara.getByRole('link', { name: 'Handl for en anden' }).click();
    await sara.getByRole('heading', { level: 2, name: 'Lars Holm' }).waitFor();
    await expectAccessible(sara);
    await sara.getByRole('button', { name: 'Handl for Lars Holm' }).click();
    await sara.getByRole('status').filter({ hasText: 'Du handler for Lars Holm' }).waitFor();
    await sara.getByRole('heading', { level: 1, name: 'Min plan' }).waitFor();
    await sara.getByText('Lars Holm · CPR-nummer').waitFor();
    // Acting for him, Sara has no "Mine fuldmagter" of his: only Lars gives powers.
    expect(await sara.getByRole('link', { name: 'Mine fuldmagter' }).count()).toBe(0);
    await expectAccessible(sara);
    await screenshot(sara, 'representative-acting-for');
    await sara.getByRole('link', { name: 'Hvem har set mine data' }).click();
    await sara.getByRole('heading', { level: 1, name: 'Hvem har set mine data' }).waitFor();
    // Her own reads are in his log, named as hers on his behalf, in Danish.
    await sara.getByText('Sara Holm på vegne af Lars Holm åbnede din fælles plan.').waitFor();
    expect(await sara.getByText('on behalf of').count()).toBe(0);

    // She withdraws his consent for him: his consent says who did, and so does the receipt in his inbox.
    await sara.getByRole('link', { name: 'Min plan' }).click();
    const consent = sara.getByTestId('consent').filter({ hasText: 'CON-000005' });
    await consent.getByRole('button', { name: /^Tilbagekald samtykke til én plan, .* \(CON-000005\)$/ }).click();
    await sara.getByText('Samtykket er tilbagekaldt. Det gælder med det samme.').waitFor();
    await consent.getByText('Trukket tilbage af Sara Holm på vegne af Lars Holm').waitFor();
    await expectAccessible(sara);

    const lars = await app.browser.newPage();
    await signInAs(lars, app.baseUrl, 'Lars Holm');
    await lars.getByRole('link', { name: 'Mine fuldmagter' }).click();
    const power = lars.getByRole('listitem').filter({ hasText: 'Sara Holm (050792-XXXX)' });
    await power.getByText('FM-000001/GIVEN').waitFor();
    expect(await power.innerText()).toContain('læse min plan, se, hvem der har set mine data, give og trække samtykker tilbage');
    await expectAccessible(lars);
    await screenshot(lars, 'citizen-my-powers');

    // A change: a new power replacing the old one, adding the inbox.
    const form = lars.getByRole('region', { name: 'Giv en fuldmagt' });
    await form.getByLabel('Fuldmagtshaverens CPR-nummer').fill('050792-1234');
    await form.getByLabel('Fuldmagtshaverens navn').fill('Sara Holm');
    for (const label of ['se, hvem der har set mine data', 'give og trække samtykker tilbage', 'modtage min indbakke'])
      await form.getByRole('checkbox', { name: label }).check();
    // Within the year a power may last.
    await form.getByLabel('Gælder til').fill(new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10));
    await form.getByLabel('Erstatter (ændring af en fuldmagt)').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Giv en fuldmagt' }).click();
    await lars.getByText('Fuldmagten er givet. Du har fået en kvittering.').waitFor();
    const active = lars.getByRole('listitem').filter({ hasText: 'modtage min indbakke' }).filter({ hasText: 'Aktiv' });
    await active.waitFor();
    await lars.getByRole('listitem').filter({ hasText: 'FM-000001/REVOKED' }).waitFor();
    await expectAccessible(lars);

    await active.getByRole('button', { name: 'Tilbagekald fuldmagten (Sara Holm)' }).click();
    await lars.getByText('Fuldmagten er tilbagekaldt. Den virker ikke længere.').waitFor();
    // The list reloads after the message: wait for it to show no power left to revoke.
    await lars.getByRole('button', { name: /^Tilbagekald fuldmagten/ }).waitFor({ state: 'detached' });
    await expectAccessible(lars);

    // His inbox: the withdrawal Sara made for him, and a receipt for each change to her power, in Danish.
    await lars.getByRole('link', { name: 'Indbakke' }).click();
    await lars.getByText(/^Sara Holm på vegne af Lars Holm trak samtykket tilbage /).waitFor();
    await lars.getByText(/^Din fuldmagt til Sara Holm er ændret\. Den gælder til og med /).waitFor();
    await lars
      .getByText('Din fuldmagt til Sara Holm er tilbagekaldt. Sara Holm kan ikke længere handle på dine vegne.')
      .first()
      .waitFor();
    await expectAccessible(lars);
    await lars.close();

    // Sara's very next page is refused: the gateway checks the power on every request.
    await sara.getByRole('link', { name: 'Min plan' }).click();
    await sara.getByRole('alert').filter({ hasText: 'Det lykkedes ikke at hente data (FORBIDDEN)' }).waitFor();
    await sara.getByRole('button', { name: 'Stop med at handle for en anden' }).click();
    await sara.getByText('Ingen har givet dig en fuldmagt, der gælder nu.').waitFor();
    await expectAccessible(sara);
    await sara.close();
  });
});
