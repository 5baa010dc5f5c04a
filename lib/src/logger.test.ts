import { apolloLogger, createLogger } from './logger';
import { runInRequestScope } from './requestContext';

describe('the service logger', () => {
  it('never writes a whole CPR number, in the message or in any field', () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'debug', (line) => lines.push(line));
    logger.info('looked up 0101804321', { citizen: '150285-4562', nested: { cprs: ['0101650005'] } });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      message: 'looked up 010180-XXXX',
      citizen: '150285-XXXX',
      nested: { cprs: ['010165-XXXX'] },
    });
  });

  it('drops lines below its level', () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'warn', (line) => lines.push(line));
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((l) => JSON.parse(l).message)).toEqual(['loud']);
  });

  it('puts the id of the request being served on every line, and none outside a request', () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'info', (line) => lines.push(line));
    runInRequestScope({ requestId: 'ticket-4711-bo-reads-mette' }, () => logger.warn('consent undecidable; failing closed'));
    logger.info('listening');
    expect(lines.map((l) => JSON.parse(l).requestId)).toEqual(['ticket-4711-bo-reads-mette', undefined]);
  });

  it("writes what Apollo's libraries log by its text: an Error's message without its stack, a plain error object's message", () => {
    const lines: string[] = [];
    const apollo = apolloLogger(createLogger('gateway', 'info', (line) => lines.push(line)));
    apollo.error({ message: 'Enum "Color" cannot represent value: "PURPLE"', extensions: { code: 'X' } });
    apollo.warn(new Error('Could not store queryPlan'));
    apollo.info('plain', { step: 2 });
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).toEqual([
      'Enum "Color" cannot represent value: "PURPLE"',
      'Could not store queryPlan',
      'plain {"step":2}',
    ]);
  });
});
