import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@enplan/lib';
import { FieldUsageCounter } from './FieldUsageCounter';
import { keepFieldUsageIn } from './fieldUsageFile';

const DEC_7 = Date.parse('2026-12-07T10:00:00Z');
const SETTINGS = { maxOperations: 10, retainDays: 30, writeIntervalMs: 60_000 };

describe('field usage kept in a file across restarts (FIELD_USAGE_FILE)', () => {
  let dir: string;
  const warnings: Array<[string, unknown]> = [];
  const logger: Logger = { debug() {}, info() {}, warn: (message, fields) => warnings.push([message, fields]), error() {} };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'enplan-usage-'));
    warnings.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('the counts written on stop are read back by the next start, and keep adding up', () => {
    const file = join(dir, 'usage.json');
    const before = new FieldUsageCounter(SETTINGS, () => DEC_7);
    const first = keepFieldUsageIn(file, 60_000, before, logger);
    before.record('CitizenPlan', ['JointPlan.createdAt']);
    first.close();

    const after = new FieldUsageCounter(SETTINGS, () => DEC_7);
    const second = keepFieldUsageIn(file, 60_000, after, logger);
    after.record('CitizenPlan', ['JointPlan.createdAt']);
    second.close();

    expect(JSON.parse(readFileSync(file, 'utf8')).entries).toEqual([
      { day: '2026-12-07', operation: 'CitizenPlan', field: 'JointPlan.createdAt', count: 2 },
    ]);
    expect(warnings).toEqual([]);
  });

  test('days older than the counter keeps are not read back', () => {
    const file = join(dir, 'usage.json');
    const entries = [
      { day: '2026-10-01', operation: 'CitizenPlan', field: 'JointPlan.createdAt', count: 4 },
      { day: '2026-12-01', operation: 'CitizenPlan', field: 'JointPlan.createdAt', count: 1 },
    ];
    writeFileSync(file, JSON.stringify({ format: 'enplan-field-usage/1', exportedAt: '2026-12-01T00:00:00Z', entries }));
    const counter = new FieldUsageCounter(SETTINGS, () => DEC_7);

    keepFieldUsageIn(file, 60_000, counter, logger).close();

    expect(counter.export().entries).toEqual([entries[1]]);
  });

  test('a file that is no export is logged, counting starts afresh, and the file is replaced by a valid one', () => {
    const file = join(dir, 'usage.json');
    writeFileSync(file, '{"half":');
    const counter = new FieldUsageCounter(SETTINGS, () => DEC_7);

    keepFieldUsageIn(file, 60_000, counter, logger).close();

    expect(warnings).toEqual([
      ['field usage file not read: counting afresh', { file, message: expect.stringContaining(`${file} is not JSON`) }],
    ]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      format: 'enplan-field-usage/1',
      exportedAt: '2026-12-07T10:00:00.000Z',
      entries: [],
    });
  });
});
