import { createLogger } from './logger';

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
});
