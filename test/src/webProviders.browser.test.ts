import { PERSONAS } from '@enplan/lib';
import { expectAccessible, signInAs, webAppInBrowser } from './browser';
import { graphql, tokenFor } from './federation';

/*
 * A provider in the web app (docs/design.md rule 12), in a real headless Chromium against the real
 * federation: Peter sees in his plan that Bostedet Lærkehøj carries out his § 85 support, and the
 * progress note Karim wrote; Anna, his coordinator, sees the same.
 */
describe('a provider in the plan, in the web app', () => {
  const app = webAppInBrowser();
  const NOTE = 'Peter har selv handlet ind og ryddet op i køkkenet.';

  beforeAll(async () => {
    const written = await graphql(
      app.federation.gateway.url,
      'mutation Note($cpr: ID!, $text: String!) { addProgressNote(cpr: $cpr, agreementId: "AGR-P2", text: $text) { text } }',
      { token: await tokenFor('prov-1'), variables: { cpr: PERSONAS.peter.cpr, text: NOTE } },
    );
    expect(written).toEqual({ status: 200, data: { addProgressNote: { text: NOTE } } });
  });

  it.each([
    ['Peter, in his own plan', 'Peter Hansen'],
    ['Anna, his coordinating caseworker', /Anna Mortensen/],
  ] as const)("%s, sees who carries out the § 85 support and Karim's note", async (_, who) => {
    const page = await app.browser.newPage();
    await signInAs(page, app.baseUrl, who);
    if (typeof who !== 'string') {
      await page.getByLabel('CPR-nummer').fill(PERSONAS.peter.cpr);
      await page.getByRole('button', { name: 'Åbn' }).click();
    }
    const agreement = page
      .getByTestId('agreements')
      .getByRole('listitem')
      .filter({ hasText: 'Bostøtte 4 timer om ugen' })
      .first();
    await agreement.waitFor();
    const text = await agreement.innerText();
    expect(text).toContain('Udføres af Bostedet Lærkehøj (serviceloven § 141 stk. 5)');
    expect(text).toMatch(new RegExp(`· Karim Nielsen: ${NOTE}$`));
    await expectAccessible(page);
    await page.close();
  });
  it("Peter's *who saw my data* says Bostedet Lærkehøj wrote a note on his plan, under serviceloven § 141 stk. 5", async () => {
    const peter = await app.browser.newPage();
    await signInAs(peter, app.baseUrl, 'Peter Hansen');
    await peter.getByRole('link', { name: 'Hvem har set mine data' }).click();
    await peter.getByRole('heading', { level: 1, name: 'Hvem har set mine data' }).waitFor();
    const karims = peter.getByTestId('log-group').filter({ hasText: 'Karim Nielsen' });
    await karims.first().waitFor();
    const sentences = await karims.getByTestId('log-sentence').allInnerTexts();
    expect(sentences).toContain(
      'Bostedet Lærkehøj skrev et notat om en aftale, de udfører i din plan (serviceloven § 141 stk. 5).',
    );
    await expectAccessible(peter);
    await peter.close();
  });
});

describe("the provider's own page", () => {
  const app = webAppInBrowser();

  it("Karim (Bostedet Lærkehøj) sees his assignment in Peter's plan, the goal it serves and the coordinator, and adds a progress note", async () => {
    const karim = await app.browser.newPage();
    await signInAs(karim, app.baseUrl, 'Karim Nielsen');
    await karim.getByRole('heading', { level: 1, name: 'Mine opgaver' }).waitFor();
    const plan = karim.getByTestId('assigned-plan');
    await plan.getByText('Bostøtte 4 timer om ugen').waitFor();
    const shown = await plan.innerText();
    expect(shown).toContain('Borger 010180-XXXX');
    expect(shown).toContain('Koordinerende sagsbehandler: Anna Mortensen, +45 33 66 10 01');
    expect(shown).toContain('Jeg vil kunne stå op om morgenen og holde mine aftaler.');
    // Nothing else of Peter's: not his other goal, not the jobcentre's agreement, not his name.
    expect(shown).not.toContain('Jeg vil have et arbejde');
    expect(shown).not.toContain('Virksomhedspraktikken');
    expect(await karim.locator('main').innerText()).not.toContain('Peter');

    const note = 'Vi har øvet at betale regninger i netbanken.';
    await plan.getByLabel('Nyt notat om forløbet').fill(note);
    await plan.getByRole('button', { name: 'Tilføj notat' }).click();
    await plan.getByText(`Karim Nielsen: ${note}`, { exact: false }).waitFor();
    await expectAccessible(karim);
    await karim.close();
  });
});

describe('a provider invited to a joint meeting, in the web app', () => {
  const app = webAppInBrowser();

  it("Anna invites Bostedet Lærkehøj to a meeting she schedules; Karim sees that meeting and not the jobcentre's; she withdraws it and he sees none", async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await anna.getByLabel('CPR-nummer').fill(PERSONAS.peter.cpr);
    await anna.getByRole('button', { name: 'Åbn' }).click();
    const schedule = anna.getByRole('region', { name: 'Planlæg fællesmøde' });
    await schedule.getByLabel('Tidspunkt').fill('2026-12-22T13:00');
    await schedule.getByLabel('Sted').fill('Bostedet Lærkehøj, fælleshuset');
    await schedule.getByRole('group', { name: 'Deltagende afdelinger' }).getByLabel('Socialforvaltningen, voksne').check();
    await schedule.getByRole('button', { name: 'Planlæg fællesmøde' }).click();
    await anna.getByTestId('meetings').getByText('Bostedet Lærkehøj, fælleshuset', { exact: false }).waitFor();

    const invitation = anna.getByRole('region', { name: 'Inviter en udfører til et fællesmøde' });
    await invitation.getByLabel('Møde').selectOption({ label: '22.12.2026, 13.00 · Bostedet Lærkehøj, fælleshuset' });
    expect(await invitation.getByLabel('Udfører').inputValue()).toBe('BOSTEDET_LAERKEHOEJ');
    await invitation.getByRole('button', { name: 'Inviter' }).click();
    await invitation.getByText('Invitationen er sendt.').waitFor();
    const meeting = anna.getByTestId('meetings').getByRole('listitem').filter({ hasText: 'fælleshuset' });
    await meeting.getByText('Inviteret udfører: Bostedet Lærkehøj').waitFor();
    // The same form now offers to withdraw the invitation it just sent.
    await invitation.getByRole('button', { name: 'Træk invitationen tilbage' }).waitFor();
    await expectAccessible(anna);

    const karim = await app.browser.newPage();
    await signInAs(karim, app.baseUrl, 'Karim Nielsen');
    const plan = karim.getByTestId('assigned-plan');
    await plan.getByText('Bostedet Lærkehøj, fælleshuset', { exact: false }).waitFor();
    expect(await plan.innerText()).not.toContain('Jobcentret, mødelokale 2');
    await expectAccessible(karim);

    await invitation.getByRole('button', { name: 'Træk invitationen tilbage' }).click();
    await invitation.getByText('Invitationen er trukket tilbage.').waitFor();
    await karim.reload();
    await plan.getByText('Bostøtte 4 timer om ugen').waitFor();
    expect(await plan.innerText()).not.toContain('fælleshuset');
    await anna.close();
    await karim.close();
  });
});
