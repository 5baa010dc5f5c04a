import { CriticalityLevel } from '@graphql-inspector/core';
import { subgraphDescriptor } from '@enplan/lib';
import type { ErrorLocation } from './composeStep';
import type { SchemaCheckResult } from './runSchemaCheck';
import { failsCheck } from './usageStep';

type Verdict = 'PASS' | 'FAIL' | 'WARN';

/** The readable report: one section per step, every line prefixed with PASS, FAIL or WARN. */
export function formatReport(result: SchemaCheckResult): string {
  const sections: [string, [Verdict, string][]][] = [
    ['1. Composition', compositionLines(result)],
    ['2. API changes against the committed supergraph.graphql', changeLines(result)],
    ['3. Registered frontend operations (operations/*.graphql)', operationLines(result)],
    ['4. Consent lint', consentLines(result)],
    ...(result.clientOperations !== undefined ? [clientSection(result)] : []),
    ...(result.removedFieldUsage !== undefined ? [usageSection(result)] : []),
  ];
  const lines = [`Schema check of subgraph "${result.subgraph}"`];
  for (const [title, entries] of sections) {
    // Continuation lines (multi-line composition messages) are indented under their verdict.
    lines.push('', title, ...entries.map(([verdict, text]) => `  ${verdict} ${text.replaceAll('\n', '\n       ')}`));
  }
  const verdicts = sections.flatMap(([, entries]) => entries.map(([verdict]) => verdict));
  const count = (verdict: Verdict) => verdicts.filter((v) => v === verdict).length;
  lines.push('', `${result.ok ? 'PASS' : 'FAIL'} ${result.subgraph}: ${count('FAIL')} failed, ${count('WARN')} warnings`);
  return lines.join('\n') + '\n';
}

function compositionLines({ composition }: SchemaCheckResult): [Verdict, string][] {
  if (composition.ok) return [['PASS', 'composes with the committed subgraphs']];
  return composition.errors.map((error) => {
    const where = error.locations.map(formatLocation).filter(Boolean);
    return ['FAIL', `${error.code}: ${error.message}${where.length ? `\nat ${where.join('; ')}` : ''}`];
  });
}

function formatLocation(location: ErrorLocation): string {
  const position = location.inSharedSdl
    ? ' (shared types)'
    : location.line !== undefined
      ? `:${location.line}:${location.column}`
      : '';
  return [`${location.subgraph ?? ''}${position}`, location.coordinate].filter(Boolean).join(' ');
}

const NOT_COMPOSED: [Verdict, string] = ['WARN', 'not checked: the supergraph does not compose'];

function changeLines({ changes, removedFieldUsage }: SchemaCheckResult): [Verdict, string][] {
  if (changes === null) return [NOT_COMPOSED];
  if (changes.length === 0) return [['PASS', 'no changes']];
  return changes.map((change) => [
    failsCheck(change, removedFieldUsage) ? 'FAIL' : change.criticality !== CriticalityLevel.NonBreaking ? 'WARN' : 'PASS',
    `${change.criticality} ${change.type}${change.path ? ` ${change.path}` : ''}: ${change.message}`,
  ]);
}

function operationLines({ operations }: SchemaCheckResult): [Verdict, string][] {
  return reportLines(operations);
}

function clientSection({ clientOperations }: SchemaCheckResult): [string, [Verdict, string][]] {
  return ['5. Client operations (--operations)', reportLines(clientOperations ?? null)];
}

function usageSection({ removedFieldUsage, usageDays }: SchemaCheckResult): [string, [Verdict, string][]] {
  const title = `6. Removed fields against recorded usage (--usage, last ${usageDays} days)`;
  if (removedFieldUsage === null || removedFieldUsage === undefined) return [title, [NOT_COMPOSED]];
  if (removedFieldUsage.length === 0) return [title, [['PASS', 'no field removed']]];
  return [
    title,
    removedFieldUsage.map(({ field, verdict, count, operations }): [Verdict, string] => {
      if (verdict === 'REMOVABLE') return ['WARN', `${field}: deprecated, no recorded use: removable`];
      if (verdict === 'NOT_DEPRECATED') return ['FAIL', `${field}: not deprecated: deprecate it first, then watch its usage`];
      const by = operations.map((o) => `${o.name} (${o.count})`).join(', ');
      return ['FAIL', `${field}: used ${count} times by ${by}`];
    }),
  ];
}

function reportLines(operations: SchemaCheckResult['operations']): [Verdict, string][] {
  if (operations === null) return [NOT_COMPOSED];
  return operations.map((operation) =>
    operation.ok
      ? ['PASS', `${operation.name} (${operation.file})`]
      : ['FAIL', `${operation.name} (${operation.file}) would break: ${operation.errors.join(' ')}`],
  );
}

function consentLines({ consentLint, subgraph }: SchemaCheckResult): [Verdict, string][] {
  if (consentLint === null) {
    return subgraphDescriptor(subgraph).kind === 'department'
      ? [['WARN', 'not checked: the subgraph SDL does not parse']]
      : [['PASS', 'not a department subgraph: it holds no department data to categorise']];
  }
  const entries: [Verdict, string][] = [
    ...consentLint.missingCategory.map(({ subgraph, type, field }): [Verdict, string] => [
      'FAIL',
      `${type}.${field} in subgraph ${subgraph} has no data category: add @category(is: …) to the field or to type ${type}`,
    ]),
    ...consentLint.privacyChanges.map(({ type, field, from, to, direction, needsReview }): [Verdict, string] => [
      needsReview ? 'FAIL' : 'PASS',
      `${type}.${field} category ${direction} ${from} -> ${to}${needsReview ? ': privacy change, needs review' : ''}`,
    ]),
  ];
  if (consentLint.missingCategory.length === 0) entries.unshift(['PASS', 'every field has a data category']);
  return entries;
}
