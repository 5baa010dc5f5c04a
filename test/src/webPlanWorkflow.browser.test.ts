import { PERSONAS } from '@enplan/lib';
import type { Page } from 'playwright-core';
import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';

/*
 * The one-plan workflow in the web app, in a real headless Chromium against the real federation:
 * Jonas asks for one plan, the departments he named answer it, the plan is made together, and
 * Jonas reads the answer, the notifications and his consent receipt in his inbox.
 */
describe('Jonas asks for a plan and Anna answers it, in the browser', () => {
  const app = webAppInBrowser();
  let jonas: Page;
  let anna: Page;
  let bo: Page;

  const jonasMasked = '111175-XXXX';

  /** The element that has the keyboard focus, by its text: an error message takes it. */
  const focusedText = (page: Page) =>
    page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent,
    );

  it('lets Jonas ask for one plan with EMPLOYMENT and SOCIAL, with the rules in plain Danish', async () => {
    jonas = await app.browser.newPage();
    await signInAs(jonas, app.baseUrl, 'Jonas Berg');
    await jonas.getByRole('heading', { level: 1, name: 'Min plan' }).waitFor();
    await jonas.getByRole('link', { name: 'Bed om én plan' }).click();
    await jonas.getByRole('heading', { level: 1, name: 'Bed om én plan' }).waitFor();
    await jonas.getByText('Du har ikke bedt om en plan endnu.').waitFor();
    const form = jonas.getByRole('region', { name: 'Bed om én plan' });
    expect(await form.innerText()).toContain(
      'En afdeling kan først sige ja, når du har givet samtykke til, at afdelingerne må dele oplysninger om din plan.',
    );
    await expectAccessible(jonas);

    // Nothing chosen: the form says what to fix, and the keyboard focus is on it.
    await form.getByRole('button', { name: 'Send anmodning' }).click();
    await form.getByRole('alert').getByText('Vælg mindst én afdeling.').waitFor();
    expect(await focusedText(jonas)).toBe('Vælg mindst én afdeling.');

    // From the keyboard alone: Space ticks a box, Tab moves on, Enter sends.
    const departments = form.getByRole('group', { name: 'Afdelinger, du vil have med' });
    await departments.getByLabel('Jobcentret').focus();
    await jonas.keyboard.press('Space');
    await jonas.keyboard.press('Tab');
    await jonas.keyboard.press('Space');
    expect(await departments.getByLabel('Socialforvaltningen, voksne').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Send anmodning' }).focus();
    await jonas.keyboard.press('Enter');
    await form.getByText('Din anmodning er sendt.').waitFor();
    const request = jonas.getByTestId('plan-request');
    await request.getByText('Venter på svar').waitFor();
    expect(await request.innerText()).toMatch(
      /^Venter på svar\s+Sendt \d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2} til Jobcentret, Socialforvaltningen, voksne\s+Træk anmodningen tilbage$/,
    );
    // One open request at a time: the form gives way to saying so.
    expect(await form.getByText('Du har allerede en anmodning, der venter på svar.').count()).toBe(1);
    expect(await form.getByRole('button', { name: 'Send anmodning' }).count()).toBe(0);
    await expectAccessible(jonas);
    await screenshot(jonas, 'citizen-ask-for-plan');
  });

  it('does not show the request to Clara, whose department Jonas did not name', async () => {
    const clara = await app.browser.newPage();
    await signInAs(clara, app.baseUrl, /Clara/);
    await clara.getByRole('link', { name: 'Anmodninger om én plan' }).click();
    await clara.getByRole('heading', { level: 1, name: 'Anmodninger om én plan' }).waitFor();
    await clara.getByText('Ingen åbne anmodninger.').waitFor();
    expect(await clara.getByTestId('plan-request-notice').count()).toBe(0);
    expect(await clara.locator('main').innerText()).not.toContain(jonasMasked);
    await expectAccessible(clara);
    await clara.close();
  });

  it('shows Anna the request, CPR masked, and says in words that Jonas must consent before she can accept', async () => {
    anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    // Her start page says that someone asked.
    await anna.getByRole('link', { name: '1 borger har bedt om én plan med din afdeling' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Anmodninger om én plan' }).waitFor();
    const notice = anna.getByTestId('plan-request-notice');
    await notice.first().waitFor();
    expect(await notice.count()).toBe(1);
    expect(await notice.getByRole('heading', { level: 2 }).innerText()).toMatch(
      /^Anmodning fra Jonas Berg \(111175-XXXX\), sendt \d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2}$/,
    );
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-plan-requests');

    await notice.getByRole('button', { name: 'Sig ja og opret planen' }).click();
    const refusal =
      'Borgerens samtykke gør ikke din afdeling til part i en fælles plan. Der skal først være et samtykke, der nævner din afdeling og planen.';
    await notice.getByRole('alert').getByText(refusal).waitFor();
    expect(await focusedText(anna)).toBe(refusal);
    const text = await anna.locator('body').innerText();
    expect(text).not.toMatch(/CONSENT_REQUIRED|has not consented/);
    expect(text).not.toContain(PERSONAS.jonas.cpr);
    // Declining needs a reason the citizen will read.
    await notice.getByRole('button', { name: 'Sig nej' }).click();
    await notice.getByRole('alert').getByText('Skriv en begrundelse: borgeren ser den.').waitFor();
    await expectAccessible(anna);
  });

  it('lets Jonas consent, so that Anna can accept: the plan is made with her as coordinator', async () => {
    await jonas.getByRole('link', { name: 'Min plan' }).click();
    const form = jonas.getByRole('region', { name: 'Giv samtykke' });
    for (const group of ['Oplysninger fra', 'Må ses af']) {
      await form.getByRole('group', { name: group }).getByLabel('Jobcentret').check();
      await form.getByRole('group', { name: group }).getByLabel('Socialforvaltningen, voksne').check();
    }
    const permits = form.getByRole('group', { name: 'Slags oplysninger: Tillader' });
    await permits.getByLabel('sagsoplysninger').check();
    await permits.getByLabel('planen').check();
    await form.getByRole('button', { name: 'Giv samtykke' }).click();
    await form.getByText(/^Samtykket er registreret\. \(CON-[\w-]+\)$/).waitFor();

    await anna.reload();
    const notice = anna.getByTestId('plan-request-notice');
    await notice.getByRole('button', { name: 'Sig ja og opret planen' }).click();
    await notice.getByText('Du har sagt ja. Planen er oprettet med dig som koordinerende sagsbehandler.').waitFor();
    await notice.getByRole('link', { name: 'Åbn planen' }).click();
    await anna.getByRole('heading', { level: 1, name: `Fælles plan for Jonas Berg (${jonasMasked})` }).waitFor();
    const joint = anna.getByRole('region', { name: 'Fælles del', exact: true });
    await joint.getByText('Anna Mortensen (Jobcentret)', { exact: true }).waitFor();
    expect(await joint.getByText('Kladde', { exact: true }).count()).toBe(1);
    await anna.getByRole('region', { name: 'Ændr den fælles plan' }).waitFor();
    await expectAccessible(anna);
  });

  it('makes the plan together: of two edits on the same version, the second is told to reload, never shown an error dump', async () => {
    bo = await app.browser.newPage();
    await signInAs(bo, app.baseUrl, /Bo Kristensen/);
    await bo.getByLabel('CPR-nummer').fill('1111750011');
    await bo.getByRole('button', { name: 'Åbn' }).click();
    await bo.getByRole('heading', { level: 1, name: `Fælles plan for Jonas Berg (${jonasMasked})` }).waitFor();
    await bo.getByRole('region', { name: 'Ændr den fælles plan' }).waitFor();

    // Anna adds an agreement; Bo, still looking at the version before it, schedules a meeting.
    const agreement = anna.getByRole('region', { name: 'Tilføj aftale' });
    await agreement.getByLabel('Hvad er aftalt').fill('Bo finder et botilbud, så Jonas kan passe en praktik.');
    await agreement.getByLabel('Ansvarlig afdeling').selectOption('SOCIAL');
    await agreement.getByLabel('Frist (valgfri)').fill('2027-01-15');
    await agreement.getByRole('button', { name: 'Tilføj aftale' }).click();
    await agreement.getByText('Gemt.').waitFor();
    await anna
      .getByTestId('agreements')
      .getByText(
        'Bo finder et botilbud, så Jonas kan passe en praktik. – ansvarlig: Socialforvaltningen, voksne, senest 15.01.2027',
      )
      .waitFor();

    const meeting = bo.getByRole('region', { name: 'Planlæg fællesmøde' });
    await meeting.getByLabel('Tidspunkt').fill('2026-12-15T10:00');
    await meeting.getByLabel('Sted').fill('Jobcentret, mødelokale 3');
    await meeting.getByRole('group', { name: 'Deltagende afdelinger' }).getByLabel('Jobcentret').check();
    await meeting.getByRole('group', { name: 'Deltagende afdelinger' }).getByLabel('Socialforvaltningen, voksne').check();
    await meeting.getByLabel('Bisidder (valgfri)').fill('Maja Berg (søster)');
    await meeting.getByRole('button', { name: 'Planlæg fællesmøde' }).click();
    const conflict = 'En anden har ændret planen, mens du arbejdede på den. Intet er gemt. Genindlæs planen og prøv igen.';
    await meeting.getByRole('alert').getByText(conflict).waitFor();
    expect(await focusedText(bo)).toBe(`${conflict}Genindlæs planen`);
    expect(await bo.locator('body').innerText()).not.toMatch(/CONFLICT|version \d/);
    await expectAccessible(bo);
    await screenshot(bo, 'caseworker-conflict');

    // The reload shows Anna's agreement; Bo's filled-in meeting is still there to send again.
    await meeting.getByRole('button', { name: 'Genindlæs planen' }).click();
    await bo
      .getByTestId('agreements')
      .getByText(/^Bo finder et botilbud/)
      .waitFor();
    await meeting.getByRole('button', { name: 'Planlæg fællesmøde' }).click();
    await meeting.getByText('Gemt.').waitFor();
    const meetings = bo.getByTestId('meetings');
    await meetings.getByText('Bisidder: Maja Berg (søster)').waitFor();
    expect(await meetings.innerText()).toBe(
      '15.12.2026, 10.00 · Jobcentret, mødelokale 3 – med Jobcentret, Socialforvaltningen, voksne\nBisidder: Maja Berg (søster)',
    );

    const minutes = bo.getByRole('region', { name: 'Referat' });
    await minutes.getByLabel('Referat', { exact: true }).fill('Jonas vil gerne i praktik som tømrer.');
    await minutes.getByRole('button', { name: 'Gem referat' }).click();
    await minutes.getByText('Gemt.').waitFor();
    await meetings.getByText('Referat: Jonas vil gerne i praktik som tømrer.').waitFor();

    const followUp = bo.getByRole('region', { name: 'Næste fælles opfølgning' });
    await followUp.getByLabel('Næste fælles opfølgning').fill('2027-01-10');
    await followUp.getByRole('button', { name: 'Gem' }).click();
    await followUp.getByText('Gemt.').waitFor();
    const joint = bo.getByRole('region', { name: 'Fælles del', exact: true });
    await joint.getByText('10.01.2027', { exact: true }).waitFor();
    expect(await joint.innerText()).toContain('Næste fælles opfølgning\n10.01.2027');
    await expectAccessible(bo);
    await screenshot(bo, 'caseworker-joint-plan-editor');
  });

  it('lets Jonas write his goal in his own words and agree to the plan, which makes it active', async () => {
    await jonas.getByRole('link', { name: 'Min plan' }).click();
    const mine = jonas.getByRole('region', { name: 'Din del af planen' });
    const goals = mine.getByRole('region', { name: 'Mine mål' });
    await goals.getByLabel('Dine mål, med dine egne ord (ét pr. linje)').fill('Jeg vil være tømrerlærling til sommer.');
    await goals.getByRole('button', { name: 'Gem mål' }).click();
    await goals.getByText('Gemt.').waitFor();
    const joint = jonas.getByRole('region', { name: 'Fælles del', exact: true });
    await joint.getByRole('listitem').filter({ hasText: 'Jeg vil være tømrerlærling til sommer.' }).waitFor();
    await expectAccessible(jonas);

    await mine.getByRole('button', { name: 'Jeg er enig i planen' }).click();
    await joint.getByText('Aktiv', { exact: true }).waitFor();
    // Agreed once, the plan is active: nothing more to agree to.
    expect(await mine.getByRole('button', { name: 'Jeg er enig i planen' }).count()).toBe(0);
    expect(await joint.getByText('Bisidder: Maja Berg (søster)').count()).toBe(1);
    await screenshot(jonas, 'citizen-joint-plan');
  });

  it('shows Jonas the answer, and the notifications and his consent receipt in his inbox', async () => {
    await jonas.getByRole('link', { name: 'Bed om én plan' }).click();
    const request = jonas.getByTestId('plan-request');
    await request.getByText('Accepteret').waitFor();
    expect(await request.innerText()).toMatch(/\nBesvaret \d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2}$/);
    // No longer waiting: he may ask again.
    await jonas.getByRole('button', { name: 'Send anmodning' }).waitFor();

    await jonas.getByRole('link', { name: 'Indbakke' }).click();
    await jonas.getByRole('heading', { level: 1, name: 'Indbakke' }).waitFor();
    const messages = jonas.getByTestId('inbox-message');
    // Notifications reach the inbox through an outbox: wait until all six have arrived.
    for (let i = 0; i < 50 && (await messages.count()) < 6; i++) {
      await jonas.waitForTimeout(200);
      await jonas.reload();
      await jonas.getByRole('heading', { level: 1, name: 'Indbakke' }).waitFor();
      await messages.first().waitFor();
    }
    const subjects = await messages.getByRole('heading', { level: 2 }).allInnerTexts();
    expect(subjects[0]).toBe('Din fælles plan er nu aktiv');
    expect([...subjects].sort()).toEqual(
      [
        'Din fælles plan er nu aktiv',
        'Din anmodning om én plan er sendt',
        'Kvittering for dit samtykke',
        'Svar på din anmodning om én plan',
        'Din fælles plan er oprettet',
        'Nyt fælles møde',
      ].sort(),
    );
    const answer = messages.filter({ hasText: 'Svar på din anmodning om én plan' });
    // Said from the message's facts: the department by its name, never its code.
    expect(await answer.innerText()).toContain('Anna Mortensen (Jobcentret) har sagt ja til din anmodning om én plan.');
    await expectAccessible(jonas);
    await screenshot(jonas, 'citizen-inbox');

    await messages.filter({ hasText: 'Kvittering for dit samtykke' }).getByRole('link', { name: 'Læs kvitteringen' }).click();
    await jonas.getByRole('heading', { level: 1, name: 'Kvittering for dit samtykke' }).waitFor();
    const receipt = jonas.getByTestId('receipt');
    const text = await receipt.innerText();
    expect(text).toContain(
      'Tillader at Jobcentret, Socialforvaltningen, voksne ser sagsoplysninger og planen fra Jobcentret, Socialforvaltningen, voksne',
    );
    expect(text).toMatch(/Kvitteringsnummer\s+CON-[\w-]+\n/);
    expect(text).not.toContain('/GIVEN');
    expect(text).toMatch(/Borger\s+111175-XXXX/);
    expect(text).toMatch(/Indhentet\s+MitID, \d{2}\.\d{2}\.\d{4}, \d{2}\.\d{2}/);
    expect(text).toMatch(/Følsomme oplysninger\s+ingen/);
    expect(text).toContain('Du kan trække samtykket tilbage når som helst under Min plan, lige så let som du gav det.');
    await expectAccessible(jonas);
    await screenshot(jonas, 'citizen-receipt');
  });

  it("lets Bo decline Jonas's next request with a reason Jonas reads (Anna, too late, is told so), in English too", async () => {
    await jonas.getByRole('link', { name: 'Bed om én plan' }).click();
    const form = jonas.getByRole('region', { name: 'Bed om én plan' });
    const departments = form.getByRole('group', { name: 'Afdelinger, du vil have med' });
    await departments.getByLabel('Jobcentret').check();
    await departments.getByLabel('Socialforvaltningen, voksne').check();
    await form.getByRole('button', { name: 'Send anmodning' }).click();
    await form.getByText('Din anmodning er sendt.').waitFor();
    // Anna has the request open too; Bo answers first.
    await anna.getByRole('link', { name: 'Anmodninger om én plan' }).click();
    const annasCopy = anna.getByTestId('plan-request-notice');
    await annasCopy.waitFor();

    await bo.getByRole('link', { name: 'Anmodninger om én plan' }).click();
    const notice = bo.getByTestId('plan-request-notice');
    await notice.getByLabel('Begrundelse (borgeren ser den)').fill('Du har allerede én plan med os.');
    await notice.getByRole('button', { name: 'Sig nej' }).click();
    await notice.getByText('Du har sagt nej. Borgeren får besked med din begrundelse.').waitFor();
    expect(await notice.getByRole('button').count()).toBe(0);
    // Anna's answer comes too late, and she is told so in words.
    await annasCopy.getByRole('button', { name: 'Sig ja og opret planen' }).click();
    await annasCopy
      .getByRole('alert')
      .getByText('Anmodningen er allerede besvaret, eller den er ikke til din afdeling.')
      .waitFor();

    await jonas.reload();
    const declined = jonas.getByTestId('plan-request').filter({ hasText: 'Afvist' });
    await declined.waitFor();
    expect(await declined.innerText()).toContain('Begrundelse: Du har allerede én plan med os.');
    await jonas.getByLabel('Sprog').selectOption('en');
    try {
      await jonas.getByRole('heading', { level: 1, name: 'Ask for one plan' }).waitFor();
      const inEnglish = jonas.getByTestId('plan-request').filter({ hasText: 'Declined' });
      expect(await inEnglish.innerText()).toContain('Reason: Du har allerede én plan med os.');
      expect(await jonas.getByRole('region', { name: 'Ask for one plan' }).innerText()).toContain(
        'A department can only say yes once you have consented to the departments sharing data about your plan.',
      );
      await expectAccessible(jonas);
    } finally {
      await jonas.getByRole('combobox', { name: /Language|Sprog/ }).selectOption('da');
    }
  });

  it('lets only the coordinator hand the plan over, to a caseworker chosen from a list: Anna hands it to Bo', async () => {
    await bo.getByRole('link', { name: 'Mine borgere' }).click();
    await bo.getByLabel('CPR-nummer').fill('1111750011');
    await bo.getByRole('button', { name: 'Åbn' }).click();
    await bo.getByRole('region', { name: 'Tilføj aftale' }).waitFor();
    // Bo does not coordinate Jonas's plan: he is offered nobody to hand it to, so no form.
    expect(await bo.getByRole('region', { name: 'Overdrag koordineringen' }).count()).toBe(0);

    // Anna coordinates Jonas's plan: he is on her start page now.
    await anna.getByRole('link', { name: 'Mine borgere' }).click();
    await anna.getByRole('link', { name: jonasMasked }).click();
    const form = anna.getByRole('region', { name: 'Overdrag koordineringen' });
    const to = form.getByLabel('Til sagsbehandler');
    await to.waitFor();
    // Clara's department is no party to Jonas's plan: she is not offered.
    expect(await to.locator('option').allInnerTexts()).toEqual([
      'Vælg en sagsbehandler',
      'Bo Kristensen (Socialforvaltningen, voksne)',
    ]);
    await form.getByRole('button', { name: 'Overdrag koordineringen' }).click();
    await form.getByRole('alert').getByText('Udfyld de påkrævede felter.').waitFor();
    await to.selectOption({ label: 'Bo Kristensen (Socialforvaltningen, voksne)' });
    await form.getByRole('button', { name: 'Overdrag koordineringen' }).click();
    await form.getByText('Koordineringen er overdraget.').waitFor();
    await anna
      .getByRole('region', { name: 'Fælles del', exact: true })
      .getByText('Bo Kristensen (Socialforvaltningen, voksne)', { exact: true })
      .waitFor();
    await expectAccessible(anna);
  });

  it('fails closed when the consent service is down: nothing is saved, and the caseworker is told so in words', async () => {
    await bo.getByRole('link', { name: 'Mine borgere' }).click();
    await bo.getByLabel('CPR-nummer').fill('1111750011');
    await bo.getByRole('button', { name: 'Åbn' }).click();
    const agreement = bo.getByRole('region', { name: 'Tilføj aftale' });
    await agreement.waitFor();
    await app.federation.stopSubgraph('consent');

    await agreement.getByLabel('Hvad er aftalt').fill('Bo ringer til Jonas hver fredag.');
    await agreement.getByRole('button', { name: 'Tilføj aftale' }).click();
    const unavailable = 'Samtykket kan ikke kontrolleres lige nu, så intet er gemt. Prøv igen om lidt.';
    await agreement.getByRole('alert').getByText(unavailable).waitFor();
    expect(await focusedText(bo)).toBe(unavailable);
    expect(await bo.locator('body').innerText()).not.toMatch(/CONSENT_UNAVAILABLE|withheld/);
    expect(await bo.getByTestId('agreements').innerText()).not.toContain('Bo ringer til Jonas hver fredag.');
    await expectAccessible(bo);
  });
});
