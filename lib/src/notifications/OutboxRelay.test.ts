import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../logger';
import { PERSONAS } from '../personas';
import { inTransaction, openDatabase, type SqliteDatabase } from '../sqlite';
import type { Notification } from './Notification';
import { SqliteOutbox } from './Outbox';
import { OutboxRelay } from './OutboxRelay';
import { WebhookDeliverer } from './WebhookDeliverer';

const note = (n: number): Notification => ({
  id: `NOTE-${n}`,
  cpr: PERSONAS.jonas.cpr,
  kind: 'PLAN_CREATED',
  createdAt: 1_000 + n,
  subject: 'Din fælles plan er oprettet',
  body: `besked ${n}`,
  consentId: null,
  receipt: null,
});

/** A Digital Post endpoint on loopback answering with the statuses given, then 202. */
async function digitalPost(
  statuses: number[],
): Promise<{ url: string; server: Server; received: string[]; calls: () => number }> {
  const received: string[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const status = statuses[calls++] ?? 202;
      if (status < 300) received.push((JSON.parse(body) as Notification).id);
      res.writeHead(status).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`, server, received, calls: () => calls };
}

describe('the outbox: every notification is delivered, in order, retried until it is', () => {
  let dir: string;
  let db: SqliteDatabase;
  let clock: number;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enplan-outbox-'));
    db = openDatabase(join(dir, 'outbox.sqlite'));
    clock = 10_000;
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers to a webhook that is down at first: retried with back-off, never out of order, each once', async () => {
    const post = await digitalPost([503, 500]);
    try {
      const outbox = new SqliteOutbox(db, ['digital-post']);
      const relay = new OutboxRelay(outbox, {
        deliverers: { 'digital-post': new WebhookDeliverer({ url: post.url }) },
        logger: silentLogger,
        retryBaseMs: 1_000,
        now: () => clock,
      });
      [1, 2, 3].forEach((n) => outbox.enqueue(note(n), clock));

      await relay.pump();
      expect(post.received).toEqual([]);
      expect(post.calls()).toBe(1); // the first failure holds back the messages after it

      await relay.pump();
      expect(post.calls()).toBe(1); // not yet due: 1 s back-off

      clock += 1_000;
      await relay.pump();
      expect(post.calls()).toBe(2); // failed again: now 2 s

      clock += 1_999;
      await relay.pump();
      expect(post.calls()).toBe(2);

      clock += 1;
      await relay.pump();
      expect(post.received).toEqual(['NOTE-1', 'NOTE-2', 'NOTE-3']);
      expect(outbox.undeliveredCount()).toBe(0);

      await relay.pump();
      expect(post.calls()).toBe(5);
    } finally {
      post.server.close();
    }
  });

  it('a webhook that does not answer at all counts as not delivered', async () => {
    const outbox = new SqliteOutbox(db, ['digital-post']);
    const relay = new OutboxRelay(outbox, {
      deliverers: { 'digital-post': new WebhookDeliverer({ url: 'http://127.0.0.1:9/nobody-listens', timeoutMs: 500 }) },
      logger: silentLogger,
      now: () => clock,
    });
    outbox.enqueue(note(1), clock);
    await relay.pump();
    expect(outbox.undeliveredCount()).toBe(1);
  });

  it('a message enqueued in a transaction that rolls back is never sent', async () => {
    const outbox = new SqliteOutbox(db, ['inbox']);
    expect(() =>
      inTransaction(db, () => {
        outbox.enqueue(note(1), clock);
        throw new Error('the change failed');
      }),
    ).toThrow('the change failed');
    expect(outbox.undeliveredCount()).toBe(0);
  });

  it('goes to every channel; a failing channel does not hold back another', async () => {
    const delivered: string[] = [];
    const outbox = new SqliteOutbox(db, ['inbox', 'digital-post']);
    const relay = new OutboxRelay(outbox, {
      deliverers: {
        inbox: { deliver: async (n) => void delivered.push(n.id) },
        'digital-post': { deliver: async () => Promise.reject(new Error('Digital Post is down')) },
      },
      logger: silentLogger,
      now: () => clock,
    });
    outbox.enqueue(note(1), clock);
    outbox.enqueue(note(2), clock);
    await relay.pump();
    expect(delivered).toEqual(['NOTE-1', 'NOTE-2']);
    expect(outbox.undeliveredCount()).toBe(2);
  });

  it('refuses to start without a deliverer for a channel, and refuses a malformed notification', () => {
    const outbox = new SqliteOutbox(db, ['inbox', 'digital-post']);
    expect(() => new OutboxRelay(outbox, { deliverers: { inbox: { deliver: async () => {} } }, logger: silentLogger })).toThrow(
      'No deliverer for outbox channel(s): digital-post',
    );
    expect(() => outbox.enqueue({ ...note(1), cpr: '0101804321x' }, clock)).toThrow();
  });
});
