/**
 * Regression tests for the defects an independent test found (issue #12), each as the promise it broke.
 */
import { createHash } from 'node:crypto';
import { PERSONAS } from '@enplan/lib';
import { TestFederation, errorCodesByPath, graphql, tokenFor } from './federation';

const PETER = PERSONAS.peter.cpr;

describe('defects found by an independent test', () => {
  let now = Date.parse('2026-11-24T09:00:00.000Z');
  let federation: TestFederation;
  beforeAll(async () => {
    federation = await TestFederation.start({ now: () => now });
  });
  afterAll(() => federation.stop());

  it("a field consent removes takes its @include/@skip variable with it, and Anna still gets Peter's SOCIAL case she is entitled to", async () => {
    const result = await graphql(
      federation.gateway.url,
      `query($yes: Boolean!, $no: Boolean!) { citizen(cpr: "${PETER}")
        { social @skip(if: $no) { kind healthNotes { summary } substanceAbuseTreatment @include(if: $yes) { title } } } }`,
      { token: await tokenFor('cw-emp-1'), variables: { yes: true, no: false } },
    );

    expect(result.data).toEqual({
      citizen: { social: { kind: 'Socialpædagogisk støtte', healthNotes: null, substanceAbuseTreatment: null } },
    });
    expect(errorCodesByPath(result)).toEqual({
      'citizen.social.healthNotes': 'CONSENT_REQUIRED',
      'citizen.social.substanceAbuseTreatment': 'CONSENT_REQUIRED',
    });
  });

  it('a denial is not cached past the instant a consent starts: access arrives when the consent does', async () => {
    const startsAt = now + 3_000;
    const given = await graphql(
      federation.gateway.url,
      `mutation { giveConsent(input: { cpr: "1111750011", validFrom: "${new Date(startsAt).toISOString()}", validUntil: "2027-06-01T00:00:00.000Z",
          provisions: [{ effect: PERMIT, ownerDepartments: [SOCIAL], recipientDepartments: [EMPLOYMENT], categories: [CASE] }] }) { status } }`,
      { token: await tokenFor(PERSONAS.jonas.cpr) },
    );
    expect(given.data).toEqual({ giveConsent: { status: 'SCHEDULED' } });

    const anna = await tokenFor('cw-emp-1');
    const read = () => graphql(federation.gateway.url, '{ citizen(cpr: "1111750011") { social { kind } } }', { token: anna });
    now = startsAt - 1;
    expect(errorCodesByPath(await read())).toEqual({ 'citizen.social': 'CONSENT_REQUIRED' });
    // The decision cache (10 s by default) would have kept that denial for 10 s more.
    now = startsAt;
    const atStart = await read();
    expect(atStart.errors).toBeUndefined();
    expect(atStart.data).toEqual({ citizen: { social: { kind: 'Socialpædagogisk støtte' } } });
  });

  it('a persisted query whose hash does not match its text is the client’s error (400, BAD_REQUEST), never INTERNAL_SERVER_ERROR', async () => {
    const query = '{ __typename }';
    const token = await tokenFor('cw-emp-1');
    const post = (sha256Hash: string) =>
      fetch(federation.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
      });
    const mismatch = await post('0'.repeat(64));

    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { errors: unknown }).errors).toEqual([
      { message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } },
    ]);
    // The matching hash is no error of that kind.
    const matching = await post(createHash('sha256').update(query).digest('hex'));
    expect(
      ((await matching.json()) as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions.code,
    ).not.toBe('BAD_REQUEST');
  });

  it("Peter's SOCIAL case kind, CASE data, says nothing of the substance-abuse treatment his consent denies Anna", async () => {
    const result = await graphql(
      federation.gateway.url,
      `{ citizen(cpr: "${PETER}") { social { kind actions: substanceAbuseTreatment { title } } } }`,
      {
        token: await tokenFor('cw-emp-1'),
      },
    );

    expect(result.data).toEqual({ citizen: { social: { kind: 'Socialpædagogisk støtte', actions: null } } });
    expect(JSON.stringify(result.data)).not.toMatch(/misbrug|alkohol|rusmiddel/i);
  });
});
