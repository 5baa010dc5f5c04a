import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { registeredSubgraphs, loadRegistry } from '@enplan/lib';
import { formatReport } from './schemaCheck/formatReport';
import { runSchemaCheck } from './schemaCheck/runSchemaCheck';
import { readUsage } from './schemaCheck/usageStep';

/**
 * `npm run schema:check -- <subgraph> [--schema path/to/proposed.graphql] [--json]`: checks a
 * subgraph change offline. Exit 0 when it passes, 1 when it fails, 2 on a usage error.
 */
const usage =
  () => `usage: npm run schema:check -- <subgraph> [--schema path/to/proposed.graphql] [--operations <file|folder>]... [--usage <export.json>]... [--usage-days N] [--json]
  subgraph   one of: ${registeredSubgraphs()
    .map((s) => s.name)
    .join(', ')}; or a new subgraph's name, with --schema
  --schema   the proposed schema.graphql (default: the committed subgraphs/<subgraph>/src/schema.graphql)
  --operations  a client's operations besides the registered ones: .graphql files, a folder of them, or a
             persisted-operations manifest (.json); each operation the change would break is named
  --usage    field-usage exports of the gateways (GET /usage; several are merged): a removed field used in the
             window fails, naming the operations and the count; a deprecated one with no recorded use may go
  --usage-days  the window of --usage, in days up to today (default 30)
  --json     print one JSON object instead of the readable report
`;

function usageError(message: string): void {
  process.stderr.write(`error: ${message}\n${usage()}`);
  process.exitCode = 2;
}

async function main(): Promise<void> {
  loadRegistry();
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: {
        schema: { type: 'string' },
        operations: { type: 'string', multiple: true },
        usage: { type: 'string', multiple: true },
        'usage-days': { type: 'string', default: '30' },
        json: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    return usageError((error as Error).message);
  }
  const [subgraph, ...extra] = args.positionals;
  if (subgraph === undefined || extra.length > 0) return usageError('name exactly one subgraph');
  const schemaPath = args.values.schema;
  if (!registeredSubgraphs().some((s) => s.name === subgraph) && schemaPath === undefined) {
    return usageError(`unknown subgraph "${subgraph}": for a new subgraph, give its schema with --schema`);
  }
  if (schemaPath !== undefined && !existsSync(schemaPath)) return usageError(`no such file: ${schemaPath}`);
  const clientOperations = args.values.operations;
  const missing = clientOperations?.find((path) => !existsSync(path));
  if (missing !== undefined) return usageError(`no such file or folder: ${missing}`);

  const usageFiles = args.values.usage;
  const missingUsage = usageFiles?.find((path) => !existsSync(path));
  if (missingUsage !== undefined) return usageError(`no such file: ${missingUsage}`);
  const days = Number(args.values['usage-days']);
  if (!Number.isInteger(days) || days < 1) return usageError('--usage-days must be a whole number of days, 1 or more');
  let entries;
  try {
    entries = usageFiles && readUsage(usageFiles);
  } catch (error) {
    return usageError((error as Error).message);
  }

  const proposedSdl = schemaPath === undefined ? undefined : readFileSync(schemaPath, 'utf8');
  const result = await runSchemaCheck({
    subgraph,
    proposedSdl,
    ...(clientOperations && { clientOperations }),
    ...(entries && { usage: { entries, days } }),
  });
  process.stdout.write(args.values.json ? `${JSON.stringify(result, null, 2)}\n` : formatReport(result));
  // exitCode, not exit(): a large JSON report on a pipe must be flushed before the process ends.
  process.exitCode = result.ok ? 0 : 1;
}

void main();
