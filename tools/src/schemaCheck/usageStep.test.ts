import type { FieldUsageEntry } from '@enplan/lib';
import { planWithoutCreatedAt, planWithoutSummary } from './fixtures/planSchemaEdits';
import { formatReport } from './formatReport';
import { runSchemaCheck } from './runSchemaCheck';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const WITHOUT_SUMMARY = planWithoutSummary();
const WITHOUT_CREATED_AT = planWithoutCreatedAt();

const use = (day: string, operation: string, field: string, count: number): FieldUsageEntry => ({ day, operation, field, count });

describe('schema:check --usage: a removed field against the operations clients actually sent', () => {
  test('a deprecated field with no recorded use in the window is removable: a warning, and the check passes', async () => {
    const entries = [
      use('2026-12-06', 'MyOnePlan', 'JointPlan.history', 40),
      use('2026-10-01', 'PlanView', 'PlanChange.summary', 3),
    ];

    const result = await runSchemaCheck({
      subgraph: 'plan',
      proposedSdl: WITHOUT_SUMMARY,
      usage: { entries, days: 30 },
      now: NOW,
    });

    expect(result.ok).toBe(true);
    expect(result.changes).toEqual([
      expect.objectContaining({ criticality: 'BREAKING', type: 'FIELD_REMOVED', path: 'PlanChange.summary', deprecated: true }),
    ]);
    expect(result.removedFieldUsage).toEqual([
      { field: 'PlanChange.summary', deprecated: true, verdict: 'REMOVABLE', count: 0, operations: [] },
    ]);
    const report = formatReport(result);
    expect(report).toContain('6. Removed fields against recorded usage (--usage, last 30 days)');
    expect(report).toContain('  WARN PlanChange.summary: deprecated, no recorded use: removable');
    expect(report).toContain('  WARN BREAKING FIELD_REMOVED PlanChange.summary');
    expect(report).toMatch(/PASS plan: 0 failed, 2 warnings\n$/);
  });

  test('a deprecated field used in the window fails, naming each operation and its count', async () => {
    const entries = [
      use('2026-12-07', 'PlanView', 'PlanChange.summary', 5),
      use('2026-11-20', 'PlanView', 'PlanChange.summary', 2),
      use('2026-12-01', '(other)', 'PlanChange.summary', 1),
      use('2026-12-07', 'PlanView', 'JointPlan.history', 7),
    ];

    const result = await runSchemaCheck({
      subgraph: 'plan',
      proposedSdl: WITHOUT_SUMMARY,
      usage: { entries, days: 30 },
      now: NOW,
    });

    expect(result.ok).toBe(false);
    expect(result.removedFieldUsage).toEqual([
      {
        field: 'PlanChange.summary',
        deprecated: true,
        verdict: 'USED',
        count: 8,
        operations: [
          { name: 'PlanView', count: 7 },
          { name: '(other)', count: 1 },
        ],
      },
    ]);
    expect(formatReport(result)).toContain('  FAIL PlanChange.summary: used 8 times by PlanView (7), (other) (1)');
  });

  test('the window is the last N days, today included: older use does not keep a deprecated field', async () => {
    const entries = [use('2026-12-04', 'PlanView', 'PlanChange.summary', 5)];

    const within = await runSchemaCheck({
      subgraph: 'plan',
      proposedSdl: WITHOUT_SUMMARY,
      usage: { entries, days: 4 },
      now: NOW,
    });
    const before = await runSchemaCheck({
      subgraph: 'plan',
      proposedSdl: WITHOUT_SUMMARY,
      usage: { entries, days: 3 },
      now: NOW,
    });

    expect(within.removedFieldUsage?.map((r) => r.verdict)).toEqual(['USED']);
    expect(within.ok).toBe(false);
    expect(before.removedFieldUsage?.map((r) => r.verdict)).toEqual(['REMOVABLE']);
    expect(before.ok).toBe(true);
  });

  test('a field that was never deprecated still fails, even with no recorded use', async () => {
    const result = await runSchemaCheck({
      subgraph: 'plan',
      proposedSdl: WITHOUT_CREATED_AT,
      usage: { entries: [], days: 30 },
      now: NOW,
    });

    expect(result.ok).toBe(false);
    expect(result.removedFieldUsage).toEqual([
      { field: 'JointPlan.createdAt', deprecated: false, verdict: 'NOT_DEPRECATED', count: 0, operations: [] },
    ]);
    expect(formatReport(result)).toContain(
      '  FAIL JointPlan.createdAt: not deprecated: deprecate it first, then watch its usage',
    );
  });

  test('without --usage, removing a deprecated field fails as any breaking change does', async () => {
    const result = await runSchemaCheck({ subgraph: 'plan', proposedSdl: WITHOUT_SUMMARY });

    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('removedFieldUsage');
  });
});
