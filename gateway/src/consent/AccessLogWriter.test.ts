import { ConsentClient, devKeyFiles, listen, readPrivateJwk, type AccessLogInput } from '@enplan/lib';
import express from 'express';
import { AccessLogWriter } from './AccessLogWriter';

const entry = (cpr: string): AccessLogInput => ({
  actorId: 'cw-emp-1',
  actorName: 'Anna Jensen',
  actorDepartment: 'EMPLOYMENT',
  cpr,
  ownerDepartment: 'SOCIAL',
  categories: ['CASE'],
  purpose: 'ONE_PLAN',
  decision: 'DISCLOSED',
  consentId: 'CON-000001',
  operationName: 'Caseload',
  reason: 'covered by consent',
});

/**
 * A consent service's access-log endpoint that records each call's citizens and answers only when
 * the test releases it (or with `status`), so a write can be held in flight.
 */
async function heldAccessLog() {
  const calls: string[][] = [];
  const held: Array<() => void> = [];
  let status = 200;
  const app = express();
  app.post('/internal/access-log', express.json(), (req, res) => {
    calls.push((req.body.entries as AccessLogInput[]).map((e) => e.cpr));
    held.push(() => void res.status(status).json({ written: req.body.entries.length }));
  });
  const { server, port } = await listen(app, 0);
  const client = new ConsentClient({
    baseUrl: `http://127.0.0.1:${port}`,
    signingKey: readPrivateJwk(devKeyFiles('gateway').privateJwk),
    timeoutMs: 2_000,
    callerId: 'test',
  });
  return {
    writer: new AccessLogWriter(client),
    calls,
    /** Answers every call received so far. */
    releaseAll: () => held.splice(0).forEach((answer) => answer()),
    answerWith: (code: number) => (status = code),
    arrived: async (count: number) => {
      while (calls.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    close: () => server.close(),
  };
}

/** One request's single fetch writing its entries, as ConsentAwareDataSource does. */
function writeFor(writer: AccessLogWriter, cprs: string[]): Promise<void> {
  const session = writer.open({});
  try {
    return session.write(cprs.map(entry));
  } finally {
    session.close();
  }
}

describe('the gateway writes the access log of concurrent requests together', () => {
  it('sends the entries that become ready while a write is in flight in one call once it returns', async () => {
    const service = await heldAccessLog();
    try {
      const first = writeFor(service.writer, ['0101804321']);
      await service.arrived(1);
      const settled: string[] = [];
      const later = [
        writeFor(service.writer, ['0202815678']).then(() => settled.push('second')),
        writeFor(service.writer, ['0303826789']).then(() => settled.push('third')),
      ];
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(service.calls).toEqual([['0101804321']]);
      expect(settled).toEqual([]);

      service.releaseAll();
      await first;
      await service.arrived(2);
      expect(service.calls).toEqual([['0101804321'], ['0202815678', '0303826789']]);
      expect(settled).toEqual([]);

      service.releaseAll();
      await Promise.all(later);
      expect(settled.sort()).toEqual(['second', 'third']);
    } finally {
      service.close();
    }
  });

  it('fails every request whose entries were in a failed call, and writes the next ones once the service answers', async () => {
    const service = await heldAccessLog();
    try {
      const first = writeFor(service.writer, ['0101804321']);
      await service.arrived(1);
      const second = writeFor(service.writer, ['0202815678']);
      const third = writeFor(service.writer, ['0303826789']);
      service.answerWith(503);
      service.releaseAll();
      await expect(first).rejects.toThrow();
      await service.arrived(2);
      service.releaseAll();
      await expect(second).rejects.toThrow();
      await expect(third).rejects.toThrow();

      service.answerWith(200);
      const fourth = writeFor(service.writer, ['0404837890']);
      await service.arrived(3);
      service.releaseAll();
      await expect(fourth).resolves.toBeUndefined();
      expect(service.calls).toEqual([['0101804321'], ['0202815678', '0303826789'], ['0404837890']]);
    } finally {
      service.close();
    }
  });
});
