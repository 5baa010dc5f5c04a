import { PERSONAS } from '@enplan/lib';
import { expectAccessible, screenshot, signInAs, webAppInBrowser } from './browser';
import { graphql, tokenFor } from './federation';

const { mette } = PERSONAS;

/*
 * The plan's course in the web app (issue #29), in a real Chromium over the running federation:
 * Anna drafts Mette's joint decision and decides the jobcentre's measure, Bo decides SOCIAL's (over
 * the API), Mette reads the one decision with its one complaint guidance and complains once with *Klag*.
 */
describe("Mette's joint decision and her complaint, in a browser", () => {
  const app = webAppInBrowser();
  const api = async (who: string, query: string, variables: Record<string, unknown>) => {
    const result = await graphql<any>(app.federation.gateway.url, query, { token: await tokenFor(who), variables });
    expect(result.errors).toBeUndefined();
    return result.data;
  };

  beforeAll(async () => {
    let version: number = (
      await api('cw-emp-1', 'query V($cpr: ID!) { citizen(cpr: $cpr) { plan { joint { version } } } }', { cpr: mette.cpr })
    ).citizen.plan.joint.version;
    for (const [what, responsibleDepartment] of [
      ['Virksomhedspraktik 10 timer om ugen', 'EMPLOYMENT'],
      ['Bostøtte efter servicelovens § 85', 'SOCIAL'],
    ]) {
      version = (
        await api(
          'cw-emp-1',
          'mutation A($cpr: ID!, $v: Int!, $a: AgreementInput!) { addAgreement(cpr: $cpr, expectedVersion: $v, agreement: $a) { version } }',
          { cpr: mette.cpr, v: version, a: { what, responsibleDepartment } },
        )
      ).addAgreement.version;
    }
  });

  it('Anna writes the jobcentre’s part of the assessment, drafts the decision and decides her own measure, accessibly', async () => {
    const anna = await app.browser.newPage();
    await signInAs(anna, app.baseUrl, /Anna Mortensen/);
    await anna.getByRole('table', { name: 'Mine borgere' }).getByRole('link', { name: 'Mette Jensen (150285-XXXX)' }).click();
    await anna.getByRole('link', { name: 'Udredning, afgørelse og klage' }).click();
    await anna.getByRole('heading', { level: 1, name: 'Udredning, afgørelse og klage for 150285-XXXX' }).waitFor();

    await anna.getByLabel('Livsområde').selectOption('WORK_AND_EDUCATION');
    await anna.getByLabel('Din afdelings beskrivelse').fill('Kan arbejde 10 timer om ugen med pauser.');
    await anna.getByRole('button', { name: 'Gem i udredningen' }).click();
    await anna.getByTestId('assessment').getByText('Kan arbejde 10 timer om ugen med pauser.').waitFor();
    expect(await anna.getByTestId('assessment').innerText()).toContain('Arbejde og uddannelse');

    await anna.getByRole('button', { name: 'Lav udkast til samlet afgørelse' }).click();
    const form = anna.getByRole('form', { name: 'Afgør: Virksomhedspraktik 10 timer om ugen' });
    await form.waitFor();
    // SOCIAL's measure is SOCIAL's to decide: Anna is offered only her own.
    expect(await anna.getByRole('form', { name: /Afgør: Bostøtte/ }).count()).toBe(0);
    await expectAccessible(anna);
    await form.getByLabel('Lovgrundlag').fill('LAB § 68 b');
    await form.getByLabel('Start').fill('2027-01-04');
    await form.getByRole('button', { name: 'Godkend afgørelsen' }).click();
    await anna.getByTestId('measure').filter({ hasText: 'Virksomhedspraktik' }).getByText('Bevilget').waitFor();
    await expectAccessible(anna);
    await screenshot(anna, 'caseworker-joint-decision');
    await anna.close();
  });

  it('Mette reads her one decision and complains once with Klag; she then follows each department’s part, accessibly', async () => {
    const draft = (
      await api(
        'cw-soc-1',
        'query D($cpr: ID!) { citizen(cpr: $cpr) { plan { decision { version measures { id department } } } } }',
        { cpr: mette.cpr },
      )
    ).citizen.plan.decision;
    const social = draft.measures.find((m: { department: string }) => m.department === 'SOCIAL');
    await api(
      'cw-soc-1',
      'mutation M($cpr: ID!, $v: Int!, $m: ID!, $d: MeasureDecisionInput!) { decideMeasure(cpr: $cpr, expectedVersion: $v, measureId: $m, decision: $d) { status } }',
      {
        cpr: mette.cpr,
        v: draft.version,
        m: social.id,
        d: {
          outcome: 'REFUSED',
          legalBasis: 'serviceloven § 85',
          reasons: 'Behovet er dækket af hjemmeplejen.',
          start: '2027-01-04',
        },
      },
    );

    const page = await app.browser.newPage();
    await signInAs(page, app.baseUrl, mette.name);
    await page.getByRole('link', { name: 'Min afgørelse' }).click();
    await page.getByRole('heading', { level: 1, name: 'Min afgørelse' }).waitFor();
    const measures = page.getByTestId('measure');
    await measures.first().waitFor();
    expect(await measures.count()).toBe(2);
    expect(await measures.nth(1).innerText()).toContain('Afslået. Lovgrundlag: serviceloven § 85.');
    expect(await measures.nth(1).innerText()).toContain('Begrundelse: Behovet er dækket af hjemmeplejen.');
    const guidance = page.getByRole('region', { name: 'Klagevejledning' });
    expect(await guidance.innerText()).toContain('Ankestyrelsen');
    await expectAccessible(page);

    const klag = page.getByRole('form', { name: 'Klag' });
    await klag.getByRole('button', { name: 'Send klagen' }).click();
    await page.getByTestId('outcome').getByText('Vælg mindst én indsats, du klager over.').waitFor();
    await klag.getByLabel('Bostøtte efter servicelovens § 85').check();
    await klag.getByLabel('Hvorfor? Skriv med dine egne ord.').fill('Jeg har brug for hjælp til at komme op om morgenen.');
    await klag.getByRole('button', { name: 'Send klagen' }).click();

    const part = page.getByTestId('complaint-part');
    await part.first().waitFor();
    expect(await part.count()).toBe(1);
    expect(await part.innerText()).toMatch(/Genvurderes \(svar senest/);
    expect(await page.getByRole('form', { name: 'Klag' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'citizen-decision-complaint');
    await page.close();
  });

  it('Bo reassesses SOCIAL’s part and changes the measure; Mette reads the new version and the answer, accessibly', async () => {
    const bo = await app.browser.newPage();
    await signInAs(bo, app.baseUrl, /Bo Kristensen/);
    await bo.getByLabel('CPR-nummer').fill(mette.cpr);
    await bo.getByRole('button', { name: 'Åbn' }).click();
    await bo.getByRole('link', { name: 'Udredning, afgørelse og klage' }).click();
    const complaint = bo.getByRole('region', { name: 'Borgerens klage' });
    await complaint.getByText('Jeg har brug for hjælp til at komme op om morgenen.').waitFor();
    await complaint.getByLabel('Ændr afgørelsen (borgeren får en ny version)').check();
    await complaint.getByLabel('Afgørelse', { exact: true }).selectOption('GRANTED');
    await complaint.getByLabel('Lovgrundlag').fill('serviceloven § 85');
    await complaint.getByLabel('Start').fill('2027-01-11');
    await complaint.getByLabel('Begrundelse for genvurderingen').fill('Ved genvurderingen: behovet er større end antaget.');
    await expectAccessible(bo);
    await complaint.getByRole('button', { name: 'Send genvurderingen' }).click();
    await bo.getByTestId('outcome').getByText('Afgørelsen er ændret. Borgeren får den nye version.').waitFor();
    await complaint.getByTestId('complaint-part').getByText('Ændret').waitFor();
    await bo.close();

    const page = await app.browser.newPage();
    await signInAs(page, app.baseUrl, mette.name);
    await page.getByRole('link', { name: 'Min afgørelse' }).click();
    await page.getByText(/version 2, ændret efter din klage/).waitFor();
    expect(await page.getByTestId('measure').nth(1).innerText()).toContain('Bevilget. Lovgrundlag: serviceloven § 85.');
    expect(await page.getByTestId('complaint-part').innerText()).toContain(
      'Begrundelse: Ved genvurderingen: behovet er større end antaget.',
    );
    await expectAccessible(page);
    await page.close();
  });
});
