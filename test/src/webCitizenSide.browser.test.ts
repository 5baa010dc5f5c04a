import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';

/*
 * The citizen's side of issue #27 in a real Chromium: a request taken back, a withdrawal the
 * coordinator sees, and a caseworker's withdrawal on the citizen's behalf confirmed first.
 */
describe("the citizen's side, in a browser", () => {
  const app = webAppInBrowser();

  it('lets Jonas take back a request nobody has answered, after saying what that means, and ask again', async () => {
    const jonas = await app.browser.newPage();
    await signInAs(jonas, app.baseUrl, 'Jonas Berg');
    await jonas.getByRole('link', { name: 'Bed om én plan' }).click();
    const form = jonas.getByRole('region', { name: 'Bed om én plan' });
    await form.getByRole('group', { name: 'Afdelinger, du vil have med' }).getByLabel('Jobcentret').check();
    await form.getByRole('button', { name: 'Send anmodning' }).click();
    const request = jonas.getByTestId('plan-request');
    await request.getByText('Venter på svar').waitFor();

    await request.getByRole('button', { name: 'Træk anmodningen tilbage' }).click();
    const confirm = request.getByRole('group', { name: 'Træk anmodningen tilbage' });
    expect(await confirm.locator('p').innerText()).toBe(
      'Vil du trække anmodningen tilbage? Afdelingerne ser den så ikke længere. Du kan sende en ny med andre afdelinger bagefter.',
    );
    // The question takes the focus, on its "yes".
    expect(await jonas.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toBe('Ja, træk den tilbage');
    await expectAccessible(jonas);
    await screenshot(jonas, 'citizen-cancel-request');
    await confirm.getByRole('button', { name: 'Ja, træk den tilbage' }).click();

    await jonas.getByText('Din anmodning er trukket tilbage. Du kan sende en ny.').waitFor();
    await request.getByText('Trukket tilbage', { exact: true }).waitFor();
    expect(await request.innerText()).toMatch(/Trukket tilbage \d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2}$/);
    expect(await request.getByRole('button').count()).toBe(0);
    // The form is back: a new request, for other departments, can be sent at once.
    await form.getByRole('button', { name: 'Send anmodning' }).waitFor();
    await expectAccessible(jonas);
    await jonas.close();
  });

  it("shows Anna that Peter withdrew, and when, where Peter's plan used to be in Mine borgere", async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await anna.getByRole('link', { name: '010180-XXXX' }).waitFor();
    expect(await anna.getByTestId('no-longer-shared').count()).toBe(0);

    const peter = await app.browser.newPage();
    await signInAs(peter, app.baseUrl, 'Peter Hansen');
    await peter.getByRole('button', { name: /^Tilbagekald samtykke til én plan, .+ \(CON-000001\)$/ }).click();
    await peter.getByText('Samtykket er tilbagekaldt. Det gælder med det samme.').waitFor();
    await peter.close();

    // The withdrawal reaches the plan's history through the consent service's outbox: reload until it has.
    const notice = anna.getByTestId('no-longer-shared');
    for (
      let attempt = 0;
      attempt < 20 && !/trak sit samtykke tilbage/.test(await anna.locator('main').innerText());
      attempt += 1
    ) {
      await anna.reload();
      await anna.getByRole('heading', { level: 1, name: 'Mine borgere' }).waitFor();
      await anna.getByRole('heading', { level: 2, name: 'Åbn en borgers plan' }).waitFor();
    }
    expect(await notice.getByRole('heading', { level: 2 }).innerText()).toBe('Ikke længere delt med dig');
    expect(await notice.getByRole('listitem').allInnerTexts()).toEqual([
      expect.stringMatching(/^010180-XXXX trak sit samtykke tilbage \d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2}\.$/),
    ]);
    expect(await anna.getByRole('link', { name: '010180-XXXX' }).count()).toBe(0);
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-citizen-withdrew');
    await anna.close();
  });

  it('gives Peter his inbox and his withdrawal receipt in English when he reads in English', async () => {
    const peter = await app.browser.newPage();
    await signInAs(peter, app.baseUrl, 'Peter Hansen');
    await peter.getByLabel('Sprog').selectOption('en');
    try {
      await peter.getByRole('link', { name: 'Inbox' }).click();
      const message = peter.getByTestId('inbox-message').filter({ hasText: 'Receipt for a withdrawn consent' });
      await message.waitFor();
      expect(await message.locator('p').nth(1).innerText()).toMatch(
        /^You withdrew your consent on \d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2}\. The departments can no longer see the joint plan on the basis of it\.$/,
      );
      expect(await peter.locator('main').innerText()).not.toMatch(/Samtykke|trukket tilbage/);
      await expectAccessible(peter);
      await screenshot(peter, 'citizen-inbox-english');

      await message.getByRole('link', { name: 'Read the receipt' }).click();
      const receipt = peter.getByTestId('receipt');
      await receipt.waitFor();
      const text = await receipt.innerText();
      expect(text).toMatch(/Receipt number\s+CON-000001\n/);
      expect(text).not.toContain('/WITHDRAWN');
      expect(text).toContain('One plan. Your departments may use the data to make and follow one joint plan with you');
      expect(text).toContain('You can withdraw the consent at any time under My plan, as easily as you gave it.');
      await expectAccessible(peter);
      await screenshot(peter, 'citizen-receipt-english');
    } finally {
      await peter.getByRole('combobox', { name: /Language|Sprog/ }).selectOption('da');
      await peter.close();
    }
  });

  it("asks Bo to confirm before he withdraws Lars's consent on Lars's behalf; “no” leaves it as it was", async () => {
    const bo = await app.browser.newPage();
    await signInAs(bo, app.baseUrl, /Bo Kristensen/);
    await bo.getByLabel('CPR-nummer').fill('0101650005');
    await bo.getByRole('button', { name: 'Åbn', exact: true }).click();
    const consent = bo.getByTestId('consent').filter({ hasText: 'CON-' }).first();
    await consent.getByText('Aktiv', { exact: true }).waitFor();
    expect(await consent.getByRole('heading', { level: 3 }).innerText()).toMatch(
      /^Samtykke til én plan, \d+\. \w+ \d{4} · Aktiv$/,
    );
    const withdraw = consent.getByRole('button', { name: /^Tilbagekald samtykke til én plan/ });

    await withdraw.click();
    const confirm = consent.getByTestId('confirm');
    expect(await confirm.locator('p').innerText()).toContain('Du tilbagekalder samtykket på borgerens vegne.');
    await expectAccessible(bo);
    await confirm.getByRole('button', { name: 'Nej, fortryd' }).click();
    expect(await consent.getByText('Aktiv', { exact: true }).count()).toBe(1);
    expect(await bo.evaluate(() => (globalThis as any).document.activeElement?.textContent)).toMatch(/^Tilbagekald samtykke/);

    await withdraw.click();
    await consent.getByTestId('confirm').getByRole('button', { name: 'Ja, borgeren har bedt om det: tilbagekald' }).click();
    await bo.getByText('Samtykket er tilbagekaldt. Det gælder med det samme.').waitFor();
    await consent.getByText('Tilbagekaldt', { exact: true }).waitFor();
    await bo.close();
  });

  it('gives Sofie a consent form in plain Danish: its purpose, what each choice means, and Forbyder optional', async () => {
    const sofie = await app.browser.newPage();
    await signInAs(sofie, app.baseUrl, 'Sofie Nielsen');
    const form = sofie.getByRole('region', { name: 'Giv samtykke' });
    await form.waitFor();
    expect(await form.locator('.consent-purpose').innerText()).toMatch(
      /^Formål: Én plan\. Dine afdelinger må bruge oplysningerne/,
    );
    // Each group says what choosing in it means, read out with the group.
    const owners = form.getByRole('group', { name: 'Oplysninger fra' });
    expect(await owners.getAttribute('aria-describedby')).toBeTruthy();
    expect(await owners.locator('.hint').innerText()).toBe('De afdelinger, hvis oplysninger om dig må deles.');
    await form.getByRole('group', { name: 'Slags oplysninger: Forbyder (valgfrit)' }).waitFor();

    await owners.getByLabel('Jobcentret').check();
    await form.getByRole('button', { name: 'Giv samtykke' }).click();
    // Only what is missing is named, and never Forbyder.
    await form.getByText('Vælg mindst én under: Må ses af; Slags oplysninger: Tillader.').waitFor();

    await form.getByRole('group', { name: 'Må ses af' }).getByLabel('Socialforvaltningen, voksne').check();
    await form.getByRole('group', { name: 'Slags oplysninger: Tillader' }).getByLabel('planen').check();
    await form.getByRole('button', { name: 'Giv samtykke' }).click();
    await form.getByText(/^Samtykket er registreret\./).waitFor();
    await sofie
      .getByTestId('consent')
      .filter({ hasText: 'Aktiv' })
      .getByRole('heading', { level: 3, name: /^Samtykke til én plan, \d+\. \w+ \d{4} · Aktiv$/ })
      .waitFor();
    await expectAccessible(sofie);
    await screenshot(sofie, 'citizen-consent-form');
    await sofie.close();
  });
});
