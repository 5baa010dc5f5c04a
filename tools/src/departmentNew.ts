import { parseArgs } from 'node:util';
import { REPO_ROOT } from '@enplan/lib';
import { scaffoldDepartment } from './departmentScaffold';

const usage = 'usage: npm run department:new -- <name> --openapi <description.json>';
try {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { openapi: { type: 'string' } } });
  const [name] = positionals;
  if (!name || !values.openapi) throw new Error(usage);
  const written = scaffoldDepartment({ name, openapiFile: values.openapi, root: REPO_ROOT });
  process.stdout.write(
    [
      ...written.map((file) => `wrote ${file}`),
      '',
      `Next: classify every UNCLASSIFIED in subgraphs/${name}/department.json, then`,
      `  npm run schema:check -- ${name}   # refuses the department until every field has a category`,
      '  npm run schema:compose',
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
