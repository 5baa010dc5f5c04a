import { currentRequestId, newRequestId, runInRequestScope, traceIdOfTraceparent, validRequestId } from './requestContext';

describe('request ids', () => {
  it.each([
    ['ticket-4711-bo-reads-mette', true],
    ['4bf92f3577b34da6a3ce929d0e0e4736', true],
    ['0af7651916cd43dd8448eb211c80319c', true],
    ['f47ac10b-58cc-4372-a567-0e02b2c3d479', true], // a UUID
    ['short', false],
    ['a b c d e f g h', false],
    ['line\nbreak-injection', false],
    ['lookup-0101804321', false], // a CPR smuggled into logs and the access log
    ['lookup-010180-4321', false],
    ['ab1502854562cd-ef', false],
    ['x'.repeat(129), false],
    [42, false],
  ])("a caller's x-request-id %p is taken: %p", (id, taken) => {
    expect(validRequestId(id)).toBe(taken ? id : undefined);
  });

  it.each([
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', undefined], // all-zero trace id is invalid
    ['01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', undefined], // unknown version
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', undefined], // upper case is not W3C
    ['garbage', undefined],
    [undefined, undefined],
  ])('the trace id of traceparent %p is %p', (header, traceId) => {
    expect(traceIdOfTraceparent(header)).toBe(traceId);
  });

  it('makes ids that are trace-id shaped and always pass its own check (never ten digits in a row)', () => {
    for (let i = 0; i < 5_000; i++) {
      const id = newRequestId();
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(validRequestId(id)).toBe(id);
    }
  });

  it('knows the request it serves, across awaits, and none outside one', async () => {
    expect(currentRequestId()).toBeUndefined();
    await runInRequestScope({ requestId: 'ticket-4711-bo-reads-mette' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      expect(currentRequestId()).toBe('ticket-4711-bo-reads-mette');
    });
    expect(currentRequestId()).toBeUndefined();
  });
});
