import express from 'express';
import { ConsentClient, ConsentUnavailableError } from './consentClient';
import { listen } from './http';
import { devKeyFiles, readPrivateJwk } from './index';

/** A consent service that answers every decision call with `body`. */
async function consentServiceAnswering(body: unknown) {
  const app = express();
  app.post('/internal/decisions', (_req, res) => void res.json(body));
  const { server, port } = await listen(app, 0);
  return {
    client: new ConsentClient({
      baseUrl: `http://127.0.0.1:${port}`,
      signingKey: readPrivateJwk(devKeyFiles('gateway').privateJwk),
      timeoutMs: 2_000,
      callerId: 'test',
    }),
    close: () => server.close(),
  };
}

const QUESTION = {
  cpr: '0101804321',
  owner: 'SOCIAL',
  recipient: 'EMPLOYMENT',
  category: 'HEALTH',
  purpose: 'ONE_PLAN',
} as const;
const DECISION = { allowed: false, consentId: 'CON-000001', reason: 'not covered', validUntil: null, nextChangeAt: null };

describe('the consent client checks what the consent service answers', () => {
  test.each([
    ['a well-formed answer is passed on', { evaluatedAt: 1, changeSequence: 0, decisions: [DECISION] }, undefined],
    [
      'an allow given as a string fails closed',
      { evaluatedAt: 1, changeSequence: 0, decisions: [{ ...DECISION, allowed: 'true' }] },
      ConsentUnavailableError,
    ],
    ['fewer decisions than questions fail closed', { evaluatedAt: 1, changeSequence: 0, decisions: [] }, ConsentUnavailableError],
    [
      'an unknown field fails closed',
      { evaluatedAt: 1, changeSequence: 0, decisions: [{ ...DECISION, allowedFor: ['EMPLOYMENT'] }] },
      ConsentUnavailableError,
    ],
    [
      'an answer without the change sequence it reflects fails closed',
      { evaluatedAt: 1, decisions: [DECISION] },
      ConsentUnavailableError,
    ],
    ['no answer at all fails closed', null, ConsentUnavailableError],
  ])('%s', async (_, body, failure) => {
    const service = await consentServiceAnswering(body);
    try {
      const answer = service.client.decide([QUESTION]);
      if (failure) await expect(answer).rejects.toThrow(failure);
      else await expect(answer).resolves.toEqual(body);
    } finally {
      service.close();
    }
  });
});
